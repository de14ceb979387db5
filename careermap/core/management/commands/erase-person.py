"""`careermap erase-person EMAIL`: erase a person's data, as an HR admin does from their page."""

from django.core.management.base import BaseCommand, CommandError

from careermap.core import erasure
from careermap.people.models import Person, normalize_email


class Command(BaseCommand):
    help = (
        "Erase the data of the person with this e-mail address: their career record goes, what "
        'the organisation must keep stays (docs/operations.md, "Erasing a person\'s data"). '
        "Asks for their name to confirm, unless --confirm NAME gives it. Cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--confirm", metavar="NAME", help="Their name, to confirm.")
        parser.add_argument(
            "--reason", default="On request", help="For the list of erasures; do not name them."
        )

    def handle(self, *args, email: str, confirm: str | None, reason: str, **options):
        person = Person.objects.filter(email=normalize_email(email), erased_at__isnull=True).first()
        if person is None:
            raise CommandError(f"Nobody in Careermap has the e-mail address {email}.")
        if confirm is None:
            self.stdout.write(f"This erases the data of {person.name} <{person.email}> for good.")
            try:
                confirm = input("Type their name to confirm: ")
            except EOFError:
                confirm = ""
        try:
            done = erasure.erase_person(person, actor=None, confirm=confirm, reason=reason)
        except erasure.CannotErase as exc:
            raise CommandError(f"{exc} Nothing was erased.") from None
        self.stdout.write(
            f"Erased. {done.reports_moved} report(s) moved to their manager; "
            f"{done.conversations_kept} conversation(s) kept for the other participant."
        )
