"""Upgrading from the previous release: its own code builds its demo organisation (and writes
conversation notes the way it did, as plain text), this release's `careermap migrate` upgrades
that database, and the demo's people sign in to find their pages answering and their notes
reading as they wrote them (now collaborative documents: conversations/0003).

The previous release is the git tag below. A checkout without tags (a shallow CI clone, a
source archive) skips, saying how to fetch them; `git clone` of a repository copies its tags.
"""

import json
import shutil
import subprocess
import sys
import tarfile

import pytest

from .operator import ROOT, careermap, environment, needs_postgres, scratch_postgres

PREVIOUS = "v0.1.0"


def _previous_release(into) -> None:
    """The previous release's files, from git, in `into`; skip when the tag is not here."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed: the previous release is read from its git tag")
    found = subprocess.run(
        [git, "-C", str(ROOT), "rev-parse", "--verify", "-q", f"{PREVIOUS}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.skip(
            f"the previous release's tag {PREVIOUS} is not in this checkout "
            "(run `git fetch --tags`, or clone without --depth)"
        )
    archive = into.parent / "previous.tar"
    subprocess.run([git, "-C", str(ROOT), "archive", "-o", str(archive), PREVIOUS], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")


def _run_previous(env: dict, source, *args: str) -> str:
    """The previous release's code, run with this test run's Python and its packages."""
    answer = subprocess.run(
        [sys.executable, *args],
        env={**env, "PYTHONPATH": str(source)},
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert answer.returncode == 0, f"{PREVIOUS} failed: {' '.join(args)}\n{answer.stderr}"
    return answer.stdout


def _upgrade_and_check(tmp_path, **database) -> None:
    source = tmp_path / "previous"
    _previous_release(source)
    env = environment(tmp_path / "data", **database)
    which = _run_previous(env, source, "-c", "import careermap; print(careermap.__file__)")
    assert which.strip() == str(source / "careermap" / "__init__.py")  # not this release's

    _run_previous(env, source, "-m", "careermap", "demo", "--people", "60", "--no-serve")
    notes = _run_previous(env, source, str(ROOT / "tests/core/upgrade_old_notes.py"))
    written = tmp_path / "notes.json"
    written.write_text(notes.strip().splitlines()[-1], encoding="utf-8")
    assert json.loads(written.read_text())  # it wrote some

    careermap(env, "migrate", "-v0")
    careermap(env, "migrate", "--check")  # nothing left to apply
    answer = subprocess.run(
        [sys.executable, "-m", "tests.core.upgrade_pages", str(written)],
        env={**env, "ALLOWED_HOSTS": "testserver"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    result = json.loads(answer.stdout.strip().splitlines()[-1])
    assert result["people"] == 60
    assert result["failures"] == [], "\n".join(result["failures"])


def test_the_previous_releases_demo_upgrades_on_sqlite(tmp_path):
    _upgrade_and_check(tmp_path)


@needs_postgres
def test_the_previous_releases_demo_upgrades_on_postgresql(tmp_path):
    with scratch_postgres("upgrade") as database_url:
        _upgrade_and_check(tmp_path, DATABASE_URL=database_url)
