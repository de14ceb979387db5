"""Reads for the home page: what each role has to do this week, gathered from several apps
(composed above them, like careermap/core/views.py). Every read is scoped through
careermap/access.py, and each is one query whatever the size of the organisation: lists are
cut to a few rows in SQL, and what a manager sees of their reports is read for the whole team
at once, never one query per report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import Resolver404, resolve
from django.utils import timezone

from careermap import access
from careermap.conversations.models import AgendaItem, Conversation, Reflection
from careermap.core import matching
from careermap.opportunities import queries as opportunity_queries
from careermap.people.links import fast_url
from careermap.plans.models import CheckIn, Plan, Step
from careermap.plans.queries import CHECK_IN_PLAYBOOK, next_check_in

WEEK = dt.timedelta(days=7)
# A career conversation this long ago or more is one to book again.
TALK_EVERY = dt.timedelta(days=90)
# How many of each list the page shows; the rest are a link away (the team and plan pages).
SHOWN = 8
AGENDA_SHOWN = 3
OPPORTUNITIES_SHOWN = 3
REMINDERS_SHOWN = 5
# Scheduled conversations read for the page: this week's and those left unclosed lately.
CONVERSATIONS_READ = 20
UNCLOSED_SINCE = dt.timedelta(days=30)


@dataclass
class Action:
    """One thing to do, and the link that does it: the link's words say what it does."""

    text: str
    url: str
    detail: str = ""
    extra: list[str] = field(default_factory=list)
    late: bool = False


def my_conversations(user, me, now) -> list[Conversation]:
    """My scheduled conversations from a month ago on, soonest first, each with whether I
    wrote (and shared) a reflection, whether the other participant shared theirs (as
    access.readable_reflections lets me know) and how long the agenda is."""
    mine = Reflection.objects.filter(conversation=OuterRef("pk"), author_id=me.pk)
    theirs = (
        access.readable_reflections(user)
        .filter(conversation=OuterRef("pk"), shared_at__isnull=False)
        .exclude(author_id=me.pk)
    )
    agenda = (
        AgendaItem.objects.filter(conversation=OuterRef("pk"))
        .order_by()
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        access.visible_conversations(user)
        .filter(status=Conversation.SCHEDULED, starts_at__gte=now - UNCLOSED_SINCE)
        .select_related("host", "guest")
        .annotate(
            my_reflection=Exists(mine),
            my_reflection_shared=Exists(mine.filter(shared_at__isnull=False)),
            their_reflection_shared=Exists(theirs),
            agenda_count=Coalesce(Subquery(agenda), 0),
        )
        .order_by("starts_at", "pk")[:CONVERSATIONS_READ]
    )


def agenda_of(conversations: list[Conversation]) -> dict[int, list[str]]:
    """The agenda topics of these conversations (all visible: they are the viewer's own), in
    one query; none when there are no conversations."""
    topics: dict[int, list[str]] = {c.pk: [] for c in conversations}
    if topics:
        rows = AgendaItem.objects.filter(conversation_id__in=list(topics)).order_by(
            "created_at", "pk"
        )
        for conversation_id, text in rows.values_list("conversation_id", "text"):
            topics[conversation_id].append(text)
    return topics


