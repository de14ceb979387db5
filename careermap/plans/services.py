"""Writes to development plans. Every change is logged in PlanChange."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careermap.audit import services as audit
from careermap.conversations.models import Conversation, NextStep

from . import history
from .models import CheckIn, Objective, ObjectiveProgress, Plan, PlanChange, Step


class Stale(Exception):
    def __init__(self, current):
        super().__init__("Changed by someone else meanwhile.")
        self.current = current


def _log(plan: Plan, actor, summary: str) -> None:
    # The snapshot is taken inside the change's transaction: it is exactly the version the
    # change produced, even when two people save at the same moment.
    PlanChange.objects.create(
        plan=plan,
        actor=getattr(actor, "person", None),
        summary=summary[:300],
        snapshot=history.snapshot(plan),
    )
    audit.record_change(actor=actor, subject=plan.person, what="plan", detail=summary[:300])
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1)


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
    "check_in_weeks",
)


@transaction.atomic
def update_plan(plan: Plan, *, actor, version: int, target_roles=None, **fields) -> Plan:
    """Save the goal, GROW record and target roles (None leaves them), edited from
    `version`."""
    values = {
        k: fields[k].strip() if isinstance(fields[k], str) else fields[k]
        for k in GROW_FIELDS
        if k in fields
    }
    changed = [k for k, v in values.items() if getattr(plan, k) != v]
    targets_change = target_roles is not None and {r.pk for r in target_roles} != set(
        plan.target_roles.values_list("pk", flat=True)
    )
    if targets_change:
        changed.append("target_roles")
    if not changed:
        return plan  # saving an unchanged form is not a new version
    if not Plan.objects.filter(pk=plan.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise Stale(Plan.objects.get(pk=plan.pk))
    plan.refresh_from_db()
    if targets_change:
        plan.target_roles.set(target_roles)
    _log(plan, actor, "Changed " + ", ".join(history.GROW_LABELS[k].lower() for k in changed))
    return plan


@transaction.atomic
def add_objective(
    plan: Plan,
    *,
    actor,
    title: str,
    measure: str = "",
    due_on=None,
    hours_per_week=None,
    skills=(),
    opportunities=(),
) -> Objective:
    _refuse_closed(opportunities)
    objective = Objective.objects.create(
        plan=plan,
        title=title.strip(),
        measure=measure.strip(),
        due_on=due_on,
        hours_per_week=hours_per_week,
        position=plan.objectives.count(),
    )
    objective.skills.set(skills)
    objective.opportunities.set(opportunities)
    _log(plan, actor, f"Added the objective “{objective.title}”")
    return objective


def _refuse_closed(opportunities) -> None:
    for opportunity in opportunities:
        if not opportunity.is_open:
            raise ValueError(f"“{opportunity.title}” is closed: it takes nobody new.")


@transaction.atomic
def link_opportunity(objective: Objective, *, actor, opportunity) -> Objective:
    """Say that an opportunity serves the objective. Only open ones can be linked; linking one
    twice changes nothing."""
    _refuse_closed([opportunity])
    if objective.opportunities.filter(pk=opportunity.pk).exists():
        return objective
    objective.opportunities.add(opportunity)
    _log(objective.plan, actor, f"Linked “{opportunity.title}” to “{objective.title}”")
    return objective


@transaction.atomic
def unlink_opportunity(objective: Objective, *, actor, opportunity) -> Objective:
    if not objective.opportunities.filter(pk=opportunity.pk).exists():
        return objective
    objective.opportunities.remove(opportunity)
    _log(objective.plan, actor, f"Unlinked “{opportunity.title}” from “{objective.title}”")
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


NEEDS_ROADBLOCK = "Describe the roadblock, so it can be talked about and removed."
NEEDS_EVIDENCE = "Say what shows it is done: a link, a result, a piece of work."


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
        raise ValueError(NEEDS_ROADBLOCK)
    if status == Step.DONE and not evidence.strip():
        raise ValueError(NEEDS_EVIDENCE)
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
        NextStep.objects.filter(
            conversation__status=Conversation.CLOSED, plan_step__isnull=True, set_aside=False
        )
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


def mark_looked_at(plan: Plan, *, now=None) -> None:
    """Note that the person or a manager opened the plan; at most one write a day per plan."""
    now = now or timezone.now()
    if plan.looked_at is None or now - plan.looked_at > timezone.timedelta(days=1):
        Plan.objects.filter(pk=plan.pk).update(looked_at=now)
        plan.looked_at = now


@transaction.atomic
def record_check_in(
    plan: Plan,
    *,
    actor,
    version: int,
    held_on,
    summary: str = "",
    roadblocks: str = "",
    goal: str | None = None,
    goal_change: str = "",
    progress: dict[int, tuple[str, str]] | None = None,
    next_on=None,
    conversation: Conversation | None = None,
) -> CheckIn:
    """Record a check-in: progress per objective (objective id -> (status, note)), roadblocks,
    a change of goal. `version` is the plan version the form was opened with: a goal changed
    by someone else meanwhile is never overwritten."""
    goal = (goal or "").strip()
    changes_goal = bool(goal) and goal != plan.goal
    if changes_goal:
        if not Plan.objects.filter(pk=plan.pk, version=version).update(
            goal=goal, version=F("version") + 1, updated_at=timezone.now()
        ):
            raise Stale(Plan.objects.get(pk=plan.pk))
        plan.refresh_from_db()
    check_in = CheckIn.objects.create(
        plan=plan,
        held_on=held_on,
        recorded_by=getattr(actor, "person", None),
        conversation=conversation,
        summary=summary.strip(),
        roadblocks=roadblocks.strip(),
        goal_change=goal_change.strip(),
        next_on=next_on,
    )
    objectives = set(plan.objectives.values_list("pk", flat=True))
    ObjectiveProgress.objects.bulk_create(
        ObjectiveProgress(check_in=check_in, objective_id=pk, status=status, note=note.strip())
        for pk, (status, note) in (progress or {}).items()
        if pk in objectives
    )
    if conversation is not None and conversation.status == Conversation.SCHEDULED:
        Conversation.objects.filter(pk=conversation.pk).update(
            status=Conversation.CLOSED,
            summary=summary.strip(),
            closed_at=timezone.now(),
            version=F("version") + 1,
        )
    summary_line = f"Recorded the check-in of {held_on:%-d %B %Y}"
    if changes_goal:
        summary_line += "; changed the goal"
    _log(plan, actor, summary_line)
    return check_in


CHECK_IN_PLAYBOOK = "development-check-in"


def open_check_in(plan: Plan) -> Conversation | None:
    """The development check-in conversation this plan's check-in would be recorded against:
    the earliest one between the person and their manager that is still open and due within a
    week (earlier ones that were never closed count too)."""
    person = plan.person
    if person.manager_id is None:
        return None
    return (
        Conversation.objects.filter(
            playbook_key=CHECK_IN_PLAYBOOK,
            status=Conversation.SCHEDULED,
            host_id=person.manager_id,
            guest=person,
            starts_at__lte=timezone.now() + timezone.timedelta(days=7),
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def book_next_check_in(plan: Plan, *, actor, starts_at) -> Conversation | None:
    """Put the next check-in in both calendars: the one already booked is moved, never doubled
    (conversations.book_check_in). None when the person has no manager to check in with."""
    from careermap.conversations import services as conversations

    person = plan.person
    if person.manager is None:
        return None
    return conversations.book_check_in(
        actor=actor, host=person.manager, guest=person, starts_at=starts_at
    )
