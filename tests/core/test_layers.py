"""Apps depend downwards only: people at the bottom, then frameworks, opportunities, plans,
conversations and reminders above them. A page that needs several apps is composed above
them (careermap/core), never by a lower app reaching up, even through an import inside a
function."""

import ast
from pathlib import Path

import pytest

import careermap

ROOT = Path(careermap.__file__).parent

# app -> the apps it must never import
FORBIDDEN = {
    "people": {"frameworks", "conversations", "plans", "opportunities", "reminders", "insights"},
    "frameworks": {"conversations", "plans", "opportunities", "reminders", "insights"},
    "opportunities": {"plans", "conversations", "reminders", "insights"},
    "conversations": {"insights"},
    "plans": {"insights"},
}
# The one upward import left, owned elsewhere: an opportunity's change moves on the revision of
# the plans that use it, so their cached parts are rebuilt (to go with the plans caching rework).
ALLOWED = {("opportunities/services.py", "plans")}


def imported_apps(path: Path) -> set[str]:
    """The careermap apps a module imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "careermap" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_imports_nothing_from_the_apps_above_it(app):
    reaching_up = [
        f"{path.relative_to(ROOT)} imports careermap.{other}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for other in sorted(imported_apps(path) & FORBIDDEN[app])
        if (str(path.relative_to(ROOT)), other) not in ALLOWED
    ]
    assert reaching_up == []


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    from careermap.plans.models import Plan\n"
        "    import careermap.conversations.queries\n"
        "    from careermap import reminders\n"
    )
    assert imported_apps(module) == {"plans", "conversations", "reminders"}
