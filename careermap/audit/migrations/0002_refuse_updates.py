"""The database refuses to change an access log entry, whoever asks.

The one UPDATE allowed is the one Django sends when a person who looked at someone is removed:
it empties `actor` (SET_NULL) and touches nothing else. DELETE stays allowed: removing a
person removes their own log with them (a cascade Django runs as plain DELETE statements).

SQLite rebuilds a table for some schema changes and drops its triggers with it: a later
migration that alters this table must create them again (run these functions once more).
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER audit_accessevent_no_update
BEFORE UPDATE ON audit_accessevent
WHEN NOT (
    NEW.actor_id IS NULL
    AND NEW.id IS OLD.id AND NEW.subject_id IS OLD.subject_id AND NEW.at IS OLD.at
    AND NEW.action IS OLD.action AND NEW.what IS OLD.what AND NEW.detail IS OLD.detail
)
BEGIN
    SELECT RAISE(ABORT, 'The access log is append-only: entries are never changed.');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_accessevent_no_update;"

POSTGRESQL_CREATE = """
CREATE FUNCTION audit_accessevent_refuse_update() RETURNS trigger AS $$
BEGIN
    IF NEW.actor_id IS NULL
       AND (NEW.id, NEW.subject_id, NEW.at, NEW.action, NEW.what, NEW.detail)
           IS NOT DISTINCT FROM (OLD.id, OLD.subject_id, OLD.at, OLD.action, OLD.what, OLD.detail)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: entries are never changed.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accessevent_no_update
BEFORE UPDATE ON audit_accessevent
FOR EACH ROW EXECUTE FUNCTION audit_accessevent_refuse_update();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS audit_accessevent_no_update ON audit_accessevent;
DROP FUNCTION IF EXISTS audit_accessevent_refuse_update();
"""

SQL = {"sqlite": (SQLITE_CREATE, SQLITE_DROP), "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP)}


def _run(schema_editor, index: int) -> None:
    # Other databases get the application's refusals only.
    statements = SQL.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[index], params=None)


def create_triggers(apps, schema_editor):
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
