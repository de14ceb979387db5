"""`careermap backup FILE` and `careermap restore FILE`, on the embedded SQLite database and on
PostgreSQL: a backup, a change, a restore, and the change is gone while everything else is
back; a restore checks the file first and never replaces data without --force."""

import stat

import pytest

from .operator import careermap, environment, needs_postgres, scratch_postgres

STAFF = """email,name,title,team,manager_email,start_date,hr_admin
ana.silva@example.com,Ana Silva,Engineering Manager,Platform,,2019-03-01,yes
li.wei@example.com,Li Wei,Software Engineer,Platform,ana.silva@example.com,2023-09-18,no
"""
# The change made after the backup: Li renamed, and someone new.
CHANGE = """email,name,title,team,manager_email,start_date,hr_admin
li.wei@example.com,Li Wei-Chen,Senior Software Engineer,Platform,ana.silva@example.com,2023-09-18,no
new.person@example.com,New Person,Designer,Design,,2026-01-05,no
"""


def _people(env) -> str:
    return careermap(env, "export", "people").stdout


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def install(request, tmp_path):
    """A migrated install with two people in it, on SQLite or on a scratch PostgreSQL."""
    if request.param == "sqlite":
        env = environment(tmp_path / "data")
        careermap(env, "migrate", "-v0")
        _import(env, tmp_path, STAFF)
        yield env
        return
    with scratch_postgres("backup") as url:
        env = environment(tmp_path / "data", DATABASE_URL=url)
        careermap(env, "migrate", "-v0")
        _import(env, tmp_path, STAFF)
        yield env


def _import(env, tmp_path, text: str) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text(text)
    careermap(env, "import", "people", str(csv))


def test_a_restore_takes_the_database_back_to_the_backup(install, tmp_path):
    before = _people(install)
    backup = tmp_path / "careermap.backup"
    said = careermap(install, "backup", str(backup)).stdout
    assert "Backed up" in said and f"careermap restore {backup}" in said
    # A backup holds everyone's private notes: only its owner may read it.
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    _import(install, tmp_path, CHANGE)
    changed = _people(install)
    assert "Li Wei-Chen" in changed and "new.person@example.com" in changed

    # Without --force the data stays as it is.
    refused = careermap(install, "restore", str(backup), check=False)
    assert refused.returncode == 1 and "already holds data" in refused.stderr
    assert _people(install) == changed

    said = careermap(install, "restore", str(backup), "--force").stdout
    assert "Restored" in said
    assert _people(install) == before


def test_a_backup_restores_into_an_empty_database_without_force(install, tmp_path):
    backup = tmp_path / "careermap.backup"
    careermap(install, "backup", str(backup))
    before = _people(install)
    url = install.get("DATABASE_URL")
    if url is None:  # a new machine: the data folder is empty
        fresh = environment(tmp_path / "fresh")
        careermap(fresh, "restore", str(backup))
        assert _people(fresh) == before
        return
    with scratch_postgres("restore") as other:
        fresh = environment(tmp_path / "fresh", DATABASE_URL=other)
        careermap(fresh, "restore", str(backup))
        assert _people(fresh) == before


def test_a_damaged_backup_is_refused_and_nothing_is_changed(install, tmp_path):
    backup = tmp_path / "careermap.backup"
    careermap(install, "backup", str(backup))
    data = bytearray(backup.read_bytes())
    before = _people(install)
    for share in (2, 10):
        # A copy that stopped half-way, and one that stopped near the end (its table of
        # contents intact, its data not: caught only while restoring).
        cut = backup.with_name("cut.backup")
        cut.write_bytes(data[: len(data) * (share - 1) // share])
        answer = careermap(install, "restore", str(cut), "--force", check=False)
        assert answer.returncode == 1
        assert any(
            said in answer.stderr
            for said in ("integrity check", "cannot be read", "failed and nothing was changed")
        ), answer.stderr
        assert _people(install) == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    env = environment(tmp_path / "data")
    other = tmp_path / "notes.txt"
    other.write_text("not a database")
    answer = careermap(env, "restore", str(other), "--force", check=False)
    assert answer.returncode == 1 and "is not a Careermap backup" in answer.stderr
    assert not (tmp_path / "data" / "careermap.sqlite3").exists()


def test_a_backup_never_overwrites_a_file_without_force(tmp_path):
    env = environment(tmp_path / "data")
    careermap(env, "migrate", "-v0")
    backup = tmp_path / "careermap.backup"
    backup.write_text("last night's")
    answer = careermap(env, "backup", str(backup), check=False)
    assert answer.returncode == 1 and "already exists" in answer.stderr
    assert backup.read_text() == "last night's"
    careermap(env, "backup", str(backup), "--force")
    assert backup.read_bytes().startswith(b"SQLite format 3")
