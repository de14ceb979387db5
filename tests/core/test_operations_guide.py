"""The operator's guide (docs/operations.md) explains every setting Careermap reads, and the
README sends operators to it."""

import re

from .operator import ROOT

READERS = ["careermap/settings.py", "careermap/core/management/commands/serve.py"]
# Read by the environment's tools rather than listed as settings.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def _read_from_environment() -> set[str]:
    names = set()
    for path in READERS:
        text = (ROOT / path).read_text()
        names |= set(re.findall(r'env(?:bool|int|list)?\(\s*"([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', text))
    return names - NOT_SETTINGS


def test_every_setting_is_in_the_operators_guide():
    guide = (ROOT / "docs/operations.md").read_text()
    names = _read_from_environment()
    assert {"SECRET_KEY", "DATABASE_URL", "METRICS_TOKEN", "WEB_CONCURRENCY"} <= names
    missing = sorted(name for name in names if f"`{name}`" not in guide)
    assert missing == []


def test_the_readme_links_the_operators_guide():
    assert "(docs/operations.md)" in (ROOT / "README.md").read_text()
