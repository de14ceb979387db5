"""Backing up and restoring the database: `careermap backup FILE`, `careermap restore FILE`.

The embedded default (SQLite) is copied with SQLite's online backup API, which gives a
consistent copy while Careermap keeps running. PostgreSQL is dumped with `pg_dump` in its
custom format and restored with `pg_restore`, from Debian's postgresql-client at the server's
major version or newer.

A restore replaces the whole database in one transaction: either everything in the backup is
back, or nothing changed. It checks the file first, and refuses to replace a database that
already holds data unless told to (`--force`).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"
# What `careermap migrate` writes into an empty database: a database holding only these
# holds no one's data yet.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
# SQLite's full-text index of people and teams (people migration 0003): derived from their
# tables, with bookkeeping rows of its own even when empty.
SEARCH_INDEXES = ("people_person_search", "people_team_search")


def is_derived(table: str) -> bool:
    """Bookkeeping, or an index kept by the database: no one's data of its own."""
    return table in BOOKKEEPING or table.startswith(SEARCH_INDEXES)


class Refused(Exception):
    """Said to the operator as it is; nothing was written."""


def kind_of(path: Path) -> str:
    """What a backup file holds, "sqlite" or "postgresql", from its first bytes."""
    with path.open("rb") as file:
        start = file.read(16)
    if start.startswith(SQLITE_HEADER):
        return "sqlite"
    if start.startswith(PG_CUSTOM_HEADER):
        return "postgresql"
    raise Refused(f"{path} is not a Careermap backup (neither a SQLite database nor a pg_dump).")


def backup(destination: Path) -> None:
    if connection.vendor == "sqlite":
        backup_sqlite(destination)
    elif connection.vendor == "postgresql":
        backup_postgresql(destination)
    else:
        raise Refused(f"Careermap cannot back up a {connection.vendor} database.")


def check(backup: Path) -> str:
    """The backup's kind ("sqlite" or "postgresql"), once it has passed its integrity check."""
    kind = kind_of(backup)
    if kind == "sqlite":
        check_sqlite(backup)
    else:
        pg_contents(backup)
    return kind


def restore(backup: Path) -> None:
    if connection.vendor == "sqlite":
        restore_sqlite(backup)
    else:
        restore_postgresql(backup)


def tables_with_data() -> list[str]:
    """The tables of the current database that hold at least one row, bookkeeping aside."""
    if connection.vendor == "sqlite" and not sqlite_path().exists():
        return []
    names = [n for n in connection.introspection.table_names() if not is_derived(n)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        found = []
        for name in names:
            cursor.execute(f"SELECT 1 FROM {quote(name)} LIMIT 1")  # noqa: S608  (our own names)
            if cursor.fetchone():
                found.append(name)
    return found


def needs_migrating() -> bool:
    connection.close()
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _write_private(partial: Path) -> None:
    # A backup holds everything, private notes included: readable by its owner only.
    partial.chmod(0o600)


# --- SQLite -------------------------------------------------------------------------------


def sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def check_sqlite(path: Path) -> None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = db.execute("PRAGMA integrity_check").fetchone()
            tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise Refused(f"{path} cannot be read as a SQLite database: {exc}.") from None
    if result != "ok":
        raise Refused(f"{path} failed SQLite's integrity check: {result}")
    if "django_migrations" not in tables:
        raise Refused(f"{path} is a SQLite database, but not a Careermap one.")


def backup_sqlite(destination: Path) -> None:
    if not sqlite_path().exists():
        raise Refused(f"There is no database at {sqlite_path()} to back up.")
    source = sqlite3.connect(sqlite_path(), timeout=20)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    target = sqlite3.connect(partial)
    try:
        _write_private(partial)
        # Copies a consistent snapshot page by page while others go on writing.
        source.backup(target)
        # One self-contained file (the live database's write-ahead log is not needed).
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()
    check_sqlite(partial)
    os.replace(partial, destination)


def restore_sqlite(backup: Path) -> None:
    check_sqlite(backup)
    connection.close()
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    target = sqlite3.connect(sqlite_path(), timeout=20)
    try:
        # Replaces every page of the live file in one step: a reader sees the old database
        # or the restored one, never a mixture.
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")  # as Careermap keeps it (settings.py)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_environment() -> dict:
    """libpq's variables for the configured database: the password never appears on a
    command line, where other users of the machine could read it."""
    db = connection.settings_dict
    env = {**os.environ}
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    for option, variable in [
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ]:
        if db.get("OPTIONS", {}).get(option):
            env[variable] = str(db["OPTIONS"][option])
    return env


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=False, **kwargs)  # noqa: S603  (PostgreSQL's tools, no shell)


