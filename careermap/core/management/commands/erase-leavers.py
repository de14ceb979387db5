"""`careermap erase-leavers`: erase the data of leavers kept longer than the retention time."""

from django.conf import settings
from django.core.management.base import BaseCommand

from careermap.core import erasure


class Command(BaseCommand):
    help = (
        "Erase the data of everyone who left more than CAREERMAP_LEAVER_RETENTION_DAYS ago "
        "(the worker does it every night). Does nothing when the setting is unset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list who is due.")

    def handle(self, *args, dry_run: bool, **options):
        days = settings.CAREERMAP_LEAVER_RETENTION_DAYS
        if days is None:
            self.stdout.write("CAREERMAP_LEAVER_RETENTION_DAYS is not set: leavers' data is kept.")
            return
        if dry_run:
            due = list(erasure.leavers_due())
            for person in due:
                self.stdout.write(f"{person.email}: left on {person.left_on:%Y-%m-%d}")
            self.stdout.write(f"{len(due)} leaver(s) kept more than {days} days; none erased.")
            return
        erased = erasure.erase_leavers()
        self.stdout.write(f"Erased the data of {len(erased)} leaver(s) kept more than {days} days.")
