"""Writes to development plans. Every change is logged in PlanChange."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careermap.conversations.models import Conversation, NextStep

from .models import Objective, Plan, PlanChange, Step


class Stale(Exception):
    def __init__(self, current):
        super().__init__("Changed by someone else meanwhile.")
        self.current = current


def _log(plan: Plan, actor, summary: str) -> None:
    PlanChange.objects.create(
        plan=plan, actor=getattr(actor, "person", None), summary=summary[:300]
    )


@transaction.atomic
def start_plan(person, *, actor, goal: str) -> Plan:
    if Plan.objects.filter(person=person, status=Plan.ACTIVE).exists():
        raise ValueError(f"{person.name} already has an active plan.")
    plan = Plan.objects.create(person=person, goal=goal.strip())
    _log(plan, actor, "Started the plan")
    return plan


GROW_FIELDS = (
    "goal",
    "reality",
    "options",
    "this_week",
    "this_month",
    "likelihood",
    "support",
    "hours_agreed",
)


@transaction.atomic
def update_plan(plan: Plan, *, actor, version: int, **fields) -> Plan:
    """Save the goal and GROW record, edited from `version`."""
    values = {
        k: fields[k].strip() if isinstance(fields[k], str) else fields[k]
        for k in GROW_FIELDS
        if k in fields
    }
    changed = [k for k, v in values.items() if getattr(plan, k) != v]
    if not Plan.objects.filter(pk=plan.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise Stale(Plan.objects.get(pk=plan.pk))
    plan.refresh_from_db()
    if changed:
        _log(plan, actor, "Changed " + ", ".join(k.replace("_", " ") for k in changed))
    return plan


@transaction.atomic
def add_objective(
    plan: Plan, *, actor, title: str, measure: str = "", due_on=None, hours_per_week=None, skills=()
) -> Objective:
    objective = Objective.objects.create(
        plan=plan,
        title=title.strip(),
        measure=measure.strip(),
        due_on=due_on,
        hours_per_week=hours_per_week,
        position=plan.objectives.count(),
    )
    objective.skills.set(skills)
    _log(plan, actor, f"Added the objective “{objective.title}”")
    return objective


@transaction.atomic
def add_step(
    objective: Objective,
    *,
    actor,
    what: str,
    owner=None,
    owner_name: str = "",
    due_on=None,
    support: str = "",
) -> Step:
    step = Step.objects.create(
        objective=objective,
        what=what.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
        support=support.strip(),
    )
    _log(objective.plan, actor, f"Added the step “{step.what}”")
    return step


@transaction.atomic
def set_step_status(
    step: Step,
    *,
    actor,
    version: int,
    status: str,
    roadblock: str = "",
    evidence: str = "",
    reflection: str = "",
) -> Step:
    """Move a step on. Blocked needs the roadblock described; done needs the evidence."""
    if status == Step.BLOCKED and not roadblock.strip():
        raise ValueError("Describe the roadblock, so it can be talked about and removed.")
    if status == Step.DONE and not evidence.strip():
        raise ValueError("Say what shows it is done: a link, a result, a piece of work.")
    updated = Step.objects.filter(pk=step.pk, version=version).update(
        status=status,
        roadblock=roadblock.strip() if status == Step.BLOCKED else "",
        evidence=evidence.strip(),
        reflection=reflection.strip(),
        done_on=timezone.localdate() if status == Step.DONE else None,
        version=F("version") + 1,
    )
    if not updated:
        raise Stale(Step.objects.get(pk=step.pk))
    step.refresh_from_db()
    _log(
        step.objective.plan,
        actor,
        f"“{step.what}”: {step.get_status_display().lower()}"
        + (f" ({step.roadblock})" if status == Step.BLOCKED else ""),
    )
    return step


def waiting_next_steps(plan: Plan):
    """Next steps agreed in the person's closed conversations that are not in a plan yet."""
    return (
        NextStep.objects.filter(conversation__status=Conversation.CLOSED, plan_step__isnull=True)
        .filter(conversation__guest=plan.person)
        .select_related("conversation", "owner")
        .order_by("conversation__starts_at", "pk")
    )


@transaction.atomic
def bring_in_next_steps(plan: Plan, *, actor) -> list[Step]:
    """Each closed conversation's next steps become an objective's steps in the plan."""
    created: list[Step] = []
    by_conversation: dict[int, Objective] = {}
    for next_step in waiting_next_steps(plan):
        conversation = next_step.conversation
        objective = by_conversation.get(conversation.pk)
        if objective is None:
            when = timezone.localtime(conversation.starts_at).strftime("%-d %B %Y")
            objective = by_conversation[conversation.pk] = Objective.objects.create(
                plan=plan,
                title=f"Agreed in {conversation.title.lower()}, {when}",
                measure="",
                position=plan.objectives.count(),
            )
        created.append(
            Step.objects.create(
                objective=objective,
                what=next_step.what,
                owner=next_step.owner,
                owner_name=next_step.owner_name,
                due_on=next_step.due_on,
                support=next_step.support,
                from_next_step=next_step,
            )
        )
    if created:
        _log(
            plan,
            actor,
            f"Brought in {len(created)} next step"
            f"{'s' if len(created) != 1 else ''} from conversations",
        )
    return created
