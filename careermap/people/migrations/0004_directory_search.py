# Written by hand: the people directory's search index, one kind per database.

from django.db import migrations

# SQLite: FTS5 tables with the trigram tokenizer answer "contains this text" (three characters
# or more, any case) from an index. Triggers keep them in step with every write, whatever
# makes it: services, imports, the demo's bulk inserts, the admin site, a raw UPDATE.
SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE people_person_search USING fts5(name, email, job_title, "
    "tokenize='trigram')",
    "CREATE VIRTUAL TABLE people_team_search USING fts5(name, tokenize='trigram')",
    """CREATE TRIGGER people_person_search_insert AFTER INSERT ON people_person BEGIN
        INSERT INTO people_person_search (rowid, name, email, job_title)
        VALUES (new.id, new.name, new.email, new.job_title);
    END""",
    # Django's UPDATE names every column: only a change to a searched one touches the index.
    """CREATE TRIGGER people_person_search_update AFTER UPDATE OF id, name, email, job_title
    ON people_person WHEN old.id IS NOT new.id OR old.name IS NOT new.name
        OR old.email IS NOT new.email OR old.job_title IS NOT new.job_title BEGIN
        DELETE FROM people_person_search WHERE rowid = old.id;
        INSERT INTO people_person_search (rowid, name, email, job_title)
        VALUES (new.id, new.name, new.email, new.job_title);
    END""",
    """CREATE TRIGGER people_person_search_delete AFTER DELETE ON people_person BEGIN
        DELETE FROM people_person_search WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER people_team_search_insert AFTER INSERT ON people_team BEGIN
        INSERT INTO people_team_search (rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER people_team_search_update AFTER UPDATE OF id, name ON people_team
    WHEN old.id IS NOT new.id OR old.name IS NOT new.name BEGIN
        DELETE FROM people_team_search WHERE rowid = old.id;
        INSERT INTO people_team_search (rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER people_team_search_delete AFTER DELETE ON people_team BEGIN
        DELETE FROM people_team_search WHERE rowid = old.id;
    END""",
    # The people and teams already there.
    "INSERT INTO people_person_search (rowid, name, email, job_title) "
    "SELECT id, name, email, job_title FROM people_person",
    "INSERT INTO people_team_search (rowid, name) SELECT id, name FROM people_team",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER people_person_search_insert",
    "DROP TRIGGER people_person_search_update",
    "DROP TRIGGER people_person_search_delete",
    "DROP TRIGGER people_team_search_insert",
    "DROP TRIGGER people_team_search_update",
    "DROP TRIGGER people_team_search_delete",
    "DROP TABLE people_person_search",
    "DROP TABLE people_team_search",
]

# PostgreSQL: trigram GIN indexes, which serve ILIKE '%text%' and which PostgreSQL keeps up to
# date itself (no trigger to forget, COPY and TRUNCATE included). Creating them reads the
# existing rows. pg_trgm is a trusted extension: the database's owner may create it.
# The expression must match careermap/people/queries.py's PERSON_TEXT exactly to be used.
POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX people_person_search ON people_person "
    "USING gin ((name || ' ' || email || ' ' || job_title) gin_trgm_ops)",
    "CREATE INDEX people_team_search ON people_team USING gin (name gin_trgm_ops)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX people_person_search",
    "DROP INDEX people_team_search",
]


def _run(statements_for):
    def run(apps, schema_editor):
        statements = statements_for[schema_editor.connection.vendor]
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0003_leavers_and_erasure")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
        )
    ]
