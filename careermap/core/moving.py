"""Moving from the embedded SQLite database to PostgreSQL: `careermap move-to DATABASE_URL`.

The target is migrated first (by `careermap migrate` in its own process, so that no data
migration can touch the SQLite file), then every table is copied in one transaction on the
target, and each table's row count and checksum are compared between the two before it
commits: a difference leaves the target without data, as it was.

A table's checksum is the sum of its rows' SHA-256 digests, each row read back through
Django's fields (a date is a date on both databases, whatever each stores), so the order in
which each database returns rows does not matter.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime

import dj_database_url
from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor

from .backups import Refused, is_derived

TARGET = "move-to-target"


@dataclass
class Copied:
    table: str
    rows: int
    checksum: str


def hide_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":…@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def connect_target(url: str):
    try:
        config = dj_database_url.parse(url)
    except ValueError as exc:
        raise Refused(f"That is not a database address: {exc}") from None
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise Refused("move-to copies into PostgreSQL: give a postgres://… address.")
    connections.settings[TARGET] = connections.configure_settings({"default": config})["default"]
    target = connections[TARGET]
    try:
        target.ensure_connection()
    except Exception as exc:  # the driver's own error says best what went wrong
        raise Refused(f"Could not connect to {hide_password(url)}: {exc}".strip()) from None
    return target


def check_source() -> None:
    source = connections["default"]
    if source.vendor != "sqlite":
        raise Refused(
            "move-to copies the embedded SQLite database, and Careermap is using "
            f"{source.display_name} already (DATABASE_URL is set)."
        )
    executor = MigrationExecutor(source)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise Refused("The SQLite database needs upgrading first: run `careermap migrate`.")


def tables_with_data(target) -> list[str]:
    quote = target.ops.quote_name
    found = []
    with target.cursor() as cursor:
        for name in target.introspection.table_names(cursor):
            if is_derived(name):
                continue
            cursor.execute(f"SELECT 1 FROM {quote(name)} LIMIT 1")  # noqa: S608  (our names)
            if cursor.fetchone():
                found.append(name)
    return found


def migrate_target(url: str) -> None:
    answer = subprocess.run(
        [sys.executable, "-m", "careermap", "migrate", "--no-input", "-v", "0"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    if answer.returncode != 0:
        raise Refused(f"Migrating the PostgreSQL database failed: {answer.stderr.strip()}")


def _models():
    seen, models = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        models.append(model)
    return models


def _plain(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value if value is None or isinstance(value, (int, str)) else str(value)


def _digest(row) -> int:
    text = json.dumps([_plain(v) for v in row], default=str, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(text.encode()).digest())


def _rows(model, alias: str):
    fields = model._meta.local_concrete_fields
    query = model._base_manager.using(alias).order_by().values_list(*[f.attname for f in fields])
    return fields, query.iterator(chunk_size=2000)


def _sum(total: int) -> str:
    return f"{total % 2**256:064x}"


def copy_everything(target) -> list[Copied]:
    """Copy every table into the (migrated, empty) target and compare; one transaction."""
    models = _models()
    quote = target.ops.quote_name
    copied = []
    with transaction.atomic(using="default"), transaction.atomic(using=TARGET):
        with target.cursor() as cursor:
            # What `migrate` wrote (content types, permissions) is replaced by the source's
            # own rows, whose ids other tables refer to.
            tables = ", ".join(quote(m._meta.db_table) for m in models)
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            for model in models:
                copied.append(_copy(model, cursor.cursor, target))
            for statement in target.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        for model, sent in zip(models, copied, strict=True):
            landed = _measure(model)
            if (landed.rows, landed.checksum) != (sent.rows, sent.checksum):
                raise Refused(
                    f"{sent.table} did not arrive intact ({sent.rows} rows sent, {landed.rows} "
                    "found, or their contents differ): nothing was copied."
                )
    return copied


def _copy(model, raw_cursor, target) -> Copied:
    fields, rows = _rows(model, "default")
    quote = target.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    count, total = 0, 0
    with raw_cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [f.get_db_prep_save(v, connection=target) for f, v in zip(fields, row, strict=True)]
            )
            count += 1
            total += _digest(row)
    return Copied(model._meta.db_table, count, _sum(total))


def _measure(model) -> Copied:
    _, rows = _rows(model, TARGET)
    count, total = 0, 0
    for row in rows:
        count += 1
        total += _digest(row)
    return Copied(model._meta.db_table, count, _sum(total))
