"""Writes to development plans. Every change is logged in PlanChange.

Each write starts by locking the plan's row (`lock_plan`), so changes to one plan happen one
after the other: the snapshot a change records is exactly the plan that change produced, even
when many people save at the same moment.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careermap.audit import services as audit
from careermap.conversations import services as conversations
from careermap.conversations.models import Conversation
from careermap.core.errors import StaleEdit
from careermap.people.models import Person

from . import history, queries
from .models import CheckIn, Objective, ObjectiveProgress, Plan, PlanChange, Step


def lock_plan(plan_id: int) -> Plan:
    """The plan as stored, its row locked until the transaction ends. Called first in every
    change: a second change to the same plan waits here until the first has committed, then
    reads what it wrote. (SQLite takes the database's write lock when the transaction begins,
    which queues writers the same way.)"""
    return Plan.objects.select_for_update().get(pk=plan_id)


def _log(plan: Plan, actor, summary: str) -> None:
    # Taken under the plan's lock, inside the change's transaction: the snapshot is the plan
    # exactly as this change left it.
    PlanChange.objects.create(
        plan=plan,
        actor=getattr(actor, "person", None),
        summary=summary[:300],
        snapshot=history.snapshot(plan),
    )
    audit.record_change(actor=actor, subject=plan.person, what="plan", detail=summary[:300])


@transaction.atomic
def start_plan(person, *, actor, goal: str, bring_in: bool = False) -> Plan:
    """Start the person's plan with its long-term goal; with `bring_in`, the next steps agreed
    in their closed conversations come in as its first objectives, in the same transaction."""
    # Two "Start the plan" clicks at once: the second waits for the first, then is refused.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if Plan.objects.filter(person=person, status=Plan.ACTIVE).exists():
        raise ValueError(f"{person.name} already has an active plan.")
    plan = Plan.objects.create(person=person, goal=goal.strip())
    _log(plan, actor, "Started the plan")
    if bring_in:
        bring_in_next_steps(plan, actor=actor)
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
    plan = lock_plan(plan.pk)
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
        return plan  # saving an unchanged form changes nothing, so it is not in the history
    if not Plan.objects.filter(pk=plan.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise StaleEdit(Plan.objects.get(pk=plan.pk))
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
    plan = lock_plan(plan.pk)
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
    plan = lock_plan(objective.plan_id)
    _refuse_closed([opportunity])
    if objective.opportunities.filter(pk=opportunity.pk).exists():
        return objective
    objective.opportunities.add(opportunity)
    _log(plan, actor, f"Linked “{opportunity.title}” to “{objective.title}”")
    return objective


@transaction.atomic
def unlink_opportunity(objective: Objective, *, actor, opportunity) -> Objective:
    plan = lock_plan(objective.plan_id)
    if not objective.opportunities.filter(pk=opportunity.pk).exists():
        return objective
    objective.opportunities.remove(opportunity)
    _log(plan, actor, f"Unlinked “{opportunity.title}” from “{objective.title}”")
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
    plan = lock_plan(objective.plan_id)
    step = Step.objects.create(
        objective=objective,
        what=what.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
        support=support.strip(),
    )
    _log(plan, actor, f"Added the step “{step.what}”")
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
    plan = lock_plan(step.objective.plan_id)
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
        raise StaleEdit(Step.objects.get(pk=step.pk))
    step.refresh_from_db()
    _log(
        plan,
        actor,
        f"“{step.what}”: {step.get_status_display().lower()}"
        + (f" ({step.roadblock})" if status == Step.BLOCKED else ""),
    )
    return step


@transaction.atomic
def bring_in_next_steps(plan: Plan, *, actor) -> list[Step]:
    """Each closed conversation's next steps become an objective's steps in the plan: those
    the actor may read (queries.waiting_next_steps)."""
    plan = lock_plan(plan.pk)
    created: list[Step] = []
    by_conversation: dict[int, Objective] = {}
    waiting = queries.waiting_next_steps(plan, viewer=actor).select_related("conversation", "owner")
    for next_step in waiting:
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


# When a check-in's next date comes without a time of day.
DEFAULT_CHECK_IN_TIME = dt.time(10, 0)


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
    next_at=None,
) -> CheckIn:
    """Record a check-in, all or nothing: progress per objective (objective id -> (status,
    note)), roadblocks, a change of goal; the open check-in conversation it was held in is
    closed with its summary; and the next one, on `next_on` at `next_at`, is put in both
    calendars (the one already booked is moved, never doubled).

    `version` is the plan version the form was opened with: a goal changed by someone else
    meanwhile is never overwritten (StaleEdit). The check-in returned carries `next_booked`:
    the next check-in conversation, or None when nothing was booked (no next date, a date
    already past, or no manager to check in with)."""
    plan = lock_plan(plan.pk)
    goal = (goal or "").strip()
    changes_goal = bool(goal) and goal != plan.goal
    if changes_goal:
        if plan.version != version:
            raise StaleEdit(plan)
        Plan.objects.filter(pk=plan.pk).update(
            goal=goal, version=F("version") + 1, updated_at=timezone.now()
        )
        plan.refresh_from_db()
    held_in = queries.held_in(plan, viewer=actor, on=held_on)
    if held_in is not None:
        # Read again under its lock: closed meanwhile by the other participant, it stays as
        # they left it and the check-in is recorded on its own.
        held_in = (
            Conversation.objects.select_for_update()
            .filter(pk=held_in.pk, status=Conversation.SCHEDULED)
            .first()
        )
    check_in = CheckIn.objects.create(
        plan=plan,
        held_on=held_on,
        recorded_by=getattr(actor, "person", None),
        conversation=held_in,
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
    if held_in is not None:
        # Closed before the next one is booked: it is no longer the upcoming check-in.
        conversations.close(
            held_in,
            actor=actor,
            version=held_in.version,
            summary=summary.strip(),
            follow_up_on=None,  # the next check-in is booked below, at the time chosen here
            write_up_wanted=False,
        )
    summary_line = f"Recorded the check-in of {held_on:%-d %B %Y}"
    if changes_goal:
        summary_line += "; changed the goal"
    _log(plan, actor, summary_line)
    check_in.next_booked = None
    if next_on is not None:
        starts_at = timezone.make_aware(
            dt.datetime.combine(next_on, next_at or DEFAULT_CHECK_IN_TIME)
        )
        # A next date already past is kept on the check-in; there is nothing left to book.
        if starts_at > timezone.now():
            check_in.next_booked = book_next_check_in(plan, actor=actor, starts_at=starts_at)
    return check_in


@transaction.atomic
def book_next_check_in(plan: Plan, *, actor, starts_at) -> Conversation | None:
    """Put the next check-in between the person and their manager in both calendars: the one
    already booked is moved, never doubled (conversations.book_check_in, which also sends the
    invites once the change commits). None when the person has no manager to check in with."""
    person = Person.objects.select_related("manager").get(pk=plan.person_id)
    if person.manager is None:
        return None
    return conversations.book_check_in(
        actor=actor, host=person.manager, guest=person, starts_at=starts_at
    )
