"""`careermap move-to DATABASE_URL`: the demo organisation, moved from the embedded SQLite file
into an empty PostgreSQL database, is all there; a database that holds data is refused."""

import sqlite3

import psycopg

from careermap.core.backups import SEARCH_INDEXES

from .operator import careermap, environment, needs_postgres, scratch_postgres


def _counts_in_sqlite(path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        names = [
            n
            for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            # The full-text index is SQLite's own kind; PostgreSQL indexes the tables instead.
            if not n.startswith("sqlite_")
            and n != "django_migrations"
            and not n.startswith(SEARCH_INDEXES)
        ]
        return {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}  # noqa: S608
    finally:
        db.close()


def _counts_in_postgres(url, tables) -> dict[str, int]:
    with psycopg.connect(url) as db:
        return {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in tables}  # noqa: S608


@needs_postgres
def test_the_demo_organisation_moves_to_postgresql_whole(tmp_path):
    sqlite_env = environment(tmp_path / "data")
    careermap(sqlite_env, "demo", "--people", "60", "--no-serve")
    people = careermap(sqlite_env, "export", "people").stdout
    counts = _counts_in_sqlite(tmp_path / "data" / "careermap.sqlite3")

    with scratch_postgres("move") as url:
        said = careermap(sqlite_env, "move-to", url).stdout
        assert "every table's row count and checksum match" in said
        assert "DATABASE_URL=postgres://" in said  # what to set next

        assert _counts_in_postgres(url, counts) == counts
        moved = environment(tmp_path / "data", DATABASE_URL=url)
        assert careermap(moved, "export", "people").stdout == people
        # New rows get new ids after the copied ones.
        careermap(
            moved,
            "createadmin",
            "--email=admin@example.com",
            "--name=New Admin",
            "--password-stdin",
            stdin="a-strong-admin-password\n",
        )

        # Run again: the target now holds data, and is left exactly as it is.
        again = careermap(sqlite_env, "move-to", url, check=False)
        assert again.returncode == 1 and "already holds data" in again.stderr
        after = _counts_in_postgres(url, counts)
        assert after["people_person"] == counts["people_person"] + 1


def test_move_to_refuses_an_address_that_is_not_postgresql(tmp_path):
    env = environment(tmp_path / "data")
    careermap(env, "migrate", "-v0")
    answer = careermap(env, "move-to", f"sqlite:///{tmp_path}/other.sqlite3", check=False)
    assert answer.returncode == 1 and "copies into PostgreSQL" in answer.stderr
    assert not (tmp_path / "other.sqlite3").exists()
