"""Reads for the plan page: a fixed number of queries, whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import json_script

from careermap.conversations.models import Conversation
from careermap.frameworks.models import Assessment
from careermap.opportunities.models import Opportunity
from careermap.people.models import Person

from . import review
from .models import CheckIn, Objective, ObjectiveProgress, Plan, Step


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
    """Everything the plan page shows. The long parts (objectives with their steps, the
    timeline, the chart) are loaded only when the page renders them: a page whose rendering
    is cached (see plan_detail.html) never loads them at all."""
    today = timezone.localdate()
    latest = plan.changes.order_by("-at", "-pk").values_list("pk", flat=True).first()
    last_check_in = plan.check_ins.order_by("-held_on", "-pk").first()
    latest_rating = (
        Assessment.objects.filter(person_id=plan.person_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    rows = SimpleLazyObject(lambda: objective_rows(plan, today))
    linked = linked_opportunities(plan, today)
    newest_linked = linked["newest"].timestamp() if linked["newest"] else 0
    return {
        "plan": plan,
        "objectives": rows,
        "counts": step_counts(plan, today),
        "time_warning": review.time_review(plan, planned_hours(plan), linked["hours"] or 0),
        "changes": SimpleLazyObject(
            lambda: list(plan.changes.select_related("actor").defer("snapshot")[:TIMELINE_LENGTH])
        ),
        "timeline": SimpleLazyObject(lambda: recent_timeline(plan)),
        "next_check_in": next_check_in(plan, last_check_in),
        "chart": SimpleLazyObject(
            lambda: skill_chart(plan, [s for row in rows for s in row["skills"]])
        ),
        "has_ratings": latest_rating is not None,
        # Every write to a plan logs a change, so the newest change and the day (for what is
        # overdue) say whether a cached rendering of the plan is still current; the newest
        # rating does the same for the chart. A linked opportunity closed or renamed by its
        # editors is no change to the plan: its own updated_at says so.
        "stamp": f"{latest or 0}-{today.isoformat()}-{newest_linked}",
        "chart_stamp": f"{latest or 0}-{latest_rating or 0}",
    }


def objective_rows(plan: Plan, today) -> list[dict]:
    objectives = Objective.objects.filter(plan=plan).prefetch_related(
        "skills",
        Prefetch("opportunities", queryset=Opportunity.objects.order_by("title")),
        Prefetch("steps", queryset=Step.objects.select_related("owner")),
    )
    rows = []
    for objective in objectives:
        steps = list(objective.steps.all())
        for step in steps:
            step.overdue = step.status != Step.DONE and step.due_on and step.due_on < today
        skills = list(objective.skills.all())
        rows.append(
            {
                "objective": objective,
                "steps": steps,
                "skills": skills,
                "opportunities": list(objective.opportunities.all()),
                "review": review.objective_review(objective, skills),
            }
        )
    return rows


def step_counts(plan: Plan, today) -> StepCounts:
    def status(value):
        return Count("pk", filter=Q(status=value))

    return StepCounts(
        **Step.objects.filter(objective__plan=plan).aggregate(
            done=status(Step.DONE),
            in_progress=status(Step.IN_PROGRESS),
            blocked=status(Step.BLOCKED),
            not_started=status(Step.NOT_STARTED),
            overdue=Count("pk", filter=~Q(status=Step.DONE) & Q(due_on__lt=today)),
        )
    )


def planned_hours(plan: Plan) -> int:
    return plan.objectives.aggregate(total=Sum("hours_per_week"))["total"] or 0


def linked_opportunities(plan: Plan, today) -> dict:
    """The opportunities the plan's objectives use, in one query: the hours a week asked by
    those not yet over (each counted once, however many objectives it serves), and when any of
    them last changed."""
    used = Objective.opportunities.through.objects.filter(objective__plan=plan)
    return Opportunity.objects.filter(pk__in=used.values("opportunity_id")).aggregate(
        hours=Sum("hours_per_week", filter=Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
        newest=Max("updated_at"),
    )


def recent_timeline(plan: Plan) -> list[dict]:
    check_ins = list(
        plan.check_ins.select_related("recorded_by").prefetch_related(
            Prefetch("progress", queryset=ObjectiveProgress.objects.select_related("objective"))
        )[:TIMELINE_LENGTH]
    )
    changes = list(plan.changes.select_related("actor").defer("snapshot")[:TIMELINE_LENGTH])
    return timeline(check_ins, changes)[:TIMELINE_LENGTH]


TIMELINE_LENGTH = 20


def write_up(plan: Plan) -> dict:
    """The plan page's content with every check-in and change: a document to keep."""
    context = plan_page(plan)
    context["check_ins"] = list(
        plan.check_ins.select_related("recorded_by").prefetch_related(
            Prefetch("progress", queryset=ObjectiveProgress.objects.select_related("objective"))
        )
    )
    context["changes"] = list(plan.changes.select_related("actor").defer("snapshot"))
    context["targets"] = list(plan.target_roles.all())
    return context


