"""Editing a plan as it moves on: changing and removing its objectives and steps.

Each edit carries the version of the objective or step it was opened with; an edit over someone
else's newer change is refused (StaleEdit), never written over it. Removals are logged like every
change, and the plan's history keeps what was removed.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from careermap.conversations.models import NextStep
from careermap.core.errors import StaleEdit

from .models import Objective, Step
from .services import _log, _refuse_closed, lock_plan


@transaction.atomic
def update_objective(
    objective: Objective,
    *,
    actor,
    version: int,
    title: str,
    measure: str = "",
    due_on=None,
    hours_per_week=None,
    skills=(),
    opportunities=None,
) -> Objective:
    """Save an objective edited from `version`. `opportunities` None leaves the links alone;
    newly linked ones must be open (ones already linked stay, even once closed)."""
    plan = lock_plan(objective.plan_id)
    if opportunities is not None:
        linked = set(objective.opportunities.values_list("pk", flat=True))
        _refuse_closed([o for o in opportunities if o.pk not in linked])
    if not Objective.objects.filter(pk=objective.pk, version=version).update(
        title=title.strip(),
        measure=measure.strip(),
        due_on=due_on,
        hours_per_week=hours_per_week,
        version=F("version") + 1,
    ):
        raise StaleEdit(Objective.objects.get(pk=objective.pk))
    objective.refresh_from_db()
    objective.skills.set(skills)
    if opportunities is not None:
        objective.opportunities.set(opportunities)
    _log(plan, actor, f"Edited the objective “{objective.title}”")
    return objective


@transaction.atomic
def remove_objective(objective: Objective, *, actor, version: int) -> None:
    """Remove an objective and its steps (they stay in the plan's history)."""
    plan, title = lock_plan(objective.plan_id), objective.title
    _set_aside(Step.objects.filter(objective=objective))
    deleted, _ = Objective.objects.filter(pk=objective.pk, version=version).delete()
    if not deleted:
        raise StaleEdit(Objective.objects.filter(pk=objective.pk).first())
    _log(plan, actor, f"Removed the objective “{title}” and its steps")


@transaction.atomic
def update_step(
    step: Step,
    *,
    actor,
    version: int,
    what: str,
    owner=None,
    owner_name: str = "",
    due_on=None,
    support: str = "",
) -> Step:
    """Save a step's wording, owner, date and support, edited from `version`."""
    plan = lock_plan(step.objective.plan_id)
    before = step.due_on  # as the form was opened: if it changed since, the save is refused
    if not Step.objects.filter(pk=step.pk, version=version).update(
        what=what.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
        support=support.strip(),
        version=F("version") + 1,
    ):
        raise StaleEdit(Step.objects.get(pk=step.pk))
    step.refresh_from_db()
    summary = f"Edited the step “{step.what}”"
    if before != due_on:
        summary += f" (now due {due_on:%-d %B %Y})" if due_on else " (no date now)"
    _log(plan, actor, summary)
    return step


@transaction.atomic
def remove_step(step: Step, *, actor, version: int) -> None:
    plan, what = lock_plan(step.objective.plan_id), step.what
    _set_aside(Step.objects.filter(pk=step.pk))
    deleted, _ = Step.objects.filter(pk=step.pk, version=version).delete()
    if not deleted:
        raise StaleEdit(Step.objects.filter(pk=step.pk).first())
    _log(plan, actor, f"Removed the step “{what}”")


def _set_aside(steps) -> None:
    # A next step agreed in a conversation and then taken out of the plan must not come back
    # as "not in the plan yet". (Rolled back with the removal if the removal is refused.)
    NextStep.objects.filter(plan_step__in=steps).update(set_aside=True)
