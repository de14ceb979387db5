"""`careermap export people|framework`: one command for both kinds of file, so it lives here
above the people and frameworks apps, whose own modules do the work."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from careermap.frameworks.exports import framework_yaml
from careermap.people import exports


class Command(BaseCommand):
    help = (
        "Export in the import format: `careermap export people` (CSV) or "
        "`careermap export framework` (YAML), to stdout or -o FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people", "framework"])
        parser.add_argument("-o", "--output", type=Path, help="File to write (default: stdout).")

    def handle(self, *args, kind, output, **options):
        if kind == "framework":
            text = framework_yaml()
            if output is None:
                self.stdout.write(text, ending="")
            else:
                output.write_text(text, encoding="utf-8")
            self.stderr.write("Exported the career framework.")
            return
        if output is None:
            count = exports.export_people(sys.stdout)
        else:
            with output.open("w", newline="", encoding="utf-8") as out:
                count = exports.export_people(out)
        self.stderr.write(f"Exported {count:,} people.")
