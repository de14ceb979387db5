"""`careermap move-to DATABASE_URL`: from the embedded SQLite database up to PostgreSQL."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from careermap.core import moving
from careermap.core.backups import Refused


class Command(BaseCommand):
    help = (
        "Copy everything from the embedded SQLite database into an empty PostgreSQL database "
        "(migrated first), check every table's row count and checksum, and say what to set "
        "next. Stop `careermap serve` first; the SQLite file is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("database_url", metavar="DATABASE_URL")

    def handle(self, *args, database_url: str, verbosity: int, **options):
        shown = moving.hide_password(database_url)
        source = connections["default"].settings_dict["NAME"]
        try:
            moving.check_source()
            target = moving.connect_target(database_url)
            holding = moving.tables_with_data(target)
            if holding:
                listed = ", ".join(holding[:5]) + (", ..." if len(holding) > 5 else "")
                raise CommandError(
                    f"{shown} already holds data ({listed}). move-to only copies into an empty "
                    "database, so that nothing there is lost: create a new one "
                    "(createdb -O careermap careermap) or empty this one first."
                )
            self.stdout.write(f"Migrating {shown} ...")
            target.close()
            moving.migrate_target(database_url)
            self.stdout.write("Copying ...")
            copied = moving.copy_everything(target)
        except Refused as refused:
            raise CommandError(str(refused)) from None
        if verbosity > 1:
            for table in copied:
                self.stdout.write(
                    f"  {table.table}: {table.rows:,} rows, checksum {table.checksum[:16]}"
                )
        rows = sum(table.rows for table in copied)
        self.stdout.write(
            f"Copied {len(copied)} tables ({rows:,} rows) from {source}; every table's row count "
            "and checksum match.\n\n"
            "Next, where Careermap's environment is set (its systemd EnvironmentFile, say):\n\n"
            f"    DATABASE_URL={shown}\n\n"
            "(with its real password), then start `careermap serve` again, and run "
            "`careermap worker` if you use Redis. The SQLite file is left as it was: keep it "
            "until you are happy with PostgreSQL, then remove it."
        )
