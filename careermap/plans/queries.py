"""Reads for the plan page: a fixed number of queries, whatever the size of the plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import SimpleLazyObject
from django.utils.html import json_script

from careermap.conversations.models import Conversation
from careermap.frameworks.models import Assessment
from careermap.opportunities.models import Opportunity
from careermap.people.links import fast_url
from careermap.people.models import Person
from careermap.prepared import Prepared

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
    is cached (see plan_detail.html) never loads them at all. The short ones (the counts, the
    hours, the last check-in) are kept per revision of the plan and day."""
    today = timezone.localdate()
    summary = plan_summary(plan, today)
    latest_rating = (
        Assessment.objects.filter(person_id=plan.person_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    rows = SimpleLazyObject(lambda: objective_rows(plan, today))
    return {
        "plan": plan,
        "objectives": rows,
        "counts": summary["counts"],
        "targets": summary["targets"],
        "time_warning": review.time_review(plan, summary["planned"], summary["opportunity_hours"]),
        "changes": SimpleLazyObject(
            lambda: list(plan.changes.select_related("actor").defer("snapshot")[:TIMELINE_LENGTH])
        ),
        "timeline": SimpleLazyObject(lambda: recent_timeline(plan)),
        "next_check_in": next_check_in(plan, *summary["last_check_in"]),
        "chart": SimpleLazyObject(
            lambda: skill_chart(plan, [s for row in rows for s in row["skills"]])
        ),
        "has_ratings": latest_rating is not None,
        # Every change to a plan, or to an opportunity it uses, moves its revision on; with
        # the day (for what is overdue) it says whether a cached rendering is still current.
        # The newest rating does the same for the chart.
        "stamp": f"{plan.revision}-{today.isoformat()}",
        "chart_stamp": f"{plan.revision}-{latest_rating or 0}",
    }


def plan_summary(plan: Plan, today) -> dict:
    key = f"plan-summary:{plan.pk}:{plan.revision}:{today.isoformat()}"
    summary = cache.get(key)
    if summary is None:
        last = plan.check_ins.order_by("-held_on", "-pk").values_list("held_on", "next_on").first()
        summary = {
            "counts": step_counts(plan, today),
            "planned": planned_hours(plan),
            "opportunity_hours": linked_opportunity_hours(plan, today),
            "last_check_in": last or (None, None),
            "targets": list(plan.target_roles.values("key", "name")),
        }
        cache.set(key, summary, 3600)
    return summary


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


def linked_opportunity_hours(plan: Plan, today) -> int:
    """The hours a week asked by the opportunities the plan's objectives use and that are not
    over yet, each counted once however many objectives it serves."""
    used = Objective.opportunities.through.objects.filter(objective__plan=plan)
    return (
        Opportunity.objects.filter(pk__in=used.values("opportunity_id")).aggregate(
            hours=Sum("hours_per_week", filter=Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        )["hours"]
        or 0
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


def next_check_in(plan: Plan, last_held_on=None, last_next_on=None) -> dict:
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
    elif last_next_on:
        on = last_next_on
    else:
        since = last_held_on or timezone.localtime(plan.created_at).date()
        on = since + timezone.timedelta(weeks=plan.check_in_weeks)
    return {"on": on, "conversation": booked, "late": on < today}


def check_in_agenda(plan: Plan) -> dict:
    """What a check-in looks at, built from the plan: steps due or overdue (up to a week ahead),
    open roadblocks, and what was done since the last check-in. One query for the steps, read
    as plain values: a long plan can have dozens of each."""
    today = timezone.localdate()
    last_held_on = plan_summary(plan, today)["last_check_in"][0]
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


SORTS = {
    "name": (F("name").asc(),),
    # Never talked to, or nothing booked, first: they are the ones who need attention.
    "last": (F("last_conversation").asc(nulls_first=True), F("name").asc()),
    "next": (F("next_conversation").asc(nulls_first=True), F("name").asc()),
    "progress": (F("progress").desc(nulls_last=True), F("name").asc()),
    "blocked": (F("blocked").desc(), F("name").asc()),
    "overdue": (F("overdue").desc(), F("name").asc()),
}


def _team_query(*, variant, manager, now, today):
    theirs = Conversation.objects.filter(Q(guest=OuterRef("pk")) | Q(host=OuterRef("pk")))
    active = Q(plans__status=Plan.ACTIVE)
    steps = "plans__objectives__steps"
    last_check_in = CheckIn.objects.filter(
        plan__person=OuterRef("pk"), plan__status=Plan.ACTIVE
    ).order_by("-held_on", "-pk")
    people = (
        Person.objects.filter(manager_id=manager)
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
        .order_by(*SORTS[variant])
    )
    return people


# Built and compiled once per process and sort order; each view only runs it (prepared.py).
_TEAM = Prepared(_team_query, manager=int, now=dt.datetime, today=dt.date)


def team_at_a_glance(manager, *, sort: str = "name"):
    """Each direct report with their last career conversation, their last and next check-in
    and their plan's progress, in one query whatever the size of the team."""
    sort = sort if sort in SORTS else "name"
    now = timezone.now()
    rows = _TEAM.run(sort, manager=manager.pk, now=now, today=timezone.localdate(now))
    # A table of fifty: links and local dates made here cost a fraction of {% url %} and |date.
    for p in rows:
        p.plan_url = fast_url("plans:plan", p.pk)
        p.last_on = _local_day(p.last_conversation)
        p.next_on = _local_day(p.next_conversation)
        p.last_check_in = _day(p.last_check_in)
    return rows


# A raw query's annotations come as the database driver gives them: on SQLite text or a
# naive datetime in UTC, on PostgreSQL an aware datetime.
def _local_day(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value).date()


def _day(value) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else value


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
