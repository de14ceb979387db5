import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from careermap.people import exports


class Command(BaseCommand):
    help = "Export people as CSV in the import format: careermap export people [-o FILE]"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("-o", "--output", type=Path, help="File to write (default: stdout).")

    def handle(self, *args, kind, output, **options):
        if output is None:
            count = exports.export_people(sys.stdout)
        else:
            with output.open("w", newline="", encoding="utf-8") as out:
                count = exports.export_people(out)
        self.stderr.write(f"Exported {count:,} people.")
