"""`careermap backup FILE`: a copy of the whole database, taken while Careermap runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from careermap.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database to FILE: a SQLite copy (SQLite's online backup API) for the "
        "embedded default, a pg_dump custom-format archive for PostgreSQL. Careermap may keep "
        "running. Restore it with `careermap restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace FILE if it exists.")

    def handle(self, *args, file: Path, force: bool, **options):
        file = file.expanduser().resolve()
        if file.exists() and not force:
            raise CommandError(f"{file} already exists: choose another name, or add --force.")
        if not file.parent.is_dir():
            raise CommandError(f"There is no folder {file.parent} to write the backup in.")
        try:
            backups.backup(file)
        except backups.Refused as refused:
            raise CommandError(str(refused)) from None
        size = file.stat().st_size / 1_000_000
        self.stdout.write(
            f"Backed up the {connection.display_name} database to {file} ({size:,.1f} MB). "
            f"Restore it with: careermap restore {file}"
        )
