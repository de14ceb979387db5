"""Reads for reminders: the signed-in person's list, the unread count and their settings."""

from __future__ import annotations

from django.db.models import Count, F, QuerySet

from careermap import access
from careermap.people.models import Person
from careermap.prepared import Prepared

from .models import Reminder, ReminderSettings

PAGE_LIMIT = 100


# The navigation's count on every page: compiled once per process (careermap/prepared.py).
_UNREAD = Prepared(
    lambda *, variant, me: (
        access.reminders_of(me)
        .filter(read_at__isnull=True)
        .order_by()
        .values("person_id")
        .annotate(unread=Count("pk"))
        .values("unread")
    ),
    me=int,
)


def unread_count_for(user) -> int:
    """The number of the user's own unread reminders (access.visible_reminders), for the
    navigation: one COUNT over the partial "unread" index."""
    me = access.person_of(user)
    if me is None:
        return 0
    counted = _UNREAD.rows(me=me.pk)
    return counted[0]["unread"] if counted else 0


def page(reminders: QuerySet[Reminder]) -> tuple[list[Reminder], list[Reminder]]:
    """Unread (newest first), then the most recently read, in one query."""
    rows = list(
        reminders.order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk")[:PAGE_LIMIT]
    )
    unread = [r for r in rows if r.read_at is None]
    return unread, rows[len(unread) :]


def settings_for(person: Person) -> ReminderSettings:
    """The person's choices, or the defaults (unsaved) when they never changed them."""
    found = ReminderSettings.objects.filter(person=person).first()
    return found or ReminderSettings(person=person)
