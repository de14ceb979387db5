"""`careermap import people|framework FILE`: one command for both kinds of file, so it lives
here above the people and frameworks apps, whose own modules do the work."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careermap.frameworks import services as framework_services
from careermap.people import imports


class Command(BaseCommand):
    help = (
        "Import, all or nothing: `careermap import people FILE.csv` or "
        "`careermap import framework FILE.yaml`."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people", "framework"])
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--default",
            action="store_true",
            help="framework only: import Careermap's default framework instead of a file.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and list changes only."
        )

    def handle(self, *args, kind, file, dry_run, default, **options):
        if default and kind == "framework":
            file = framework_services.DEFAULT_FILE
        if file is None:
            raise CommandError("Name the file to import.")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        if kind == "framework":
            return self._framework(file, data, dry_run)
        report = imports.import_people(
            data, actor=None, dry_run=dry_run, progress=lambda m: self.stderr.write(f"… {m}")
        )
        for problem in report.problems:
            self.stdout.write(f"{file}:{problem}")
        for change in report.created:
            self.stdout.write(
                f"{'would add' if dry_run else 'added'}: {change.name} <{change.email}>"
            )
        for change in report.updated:
            self.stdout.write(
                f"{'would update' if dry_run else 'updated'}: {change.name} "
                f"<{change.email}> ({', '.join(change.fields)})"
            )
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(
            self.style.SUCCESS(("Dry run, nothing written. " if dry_run else "") + report.summary())
        )

    def _framework(self, file, data, dry_run):
        result = framework_services.import_framework(data, actor=None, dry_run=dry_run)
        for problem in result.problems:
            self.stdout.write(f"{file}: {problem}")
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
