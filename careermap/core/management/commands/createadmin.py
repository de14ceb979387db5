import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from careermap.people import services
from careermap.people.models import User


class Command(BaseCommand):
    help = (
        "Create a system administrator (admin site) who is also an HR admin in the app, so "
        "they can import the organisation. The password is asked for, or read from stdin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from stdin."
        )
        parser.add_argument(
            "--no-hr", action="store_true", help="Admin site only; not an HR admin in the app."
        )

    def handle(self, *args, email, name, password_stdin, no_hr, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an e-mail address.") from None
        if User.objects.filter(email=email).exists():
            raise CommandError(f"There is already a sign-in for {email}.")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            validate_password(password, User(email=email))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        person = services.create_person(
            actor=None, name=name, email=email, is_hr_admin=not no_hr, password=password
        )
        User.objects.filter(pk=person.user_id).update(is_staff=True, is_superuser=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {name} <{email}>, system administrator{'' if no_hr else ' and HR admin'}."
            )
        )
