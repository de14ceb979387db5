"""Writes to people and teams. Views, the CLI, imports and the demo all come through here."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from careermap.core.errors import StaleEdit

from . import tasks
from .models import Person, Team, User, normalize_email


class ReportingCycle(ValueError):
    """The chosen manager reports, directly or not, to the person being edited."""


def team_named(name: str) -> Team | None:
    """The team with this name (any case), created if new; None for a blank name."""
    name = " ".join(name.split())
    if not name:
        return None
    team = Team.objects.annotate(lname=Lower("name")).filter(lname=name.lower()).first()
    return team or Team.objects.create(name=name)


def manager_chain(person: Person | None) -> list[int]:
    """Ids from this person up to the top of the reporting line (stops on a loop)."""
    ids: list[int] = []
    while person is not None and person.pk not in ids:
        ids.append(person.pk)
        person = person.manager
    return ids


@transaction.atomic
def create_person(
    *,
    actor: User | None,
    name: str,
    email: str,
    job_title: str = "",
    team: Team | None = None,
    manager: Person | None = None,
    start_date: dt.date | None = None,
    is_hr_admin: bool = False,
    password: str | None = None,
) -> Person:
    """A person with a sign-in. Without a password they set one through "Forgot password"."""
    email = normalize_email(email)
    user = User.objects.create_user(email, password)
    return Person.objects.create(
        name=name.strip(),
        email=email,
        job_title=job_title.strip(),
        team=team,
        manager=manager,
        start_date=start_date,
        is_hr_admin=is_hr_admin,
        user=user,
    )


@transaction.atomic
def update_person(
    person: Person,
    *,
    actor: User | None,
    version: int,
    name: str,
    job_title: str,
    team: Team | None,
    manager: Person | None,
    start_date: dt.date | None,
    is_hr_admin: bool,
    left_on: dt.date | type[Ellipsis] | None = ...,
) -> Person:
    """Save an edit made on `version` of the record; refuse it if that version is stale.
    `left_on` (their last day, or None while they work here) is left as it was unless given."""
    if manager is not None and person.pk in manager_chain(manager):
        raise ReportingCycle(f"{manager.name} reports to {person.name}, directly or not.")
    # The version check and the write are one UPDATE, so two saves racing each other cannot
    # both pass the check.
    leaving = {} if left_on is ... else {"left_on": left_on}
    updated = Person.objects.filter(pk=person.pk, version=version).update(
        **leaving,
        name=name.strip(),
        job_title=job_title.strip(),
        team=team,
        manager=manager,
        start_date=start_date,
        is_hr_admin=is_hr_admin,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleEdit(
            Person.objects.select_related("team", "manager").get(pk=person.pk),
            message="This person was changed by someone else while you were editing.",
        )
    return Person.objects.select_related("team", "manager").get(pk=person.pk)


# Passwords ------------------------------------------------------------------------------------


def request_password_reset(*, email: str) -> None:
    """Queue the e-mail with a link to choose a password.

    Whether the address belongs to anyone is found out by the task, not here: a request for a
    known address does exactly the work of one for an unknown address, so neither the answer
    nor the time it takes tells anyone which addresses have a sign-in. Nothing is written, so
    no transaction of its own (on SQLite one would take the write lock for nothing); called
    inside someone else's, the task is queued once theirs commits.
    """
    address = normalize_email(email)
    transaction.on_commit(lambda: tasks.send_password_reset(address))


def send_password_reset(*, email: str) -> bool:
    """E-mail the link to choose a password to the active sign-in with this address, if there
    is one; returns whether there was. People added by an import have no password yet: this
    is how they choose their first one."""
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        return False
    context = {
        "email": user.email,
        "base_url": settings.CAREERMAP_BASE_URL,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("registration/password_reset_subject.txt", context)
    body = render_to_string("registration/password_reset_email.html", context)
    # A header must be one line. Sending errors propagate, so the task tries again.
    EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    return True
