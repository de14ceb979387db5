"""`careermap restore FILE`: put a backup back, checked first, never over data by accident."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from careermap.core import backups

_NAMES = {"sqlite": "SQLite (the embedded default)", "postgresql": "PostgreSQL"}


class Command(BaseCommand):
    help = (
        "Restore a backup made by `careermap backup` into the configured database, replacing "
        "everything in it (in one transaction). The file is checked first; a database that "
        "already holds data is only replaced with --force. Stop `careermap serve` and "
        "`careermap worker` first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds data."
        )

    def handle(self, *args, file: Path, force: bool, **options):
        file = file.expanduser().resolve()
        if not file.is_file():
            raise CommandError(f"There is no file {file}.")
        try:
            kind = backups.check(file)
            if kind != connection.vendor:
                raise CommandError(_wrong_kind(file, kind))
            holding = [] if force else backups.tables_with_data()
            if holding:
                shown = ", ".join(holding[:5]) + (", ..." if len(holding) > 5 else "")
                raise CommandError(
                    f"The database already holds data ({shown}). Restoring replaces all of it "
                    "with the backup: add --force if that is what you want."
                )
            backups.restore(file)
        except backups.Refused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"Restored {file} into the {connection.display_name} database.")
        if backups.needs_migrating():
            self.stdout.write(
                "The backup is from an earlier release: run `careermap migrate` to upgrade it."
            )


def _wrong_kind(file: Path, kind: str) -> str:
    here = _NAMES.get(connection.vendor, connection.vendor)
    if kind == "sqlite":
        return (
            f"{file} is a backup of a {_NAMES[kind]} database, and Careermap uses {here} here. "
            "Restore it with DATABASE_URL unset, then copy it into PostgreSQL with "
            "`careermap move-to DATABASE_URL`."
        )
    return (
        f"{file} is a backup of a {_NAMES[kind]} database, and Careermap uses {here} here: "
        "set DATABASE_URL to the PostgreSQL database to restore it into."
    )
