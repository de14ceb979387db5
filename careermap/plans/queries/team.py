"""Team at a glance: each direct report with what happened between them and their manager,
and their plan's progress, in one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from careermap.conversations.models import Conversation
from careermap.people.links import fast_url
from careermap.people.models import Person
from careermap.prepared import Prepared

from ..models import CheckIn, Plan, Step
from .check_ins import CHECK_IN_PLAYBOOK

SORTS = {
    "name": (F("name").asc(),),
    # Never talked to, or nothing booked, first: they are the ones who need attention.
    "last": (F("last_conversation").asc(nulls_first=True), F("name").asc()),
    "next": (F("next_conversation").asc(nulls_first=True), F("name").asc()),
    "progress": (F("progress").desc(nulls_last=True), F("name").asc()),
    "blocked": (F("blocked").desc(), F("name").asc()),
    "overdue": (F("overdue").desc(), F("name").asc()),
}


def _team_query(*, variant, manager, now, today):
    # Every row is a direct report of `manager`: what the table shows for them is what happened
    # between them and this manager, never their own conversations with their own reports.
    between = Conversation.objects.filter(
        Q(host_id=manager, guest=OuterRef("pk")) | Q(host=OuterRef("pk"), guest_id=manager)
    )
    active = Q(plans__status=Plan.ACTIVE)
    steps = "plans__objectives__steps"
    # Check-ins on the report's plan (held with this manager); "last" is never a future date.
    last_check_in = CheckIn.objects.filter(
        plan__person=OuterRef("pk"), plan__status=Plan.ACTIVE, held_on__lte=today
    ).order_by("-held_on", "-pk")
    return (
        Person.objects.filter(manager_id=manager)
        .annotate(
            # Held: closed, and its time has come (one closed early is not "last" before then).
            last_conversation=Subquery(
                between.filter(status=Conversation.CLOSED, starts_at__lte=now)
                .order_by("-starts_at")
                .values("starts_at")[:1]
            ),
            next_conversation=Subquery(
                between.filter(
                    status=Conversation.SCHEDULED,
                    starts_at__gte=now,
                    playbook_key=CHECK_IN_PLAYBOOK,
                )
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
            last_check_in=Subquery(last_check_in.values("held_on")[:1]),
            last_roadblocks=Subquery(last_check_in.values("roadblocks")[:1]),
            steps_total=Count(steps, filter=active),
            steps_done=Count(steps, filter=active & Q(**{f"{steps}__status": Step.DONE})),
            blocked=Count(steps, filter=active & Q(**{f"{steps}__status": Step.BLOCKED})),
            overdue=Count(
                steps,
                filter=active
                & Q(**{f"{steps}__due_on__lt": today})
                & ~Q(**{f"{steps}__status": Step.DONE}),
            ),
        )
        .annotate(
            progress=ExpressionWrapper(
                # NULL, not a division by zero, for people with no plan steps.
                F("steps_done") * 1.0 / NullIf(F("steps_total"), 0),
                output_field=FloatField(),
            )
        )
        .order_by(*SORTS[variant])
    )


# Built and compiled once per process and sort order; each view only puts its values in
# (careermap/prepared.py: the values are parameters, never known while it is built).
_TEAM = Prepared(_team_query, manager=int, now=dt.datetime, today=dt.date)


def team_at_a_glance(manager, *, sort: str = "name"):
    """Each direct report with their last career conversation, their last and next check-in
    and their plan's progress, in one query whatever the size of the team."""
    sort = sort if sort in SORTS else "name"
    now = timezone.now()
    rows = _TEAM.run(sort, manager=manager.pk, now=now, today=timezone.localdate(now))
    # A table of fifty: links and local dates made here cost a fraction of {% url %} and |date.
    for p in rows:
        p.plan_url = fast_url("plans:plan", p.pk)
        p.last_on = _local_day(p.last_conversation)
        p.next_on = _local_day(p.next_conversation)
        p.last_check_in = _day(p.last_check_in)
    return rows


# A raw query's annotations come as the database driver gives them: on SQLite text or a
# naive datetime in UTC, on PostgreSQL an aware datetime.
def _local_day(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value).date()


def _day(value) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else value