def _pg_tool(name: str) -> str:
    """The path of pg_dump, pg_restore or psql, at least as new as the server."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    path = shutil.which(name)
    if path is None:
        raise Refused(
            f"{name} is needed: install PostgreSQL's client tools, version {server} or newer "
            "(on Debian: apt-get install postgresql-client)."
        )
    answer = _run([path, "--version"], capture_output=True, text=True)
    found = re.search(r"\)\s*(\d+)", answer.stdout)
    if found is None or int(found.group(1)) < server:
        raise Refused(
            f"{name} is older than the database server (PostgreSQL {server}): install "
            f"postgresql-client-{server} or newer. ({answer.stdout.strip()})"
        )
    return path


def pg_contents(backup: Path) -> str:
    """The backup's table of contents; reading it checks the whole archive's structure."""
    answer = _run([_pg_tool("pg_restore"), "--list", str(backup)], capture_output=True, text=True)
    if answer.returncode != 0:
        raise Refused(f"{backup} cannot be read by pg_restore: {answer.stderr.strip()}")
    if not re.search(r"^\d+; \d+ \d+ TABLE \S+ django_migrations\b", answer.stdout, re.M):
        raise Refused(f"{backup} is a PostgreSQL backup, but not of a Careermap database.")
    return answer.stdout


def backup_postgresql(destination: Path) -> None:
    pg_dump = _pg_tool("pg_dump")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    _write_private(partial)
    with tempfile.TemporaryFile() as errors:
        answer = _run(
            [pg_dump, "--format=custom", f"--file={partial}"], env=_pg_environment(), stderr=errors
        )
        if answer.returncode != 0:
            partial.unlink(missing_ok=True)
            errors.seek(0)
            raise Refused(f"pg_dump failed: {errors.read().decode(errors='replace').strip()}")
    pg_contents(partial)
    os.replace(partial, destination)


def _pg_existing() -> tuple[list[str], list[str]]:
    """Tables and functions of the current schema (those of extensions aside)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
        )
        tables = [name for (name,) in cursor.fetchall()]
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND NOT EXISTS ("
            "  SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        )
        functions = [signature for (signature,) in cursor.fetchall()]
    return tables, functions


def restore_postgresql(backup: Path) -> None:
    contents = pg_contents(backup)
    in_backup_tables = set(re.findall(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", contents, re.M))
    in_backup_functions = set(
        re.findall(r"^\d+; \d+ \d+ FUNCTION \S+ (\S+\(.*?\)) ", contents, re.M)
    )
    tables, functions = _pg_existing()
    quote = connection.ops.quote_name
    # One transaction: take every table first (giving up after a while if Careermap is still
    # running and holds them), drop what the backup does not have (tables and functions a
    # later release added), then the backup's own script drops and recreates the rest.
    preamble = ["BEGIN;", "SET LOCAL lock_timeout = '15s';"]
    if tables:
        preamble.append(
            f"LOCK TABLE {', '.join(quote(t) for t in tables)} IN ACCESS EXCLUSIVE MODE;"
        )
    extra_tables = [t for t in tables if t not in in_backup_tables]
    if extra_tables:
        preamble.append(f"DROP TABLE {', '.join(quote(t) for t in extra_tables)} CASCADE;")
    preamble += [f"DROP FUNCTION {f} CASCADE;" for f in functions if f not in in_backup_functions]
    env = _pg_environment()
    psql, pg_restore = _pg_tool("psql"), _pg_tool("pg_restore")
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as restore_errors:
        writer = subprocess.Popen(  # noqa: S603  (PostgreSQL's own tools, no shell)
            [psql, "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1"],
            env={**env, "PGOPTIONS": "-c client_min_messages=warning"},
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
        )
        script = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-"]
        reader = subprocess.Popen(  # noqa: S603
            [pg_restore, *script, str(backup)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        try:
            writer.stdin.write("\n".join(preamble).encode() + b"\n")
            shutil.copyfileobj(reader.stdout, writer.stdin)
            # Committed only once pg_restore has read the whole archive: a script cut short
            # by a damaged archive ends without COMMIT, and PostgreSQL rolls it all back.
            if reader.wait() == 0:
                writer.stdin.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped at an error: reported below
        finally:
            writer.stdin.close()
            reader.wait()
            writer.wait()
        if reader.returncode != 0 or writer.returncode != 0:
            psql_errors.seek(0)
            restore_errors.seek(0)
            said = (psql_errors.read() + restore_errors.read()).decode(errors="replace").strip()
            raise Refused(f"The restore failed and nothing was changed: {said}")
    connection.close()
