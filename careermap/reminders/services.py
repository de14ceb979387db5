"""Writes for reminders: finding what is due, e-mailing it once, and the recipient's choices.

`sweep` and `deliver` are safe to run at any time, as often as wanted and by several workers at
once: the sweep's unique keys make each reminder at most once, and a delivery claims its rows
before sending, so no reminder is ever e-mailed twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from careermap.people.models import Person

from . import sweep as due
from .models import Reminder, ReminderSettings

logger = logging.getLogger(__name__)

RETRY_AFTER = dt.timedelta(minutes=5)  # doubled after each failure
MAX_ATTEMPTS = 8  # about 21 hours of trying; then it stays failed for an admin to retry
DIGEST_EVERY = {
    ReminderSettings.DAILY: dt.timedelta(days=1),
    ReminderSettings.WEEKLY: dt.timedelta(days=7),
}
# Deliveries run every 15 minutes: without some slack each day's digest would come a quarter
# of an hour later than the one before.
DIGEST_SLACK = dt.timedelta(minutes=30)


def sweep(now: dt.datetime | None = None) -> int:
    """Create the reminders that are due now. Returns how many were due (new or not)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = [
        *due.steps_due(today),
        *due.steps_overdue(today),
        *due.check_ins(now),
        *due.quiet_plans(now),
    ]
    for row in rows:
        row.created_at = row.next_attempt_at = now
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


def _ready(now: dt.datetime) -> QuerySet[Reminder]:
    return Reminder.objects.filter(
        email_status__in=[Reminder.PENDING, Reminder.FAILED], next_attempt_at__lte=now
    )


def _emailed_before(cutoff: dt.datetime) -> Q:
    return Q(reminder_settings__last_digest_at__isnull=True) | Q(
        reminder_settings__last_digest_at__lte=cutoff
    )


def _people_to_email(now: dt.datetime) -> QuerySet[Person]:
    """People with reminders waiting whose next e-mail is due by their chosen frequency."""
    daily = now - DIGEST_EVERY[ReminderSettings.DAILY] + DIGEST_SLACK
    weekly = now - DIGEST_EVERY[ReminderSettings.WEEKLY] + DIGEST_SLACK
    return (
        Person.objects.filter(pk__in=_ready(now).values("person"))
        .filter(
            Q(reminder_settings__email_frequency=ReminderSettings.AS_THEY_COME)
            | (
                # No settings yet means the default, one e-mail a day.
                (
                    Q(reminder_settings__isnull=True)
                    | Q(reminder_settings__email_frequency=ReminderSettings.DAILY)
                )
                & _emailed_before(daily)
            )
            | (
                Q(reminder_settings__email_frequency=ReminderSettings.WEEKLY)
                & _emailed_before(weekly)
            )
        )
        .only("pk", "name", "email")
        .order_by("pk")
    )


def deliver(now: dt.datetime | None = None) -> int:
    """E-mail what is due, one message per person. Returns how many e-mails went out."""
    now = now or timezone.now()
    # People who want no e-mail keep their reminders in the app only.
    _ready(now).filter(person__reminder_settings__email_frequency=ReminderSettings.NEVER).update(
        email_status=Reminder.OFF, next_attempt_at=None
    )
    return sum(_deliver_to(person, now) for person in _people_to_email(now))


def _deliver_to(person: Person, now: dt.datetime) -> int:
    claim = uuid.uuid4().hex
    # Take the rows before sending, in a statement of its own: another worker delivering at
    # the same moment finds them taken and leaves them alone.
    if (
        not _ready(now)
        .filter(person=person)
        .update(email_status=Reminder.SENDING, claim=claim, claimed_at=now)
    ):
        return 0
    mine = Reminder.objects.filter(person=person, claim=claim)
    reminders = list(mine.order_by("created_at", "pk"))
    try:
        _message(person, reminders).send()
    except Exception as exc:
        logger.warning("Reminder e-mail to person %s failed: %s", person.pk, exc)
        _failed(reminders, exc, now)
        return 0
    # Were this worker stopped right here, the rows would stay "sending": admins see them as
    # interrupted, and they are not sent again by themselves, because the e-mail went out.
    with transaction.atomic():
        mine.update(
            email_status=Reminder.SENT,
            emailed_at=now,
            attempts=F("attempts") + 1,
            next_attempt_at=None,
        )
        ReminderSettings.objects.update_or_create(person=person, defaults={"last_digest_at": now})
    return 1


@transaction.atomic
def _failed(reminders: list[Reminder], exc: Exception, now: dt.datetime) -> None:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    for reminder in reminders:
        attempts = reminder.attempts + 1
        Reminder.objects.filter(pk=reminder.pk, claim=reminder.claim).update(
            email_status=Reminder.FAILED,
            attempts=attempts,
            last_error=error,
            next_attempt_at=now + RETRY_AFTER * 2 ** (attempts - 1)
            if attempts < MAX_ATTEMPTS
            else None,
        )


def _message(person: Person, reminders: list[Reminder]) -> EmailMessage:
    base = settings.CAREERMAP_BASE_URL.rstrip("/")
    if len(reminders) == 1:
        subject = f"Reminder: {reminders[0].text}"
    else:
        subject = f"{len(reminders)} reminders from Careermap"
    body = render_to_string(
        "reminders/reminder_email.txt",
        {
            "person": person,
            "reminders": [(r.text, f"{base}{r.url}" if r.url else "") for r in reminders],
            "page": base + reverse("reminders:list"),
        },
    )
    # A header must be one line; a step's wording could, in theory, hold a line break.
    subject = " ".join(subject.split())[:200]
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])


def retry(reminders: QuerySet[Reminder], *, now: dt.datetime | None = None) -> int:
    """Send again what failed or was interrupted (after the mail server is fixed). An
    interrupted e-mail may have arrived already: the admin decides, not the worker."""
    now = now or timezone.now()
    return reminders.filter(Q(email_status=Reminder.FAILED) | Reminder.interrupted(now)).update(
        email_status=Reminder.PENDING, attempts=0, next_attempt_at=now, claim=""
    )


def mark_read(reminders: QuerySet[Reminder], *, now: dt.datetime | None = None) -> int:
    return reminders.filter(read_at__isnull=True).update(read_at=now or timezone.now())


@transaction.atomic
def save_settings(person: Person, *, email_frequency: str) -> ReminderSettings:
    saved, _ = ReminderSettings.objects.update_or_create(
        person=person, defaults={"email_frequency": email_frequency}
    )
    return saved
