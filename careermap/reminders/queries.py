"""Reads for reminders: the signed-in person's list, the unread count and their settings."""

from __future__ import annotations

from django.db.models import F, QuerySet

from careermap.people.models import Person

from .models import Reminder, ReminderSettings

PAGE_LIMIT = 100


def unread_count(reminders: QuerySet[Reminder]) -> int:
    """For the navigation, on every page (of access.visible_reminders): one COUNT over the
    partial "unread" index."""
    return reminders.filter(read_at__isnull=True).count()


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
