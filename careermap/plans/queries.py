"""Reads for the plan page: a fixed number of queries, whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

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
