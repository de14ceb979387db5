"""Run by tests/core/test_upgrade.py with this release's code, on the database the previous
release made and this release migrated: signs in as the demo's people, opens their main pages,
and prints JSON: every page that did not answer 200, and every note written before the upgrade
that does not read the same now (stored, in its collaborative document, and on the page)."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")
django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from careermap.conversations.documents import text_of  # noqa: E402
from careermap.conversations.models import Conversation, Note  # noqa: E402
from careermap.people.models import Person  # noqa: E402
from careermap.plans.models import Plan  # noqa: E402

PASSWORD = "careermap-demo"  # the demo's, for everyone
NAMED = [
    "daniel.okafor@example.com",
    "maya.chen@example.com",
    "marcus.bell@example.com",
    "rosa.delgado@example.com",
]
OWN_PAGES = [
    "people:me",
    "people:team",
    "conversations:list",
    "conversations:playbooks",
    "reminders:list",
    "opportunities:list",
    "plans:team",
    "plans:record",
    "audit:log",
    "frameworks:overview",
]
PERSON_PAGES = [
    "people:detail",
    "plans:plan",
    "frameworks:career",
    "frameworks:skills",
    "frameworks:map",
]

failures: list[str] = []


def get(client: Client, who: str, url: str) -> str:
    response = client.get(url)
    if response.status_code != 200:
        failures.append(f"{who} {url}: {response.status_code}")
    return response.content.decode()


def signed_in(email: str) -> Client:
    """A browser signed in through the sign-in form, as the person would."""
    client = Client()
    answer = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    if answer.status_code != 302:
        failures.append(f"{email} could not sign in: {answer.status_code}")
    return client


def main(notes_file: str) -> None:
    for email in NAMED:
        person = Person.objects.get(email=email)
        client = signed_in(email)
        for name in OWN_PAGES:
            get(client, email, reverse(name))
        for name in PERSON_PAGES:
            get(client, email, reverse(name, args=[person.pk]))
        if Plan.objects.filter(person=person).exists():
            get(client, email, reverse("plans:history", args=[person.pk]))
        for report in person.reports.all()[:3]:
            get(client, email, reverse("plans:plan", args=[report.pk]))
            get(client, email, reverse("frameworks:career", args=[report.pk]))
        if person.is_hr_admin:
            get(client, email, reverse("people:directory"))
            get(client, email, reverse("people:directory") + "?q=chen")
        mine = Conversation.objects.filter(host=person) | Conversation.objects.filter(guest=person)
        for conversation in mine.order_by("pk")[:5]:
            get(client, email, conversation.get_absolute_url())
            get(client, email, reverse("conversations:write_up", args=[conversation.pk]))

    # Everyone else in the demo: their own page and plan answer too.
    everyone = Person.objects.exclude(email__in=NAMED).select_related("user")
    for person in everyone:
        client = Client()
        client.force_login(person.user)
        get(client, person.email, reverse("people:me"))
        get(client, person.email, reverse("plans:plan", args=[person.pk]))

    with open(notes_file, encoding="utf-8") as written:
        notes = json.load(written)
    for note in notes:
        owner = note["private_to"]
        stored = (
            Note.objects.get(
                conversation_id=note["conversation"],
                private_to__email=owner,
                question_key=note["question_key"],
            )
            if owner
            else Note.objects.get(
                conversation_id=note["conversation"],
                private_to__isnull=True,
                question_key=note["question_key"],
            )
        )
        if stored.text != note["text"] or text_of(bytes(stored.state)) != note["text"]:
            failures.append(f"note {stored.pk} reads {text_of(bytes(stored.state))!r} now")
        for email in note["participants"]:
            page = get(
                signed_in(email),
                email,
                reverse("conversations:detail", args=[note["conversation"]]),
            )
            shown = note["text"] in page
            if shown != (owner in (None, email)):
                failures.append(f"{email} {'sees' if shown else 'misses'} {note['text']!r}")
    print(json.dumps({"failures": failures, "people": Person.objects.count()}))


if __name__ == "__main__":
    main(sys.argv[1])
