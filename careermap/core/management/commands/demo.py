from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from careermap.conversations import demo as conversation_demo
from careermap.core import demo as joined_demo
from careermap.core.progress import ProgressBar
from careermap.frameworks import demo as framework_demo
from careermap.frameworks.services import reset_framework as framework_reset
from careermap.insights import services as insights
from careermap.insights.models import Snapshot
from careermap.opportunities import demo as opportunity_demo
from careermap.people import demo
from careermap.people.models import Person, Team, User
from careermap.plans import demo as plan_demo
from careermap.practice import demo as practice_demo
from careermap.reminders import services as reminders


class Command(BaseCommand):
    help = (
        "Load the demo organisation into an empty database and serve it. Runs the database "
        "migrations first; with --people N builds a larger organisation for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=60, help="Head count (default 60).")
        parser.add_argument(
            "--reset", action="store_true", help="Delete all people and sign-ins first."
        )
        parser.add_argument("--no-serve", action="store_true", help="Load, then stop.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, people, reset, no_serve, host, port, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo organisation is not for production installations.")
        if people < 1:
            raise CommandError("--people must be at least 1.")
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            with transaction.atomic():
                Person.objects.all().delete()
                Team.objects.all().delete()
                User.objects.all().delete()
                framework_reset()
        if Person.objects.exists():
            self.stdout.write(
                f"The database already has {Person.objects.count():,} people; keeping them "
                "(use --reset to start again)."
            )
            sign_ins = self._known_sign_ins()
            built = False
        else:
            # The demo's people are made up: nothing is e-mailed to them while it is loaded.
            # One bar over the two long steps: making everyone, then rating everyone's skills
            # (both take about as long per person). The rest takes a moment.
            bar = ProgressBar(2 * people, stream=getattr(self.stdout, "_out", self.stdout))
            # One transaction: all of the demo or none of it, and one write to disk at the end
            # rather than one per batch.
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
                transaction.atomic(),
            ):
                bar.stage(f"Creating {people:,} people")
                result = demo.build_demo(people=people, advance=bar.advance)
                bar.stage("Placing people in the career framework")
                framework_demo.load(advance=bar.advance)
                bar.stage("Conversations, plans and opportunities")
                conversation_demo.load()
                conversation_demo.load_history()
                practice_demo.load()
                plan_demo.load()
                opportunity_demo.load()
                joined_demo.link_opportunities()
            reminders.sweep()  # the reminders the demo's plans earn, in the app at once
            bar.finish()
            self.stdout.write(
                self.style.SUCCESS(f"Demo organisation ready: {result.people:,} people.")
            )
            sign_ins = result.sign_ins
            built = True
        if built or not Snapshot.objects.exists():
            # HR's figures at once, rather than at the next hour's refresh.
            self.stdout.write("Computing the insights figures…")
            insights.refresh()
        self._print_sign_ins(sign_ins, host, port)
        if not no_serve:
            call_command("serve", host=host, port=port)

    def _known_sign_ins(self):
        roles = {
            "manager": "daniel.okafor",
            "team member": "maya.chen",
            "second-line manager": "marcus.bell",
            "HR admin": "rosa.delgado",
        }
        found = {
            p.email: p
            for p in Person.objects.filter(
                email__in=[f"{local}@{demo.DOMAIN}" for local in roles.values()]
            )
        }
        return [
            (role, found[f"{local}@{demo.DOMAIN}"].name, f"{local}@{demo.DOMAIN}")
            for role, local in roles.items()
            if f"{local}@{demo.DOMAIN}" in found
        ]

    def _print_sign_ins(self, sign_ins, host, port):
        if not sign_ins:
            return
        self.stdout.write("")
        self.stdout.write(f"Open http://{host}:{port}/ and sign in as one of these demo people")
        self.stdout.write(f"(password for all of them: {demo.DEMO_PASSWORD}):")
        for role, name, email in sign_ins:
            self.stdout.write(f"  {role:<20} {name:<16} {email}")
        self.stdout.write("")
