from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careermap.people import imports


class Command(BaseCommand):
    help = "Import people from a CSV file, all or nothing: careermap import people FILE"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and list changes only."
        )

    def handle(self, *args, kind, file, dry_run, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
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
