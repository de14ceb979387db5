"""Reads for the plan page: a fixed number of queries, whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import NullIf
from django.utils import timezone

from careermap.conversations.models import Conversation
from careermap.people.models import Person

from . import review
from .models import Objective, Plan, Step


@dataclass
class StepCounts:
    done: int = 0
    in_progress: int = 0
    blocked: int = 0
    not_started: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.blocked + self.not_started


def active_plan(person) -> Plan | None:
    return Plan.objects.filter(person=person, status=Plan.ACTIVE).first()


def plan_page(plan: Plan):
    today = timezone.localdate()
    objectives = list(
        Objective.objects.filter(plan=plan).prefetch_related(
            "skills", Prefetch("steps", queryset=Step.objects.select_related("owner"))
        )
    )
    counts = StepCounts()
    rows = []
    for objective in objectives:
        steps = list(objective.steps.all())
        for step in steps:
            setattr(counts, step.status, getattr(counts, step.status) + 1)
            step.overdue = step.status != Step.DONE and step.due_on and step.due_on < today
            counts.overdue += bool(step.overdue)
        skills = list(objective.skills.all())
        rows.append(
            {
                "objective": objective,
                "steps": steps,
                "skills": skills,
                "review": review.objective_review(objective, skills),
            }
        )
    return {
        "plan": plan,
        "objectives": rows,
        "counts": counts,
        "time_warning": review.time_review(plan, objectives),
        "targets": list(plan.target_roles.all()),
        "changes": list(plan.changes.select_related("actor")[:30]),
    }


SORTS = {
    "name": (F("name").asc(),),
    # Never talked to, or nothing booked, first: they are the ones who need attention.
    "last": (F("last_conversation").asc(nulls_first=True), F("name").asc()),
    "next": (F("next_conversation").asc(nulls_first=True), F("name").asc()),
    "progress": (F("progress").desc(nulls_last=True), F("name").asc()),
    "blocked": (F("blocked").desc(), F("name").asc()),
    "overdue": (F("overdue").desc(), F("name").asc()),
}


def team_at_a_glance(manager, *, sort: str = "name"):
    """Each direct report with their last and next conversation and their plan's progress,
    in one query whatever the size of the team."""
    now = timezone.now()
    today = timezone.localdate()
    theirs = Conversation.objects.filter(Q(guest=OuterRef("pk")) | Q(host=OuterRef("pk")))
    active = Q(plans__status=Plan.ACTIVE)
    steps = "plans__objectives__steps"
    people = (
        Person.objects.filter(manager=manager)
        .select_related("team")
        .annotate(
            last_conversation=Subquery(
                theirs.filter(status=Conversation.CLOSED)
                .order_by("-starts_at")
                .values("starts_at")[:1]
            ),
            next_conversation=Subquery(
                theirs.filter(status=Conversation.SCHEDULED, starts_at__gte=now)
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
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
        .order_by(*SORTS.get(sort, SORTS["name"]))
    )
    return list(people)
