"""What is due a reminder now, found with a few set-based queries over the whole organisation.

Each finder yields unsaved Reminder rows; `services.sweep` stores them all at once, and the
unique key turns a reminder that already exists into a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import dateformat, timezone

from careermap import access
from careermap.conversations.models import Conversation
from careermap.plans.models import Plan, Step

from .models import Reminder

DUE_SOON = dt.timedelta(days=3)
CHECK_IN_SOON = dt.timedelta(days=2)
QUIET_FOR = dt.timedelta(days=60)
# The sweep runs every 15 minutes, so a reminder normally appears minutes after it becomes due.
# Looking further back only catches up after the worker was stopped; the limit keeps each sweep
# from re-reading every overdue step and quiet plan the organisation ever had.
CATCH_UP = dt.timedelta(days=14)
CHECK_IN_PLAYBOOK = "development-check-in"


def _day(day: dt.date, today: dt.date) -> str:
    return dateformat.format(day, "l j F" if day.year == today.year else "l j F Y")


def _plan_url(person_id: int) -> str:
    return reverse("plans:plan", args=[person_id])


def _open_steps():
    return Step.objects.filter(objective__plan__status=Plan.ACTIVE).exclude(status=Step.DONE)


def steps_due(today: dt.date) -> Iterator[Reminder]:
    """Steps due in the next few days: to the step's owner and to the plan's person."""
    rows = _open_steps().filter(due_on__range=(today, today + DUE_SOON))
    for (
        pk,
        what,
        due_on,
        owner_id,
        owner_hr,
        person_id,
        name,
        manager_id,
        skip_id,
    ) in rows.values_list(
        "pk",
        "what",
        "due_on",
        "owner",
        "owner__is_hr_admin",
        "objective__plan__person",
        "objective__plan__person__name",
        "objective__plan__person__manager",
        "objective__plan__person__manager__manager",
    ):
        when = _day(due_on, today)
        for to in {person_id, owner_id} - {None}:
            # Only those who may see the person get a link to their plan page; another owner,
            # say a peer who agreed the step in a conversation, gets the reminder without a
            # link that would answer "not found".
            opens_plan = access.sees_by_ids(
                viewer_id=to,
                viewer_is_hr_admin=to == owner_id and bool(owner_hr),
                person_id=person_id,
                manager_id=manager_id,
                skip_id=skip_id,
            )
            yield Reminder(
                person_id=to,
                kind=Reminder.STEP_DUE,
                key=f"step-due:{pk}:{due_on}:{to}",
                text=f"“{what}” is due on {when}"
                if to == person_id
                else f"“{what}”, in {name}'s plan, is due on {when}",
                url=_plan_url(person_id) if opens_plan else "",
            )


def steps_overdue(today: dt.date) -> Iterator[Reminder]:
    """Steps past their date and not done: once per due date, to the person and their manager."""
    rows = _open_steps().filter(due_on__lt=today, due_on__gte=today - CATCH_UP)
    for pk, what, due_on, person_id, name, manager_id in rows.values_list(
        "pk",
        "what",
        "due_on",
        "objective__plan__person",
        "objective__plan__person__name",
        "objective__plan__person__manager",
    ):
        when = _day(due_on, today)
        for to in {person_id, manager_id} - {None}:
            yield Reminder(
                person_id=to,
                kind=Reminder.STEP_OVERDUE,
                key=f"step-overdue:{pk}:{due_on}:{to}",
                text=f"“{what}” was due on {when} and is not done yet"
                if to == person_id
                else f"“{what}”, in {name}'s plan, was due on {when} and is not done yet",
                url=_plan_url(person_id),
            )


def check_ins(now: dt.datetime) -> Iterator[Reminder]:
    """Development check-ins starting soon: to both people. A moved check-in reminds again."""
    rows = Conversation.objects.filter(
        playbook_key=CHECK_IN_PLAYBOOK,
        status=Conversation.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + CHECK_IN_SOON,
    )
    today = timezone.localdate(now)
    for pk, starts_at, host_id, host, guest_id, guest in rows.values_list(
        "pk", "starts_at", "host", "host__name", "guest", "guest__name"
    ):
        local = timezone.localtime(starts_at)
        when = f"{_day(local.date(), today)} at {local:%H:%M}"
        for to, other in ((host_id, guest), (guest_id, host)):
            yield Reminder(
                person_id=to,
                kind=Reminder.CHECK_IN,
                key=f"check-in:{pk}:{int(starts_at.timestamp())}:{to}",
                text=f"Development check-in with {other} on {when}",
                url=reverse("conversations:detail", args=[pk]),
            )


def quiet_plans(now: dt.datetime) -> Iterator[Reminder]:
    """Active plans nobody has changed or opened for two months: to the person and their
    manager, once per quiet spell (the key holds when the spell began)."""
    rows = (
        Plan.objects.filter(status=Plan.ACTIVE)
        .annotate(last=Greatest("updated_at", Coalesce("looked_at", "updated_at")))
        .filter(last__lt=now - QUIET_FOR, last__gte=now - QUIET_FOR - CATCH_UP)
    )
    today = timezone.localdate(now)
    for pk, last, person_id, name, manager_id in rows.values_list(
        "pk", "last", "person", "person__name", "person__manager"
    ):
        since = _day(timezone.localdate(last), today)
        for to in {person_id, manager_id} - {None}:
            whose = "your" if to == person_id else f"{name}'s"
            yield Reminder(
                person_id=to,
                kind=Reminder.PLAN_STALE,
                key=f"plan-stale:{pk}:{int(last.timestamp())}:{to}",
                text=f"Nobody has opened or changed {whose} development plan since {since}",
                url=_plan_url(person_id),
            )