def timeline(check_ins, changes) -> list[dict]:
    """Check-ins and changes, newest first. A check-in's own "recorded" change is left out:
    the check-in itself stands for it."""
    entries = [{"kind": "check_in", "at": c.created_at, "check_in": c} for c in check_ins]
    entries += [
        {"kind": "change", "at": c.at, "change": c}
        for c in changes
        if not c.summary.startswith("Recorded the check-in")
    ]
    return sorted(entries, key=lambda e: e["at"], reverse=True)


def next_check_in(plan: Plan, last: CheckIn | None) -> dict:
    """When the next check-in is: the booked conversation if there is one, else the date
    agreed at the last check-in, else one cadence after the last (or after the plan began)."""
    booked = (
        Conversation.objects.filter(
            playbook_key="development-check-in",
            status=Conversation.SCHEDULED,
            guest_id=plan.person_id,
            starts_at__gte=timezone.now() - timezone.timedelta(days=7),
        )
        .order_by("starts_at")
        .only("pk", "starts_at", "duration_minutes")
        .first()
    )
    today = timezone.localdate()
    if booked is not None:
        on = timezone.localtime(booked.starts_at).date()
    elif last is not None and last.next_on:
        on = last.next_on
    else:
        since = last.held_on if last else timezone.localtime(plan.created_at).date()
        on = since + timezone.timedelta(weeks=plan.check_in_weeks)
    return {"on": on, "conversation": booked, "late": on < today}


def check_in_agenda(plan: Plan) -> dict:
    """What a check-in looks at, built from the plan: steps due or overdue (up to a week ahead),
    open roadblocks, and what was done since the last check-in."""
    today = timezone.localdate()
    last = plan.check_ins.order_by("-held_on", "-pk").first()
    since = last.held_on if last else timezone.localtime(plan.created_at).date()
    steps = Step.objects.filter(objective__plan=plan).select_related("owner", "objective")
    open_steps = steps.exclude(status=Step.DONE)
    due = list(
        open_steps.filter(due_on__lte=today + timezone.timedelta(days=7))
        .exclude(status=Step.BLOCKED)
        .order_by("due_on", "pk")
    )
    for step in due:
        step.overdue = step.due_on < today
    return {
        "last_check_in": last,
        "since": since,
        "due": due,
        "blocked": list(open_steps.filter(status=Step.BLOCKED).order_by("due_on", "pk")),
        "done_since": list(steps.filter(status=Step.DONE, done_on__gte=since).order_by("done_on")),
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
    """Each direct report with their last career conversation, their last and next check-in
    and their plan's progress, in one query whatever the size of the team."""
    now = timezone.now()
    today = timezone.localdate()
    theirs = Conversation.objects.filter(Q(guest=OuterRef("pk")) | Q(host=OuterRef("pk")))
    active = Q(plans__status=Plan.ACTIVE)
    steps = "plans__objectives__steps"
    last_check_in = CheckIn.objects.filter(
        plan__person=OuterRef("pk"), plan__status=Plan.ACTIVE
    ).order_by("-held_on", "-pk")
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
                theirs.filter(
                    status=Conversation.SCHEDULED,
                    starts_at__gte=now,
                    playbook_key="development-check-in",
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
        .order_by(*SORTS.get(sort, SORTS["name"]))
    )
    return list(people)


CHART_SKILLS = 6


def skill_chart(plan: Plan, objective_skills) -> dict | None:
    """Skill assessments over time for the chart on the plan page: the skills the plan works on
    (or, when it names none, the ones assessed most), the person's own ratings and the manager's
    as two lines each. None when nothing has been assessed yet."""
    mine = Assessment.objects.filter(person_id=plan.person_id)
    wanted = list(dict.fromkeys(s.pk for s in objective_skills))[:CHART_SKILLS]
    if not wanted:
        wanted = list(
            mine.values("skill")
            .annotate(n=Count("pk"))
            .order_by("-n", "skill")
            .values_list("skill", flat=True)[:CHART_SKILLS]
        )
    rows = (
        mine.filter(skill_id__in=wanted)
        .order_by("assessed_on", "created_at")
        .values_list("skill__name", "kind", "assessed_on", "level")
    )
    series: dict[tuple[str, str], list] = {}
    for name, kind, on, level in rows:
        series.setdefault((name, kind), []).append({"x": on.isoformat(), "y": level})
    if not series:
        return None
    data = {
        "series": [
            {"skill": name, "kind": kind, "points": points}
            for (name, kind), points in sorted(series.items())
        ]
    }
    return {**data, "script": json_script(data, "skill-chart-data")}
