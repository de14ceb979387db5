"""Reads for check-ins: the conversation one is held in, the one booked next, the agenda."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from careermap import access
from careermap.conversations.models import Conversation
from careermap.people.models import Person
from careermap.prepared import Prepared

from ..models import Plan, Step

# The playbook of the conversations a plan's check-ins are held in.
CHECK_IN_PLAYBOOK = "development-check-in"


def _check_ins_with_manager(person):
    """Development check-in conversations between the person and their manager, as
    conversations.book_check_in books them (the manager hosts)."""
    return Conversation.objects.filter(
        playbook_key=CHECK_IN_PLAYBOOK,
        host_id=Person.objects.filter(pk=person).values("manager_id")[:1],
        guest_id=person,
    )


def _booked(*, variant, person, since):
    return (
        _check_ins_with_manager(person)
        .filter(status=Conversation.SCHEDULED, starts_at__gte=since)
        .order_by("starts_at")
        .values("id", "starts_at", "host_id", "guest_id")[:1]
    )


_BOOKED = Prepared(_booked, person=int, since=dt.datetime)


def next_check_in(plan: Plan, *, viewer, last_held_on=None, last_next_on=None) -> dict:
    """When the next check-in is: the one booked with the manager if there is one (a link to
    it for the two who take part), else the date agreed at the last check-in, else one cadence
    after the last (or after the plan began). A booked one up to a week past and still open
    counts: it is late, not gone."""
    since = timezone.now() - dt.timedelta(days=7)
    booked = next(iter(_BOOKED.rows(person=plan.person_id, since=since)), None)
    today = timezone.localdate()
    if booked is not None:
        on = timezone.localtime(booked["starts_at"]).date()
    elif last_next_on:
        on = last_next_on
    else:
        since = last_held_on or timezone.localtime(plan.created_at).date()
        on = since + dt.timedelta(weeks=plan.check_in_weeks)
    conversation = Conversation(**booked) if booked is not None else None
    return {
        "on": on,
        "booked": booked is not None,
        "url": conversation.get_absolute_url()
        if conversation is not None and access.takes_part_in(viewer, conversation)
        else None,
        "late": on < today,
    }


def _open_check_ins(*, variant, person, moment):
    open_ones = _check_ins_with_manager(person).filter(status=Conversation.SCHEDULED)
    if variant == "before":  # the latest one due before the moment
        return open_ones.filter(starts_at__lt=moment).order_by("-starts_at", "-pk")[:1]
    # The next two after it: the first may be the one a check-in is being held in.
    return open_ones.filter(starts_at__gt=moment).order_by("starts_at", "pk")[:2]


_OPEN_CHECK_INS = Prepared(_open_check_ins, person=int, moment=dt.datetime)


def held_in(plan: Plan, *, viewer, on) -> Conversation | None:
    """The open check-in conversation with the manager that a check-in held on `on` was held
    in: the latest one due that day or before, never one booked for a later day (that one is
    the next check-in, to be moved). Only if the viewer takes part in it, as recording the
    check-in closes it with its summary."""
    day_after = timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time()))
    found = _OPEN_CHECK_INS.run("before", person=plan.person_id, moment=day_after)
    return found[0] if found and access.takes_part_in(viewer, found[0]) else None


def upcoming_check_in(plan: Plan, *, besides: Conversation | None = None):
    """The check-in with the manager booked next (after now): the one a new booking moves.
    `besides`: a conversation the check-in is being held in, which is not the next one."""
    found = _OPEN_CHECK_INS.run("after", person=plan.person_id, moment=timezone.now())
    return next((c for c in found if besides is None or c.pk != besides.pk), None)


def check_in_agenda(plan: Plan) -> dict:
    """What a check-in looks at, built from the plan: steps due or overdue (up to a week ahead),
    open roadblocks, and what was done since the last check-in. One query for the steps, read
    as plain values: a long plan can have dozens of each."""
    today = timezone.localdate()
    last_held_on = (
        plan.check_ins.order_by("-held_on", "-pk").values_list("held_on", flat=True).first()
    )
    since = last_held_on or timezone.localtime(plan.created_at).date()
    soon = today + timezone.timedelta(days=7)
    rows = (
        Step.objects.filter(objective__plan=plan)
        .filter(
            Q(status=Step.BLOCKED)
            | (~Q(status=Step.DONE) & Q(due_on__lte=soon))
            | Q(status=Step.DONE, done_on__gte=since)
        )
        .order_by("due_on", "pk")
        .values("what", "status", "due_on", "done_on", "roadblock", "evidence", "owner_name")
        .annotate(owner_full_name=F("owner__name"))
    )
    due, blocked, done = [], [], []
    for row in rows:
        row["who"] = row["owner_full_name"] or row["owner_name"] or "To be agreed"
        if row["status"] == Step.BLOCKED:
            blocked.append(row)
        elif row["status"] == Step.DONE:
            done.append(row)
        else:
            row["overdue"] = row["due_on"] < today
            due.append(row)
    done.sort(key=lambda r: r["done_on"])
    # A check-in has half an hour: the most pressing few of each, and how many more there are.
    return {
        "last_held_on": last_held_on,
        "since": since,
        "due": due[:AGENDA_LENGTH],
        "due_more": max(0, len(due) - AGENDA_LENGTH),
        "blocked": blocked[:AGENDA_LENGTH],
        "blocked_more": max(0, len(blocked) - AGENDA_LENGTH),
        "done_since": done[-AGENDA_LENGTH:],
        "done_more": max(0, len(done) - AGENDA_LENGTH),
    }


AGENDA_LENGTH = 12