def direct_reports(user, me, now):
    """My direct reports, each with the last career conversation held with me and the next
    one booked (development check-ins are not career conversations), and whether we ever
    had a conversation at all; one query for the whole team."""
    between = access.visible_conversations(user).filter(
        Q(guest_id=OuterRef("pk")) | Q(host_id=OuterRef("pk"))
    )
    career = between.exclude(playbook_key=CHECK_IN_PLAYBOOK)
    return list(
        access.team_members(user)
        .filter(manager_id=me.pk)
        .annotate(
            last_talk=Subquery(
                career.filter(status=Conversation.CLOSED, starts_at__lte=now)
                .order_by("-starts_at")
                .values("starts_at")[:1]
            ),
            booked_talk=Subquery(
                career.filter(status=Conversation.SCHEDULED, starts_at__gte=now)
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
            ever_talked=Exists(between),
        )
        .order_by("name", "pk")
    )


def reports_plans(user, me, now):
    """My direct reports' active plans, with what their next check-in depends on: the last
    check-in held (and the date it set for the next), and a check-in conversation booked with
    me (one up to a week late still counts, as on the plan page)."""
    last = CheckIn.objects.filter(
        plan=OuterRef("pk"), held_on__lte=timezone.localdate(now)
    ).order_by("-held_on", "-pk")
    booked = (
        access.visible_conversations(user)
        .filter(
            playbook_key=CHECK_IN_PLAYBOOK,
            host_id=me.pk,
            guest_id=OuterRef("person_id"),
            status=Conversation.SCHEDULED,
            starts_at__gte=now - WEEK,
        )
        .order_by("starts_at")
    )
    return list(
        access.visible_plans(user)
        .filter(status=Plan.ACTIVE, person__manager_id=me.pk)
        .select_related("person")
        .annotate(
            last_held_on=Subquery(last.values("held_on")[:1]),
            last_next_on=Subquery(last.values("next_on")[:1]),
            booked_at=Subquery(booked.values("starts_at")[:1]),
        )
        .order_by("person__name", "pk")
    )


def check_in_on(plan, today) -> dt.date:
    """When the plan's next check-in is, by the rule of plans.queries.next_check_in, from the
    values reports_plans read."""
    if plan.booked_at is not None:
        return timezone.localtime(plan.booked_at).date()
    if plan.last_next_on:
        return plan.last_next_on
    since = plan.last_held_on or timezone.localtime(plan.created_at).date()
    return since + dt.timedelta(weeks=plan.check_in_weeks)


def stuck_steps(user, me, today) -> list[dict]:
    """Blocked and overdue steps on my direct reports' active plans, the oldest first; one
    more than shown, to know whether there are more."""
    plans = access.visible_plans(user).filter(status=Plan.ACTIVE, person__manager_id=me.pk)
    return list(
        Step.objects.filter(objective__plan__in=plans.values("pk"))
        .filter(Q(status=Step.BLOCKED) | (Q(due_on__lt=today) & ~Q(status=Step.DONE)))
        .order_by(F("due_on").asc(nulls_last=True), "pk")
        .values(
            "pk",
            "what",
            "status",
            "due_on",
            person_id=F("objective__plan__person_id"),
            person_name=F("objective__plan__person__name"),
        )[: SHOWN + 1]
    )


def my_plan(user, me):
    """My active plan, with its last check-in's dates, or None."""
    last = CheckIn.objects.filter(plan=OuterRef("pk")).order_by("-held_on", "-pk")
    return (
        access.visible_plans(user)
        .filter(person_id=me.pk, status=Plan.ACTIVE)
        .annotate(
            last_held_on=Subquery(last.values("held_on")[:1]),
            last_next_on=Subquery(last.values("next_on")[:1]),
        )
        .first()
    )


def my_steps(plan, today) -> list[dict]:
    """Steps on my plan not done and due within the week or overdue, or blocked."""
    soon = today + WEEK
    return list(
        Step.objects.filter(objective__plan=plan)
        .filter(Q(status=Step.BLOCKED) | (Q(due_on__lte=soon) & ~Q(status=Step.DONE)))
        .order_by(F("due_on").asc(nulls_last=True), "pk")
        .values("pk", "what", "status", "due_on")[: SHOWN + 1]
    )


def my_check_in(plan, user) -> dict:
    return next_check_in(
        plan, viewer=user, last_held_on=plan.last_held_on, last_next_on=plan.last_next_on
    )


def opportunities_for(user, me) -> list:
    """The top few of "For me": the same ranking, cut in SQL."""
    wanted = matching.wanted_for(me)
    return opportunity_queries.best_for(
        me, access.visible_opportunities(user), wanted=wanted, limit=OPPORTUNITIES_SHOWN
    )


def unread_reminders(user) -> list:
    return list(
        access.visible_reminders(user)
        .filter(read_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values("text", "url", "kind", "created_at")[:REMINDERS_SHOWN]
    )


def organisation(user, now, today) -> dict:
    """The organisation at a glance, for HR admins: a few counts, one query each. Below the
    smallest group a figure may be shown for, only the head count (HR knows it from the
    directory)."""
    people = access.visible_people(user).count()
    glance = {"people": people, "shown": access.shows_figures_for(people)}
    if not glance["shown"]:
        return glance
    # Counts, never rows: HR admins do not see anyone's conversations or steps, only how many.
    glance["conversations"] = Conversation.objects.filter(
        status=Conversation.CLOSED, starts_at__gte=now - TALK_EVERY, starts_at__lte=now
    ).count()
    active = access.visible_plans(user).filter(status=Plan.ACTIVE)
    glance["plans"] = active.count()
    glance["overdue"] = (
        Step.objects.filter(objective__plan__in=active.values("pk"), due_on__lt=today)
        .exclude(status=Step.DONE)
        .count()
    )
    return glance


@lru_cache(maxsize=1)
def insights_url() -> str | None:
    """The insights page's address when this installation has one (another part of the work
    brings it); the home page links it only then."""
    try:
        resolve("/insights/")
    except Resolver404:
        return None
    return "/insights/"


def person_url(pk: int) -> str:
    return fast_url("people:detail", pk)
