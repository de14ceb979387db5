"""Plans across the organisation, as counts per person: what the organisation's figures
(careermap/insights) add up. Each function is one query whatever the size, and none reads a
plan's words: only statuses, dates and links."""

from __future__ import annotations

from django.db.models import Count, Max, Q

from ..models import Objective, Plan, Step


def active_plans():
    """(person id, agreed check-in cadence in weeks, the day of the last check-in or None) for
    every active plan."""
    return (
        Plan.objects.filter(status=Plan.ACTIVE)
        .annotate(last_check_in=Max("check_ins__held_on"))
        .values_list("person_id", "check_in_weeks", "last_check_in")
    )


def plans_started(since):
    """(person id, when) of every plan started since `since`, archived ones included."""
    return Plan.objects.filter(created_at__gte=since).values_list("person_id", "created_at")


def steps_done(since):
    """(person id, the day it was done) of every step done since `since`, on any plan of theirs."""
    return Step.objects.filter(status=Step.DONE, done_on__gte=since).values_list(
        "objective__plan__person_id", "done_on"
    )


def open_steps(today):
    """(person id, open steps, of which overdue) on every active plan with open steps."""
    return (
        Step.objects.filter(objective__plan__status=Plan.ACTIVE)
        .exclude(status=Step.DONE)
        .values("objective__plan__person_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .values_list("objective__plan__person_id", "open", "overdue")
    )


def opportunity_takers():
    """The ids of people whose active plan has an opportunity linked to one of its objectives."""
    return (
        Objective.opportunities.through.objects.filter(objective__plan__status=Plan.ACTIVE)
        .values_list("objective__plan__person_id", flat=True)
        .distinct()
    )
