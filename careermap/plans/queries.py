"""Reads for plan pages: each a fixed number of queries, whatever the size of the plan."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import (
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, NullIf
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from careermap import access
from careermap.conversations.models import Conversation
from careermap.frameworks.models import Assessment, Role, Skill
from careermap.opportunities.models import Opportunity
from careermap.people.links import fast_url
from careermap.people.models import Person
from careermap.prepared import Prepared

from . import fragments, review
from .models import CheckIn, Objective, ObjectiveProgress, Plan, PlanChange, Step

# The playbook of the conversations a plan's check-ins are held in.
CHECK_IN_PLAYBOOK = "development-check-in"


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


TIMELINE_LENGTH = 20


def active_plan(person) -> Plan | None:
    return Plan.objects.filter(person=person, status=Plan.ACTIVE).first()


def plan_page(plan: Plan, *, viewer) -> dict:
    """Everything the plan page shows, read fresh on every view in a fixed number of queries
    whatever the size of the plan. Rendering a hundred steps and two years of check-ins is the
    page's main cost: those parts are rendered from plain data by fragments.render, which keeps
    each rendering under a digest of exactly what it shows."""
    today = timezone.localdate()
    rows = objective_rows(plan, today)
    check_ins, changes = recent_check_ins(plan), recent_changes(plan)
    last = check_ins[0] if check_ins else None
    person = plan.person
    is_me = access.is_self(viewer, person)
    can_edit = access.can_edit_plan(viewer, person)
    chart = skill_chart(plan, [skill for row in rows for skill in row["skills"]])
    return {
        "plan": plan,
        "counts": step_counts(rows),
        "targets": target_roles(plan),
        "time_warning": review.time_review(
            plan, planned_hours(rows), linked_opportunity_hours(rows, today)
        ),
        "next_check_in": next_check_in(
            plan,
            viewer=viewer,
            last_held_on=last["held_on"] if last else None,
            last_next_on=last["next_on"] if last else None,
        ),
        "has_chart": chart is not None,
        "objectives": fragments.render(
            "plans/_plan_objectives.html",
            {"person_id": person.pk, "can_edit": can_edit, "rows": rows},
        ),
        "timeline": fragments.render(
            "plans/_plan_timeline.html", {"entries": timeline(check_ins, changes)}
        ),
        "chart": fragments.render(
            "plans/_plan_chart.html",
            {
                "chart": chart,
                "is_me": is_me,
                "person_name": person.name,
                "skills_url": fast_url("frameworks:skills", person.pk),
            },
        ),
    }


# The plan page's reads, asked on every view: each is built and compiled once per process and
# then only run (careermap/prepared.py), and read as plain values, not model objects.


def _objectives(*, variant, plan):
    return Objective.objects.filter(plan_id=plan).values(
        "id", "title", "measure", "due_on", "hours_per_week"
    )


def _objective_skills(*, variant, plan):
    return (
        Objective.skills.through.objects.filter(objective__plan_id=plan)
        .order_by(*[_related("skill", f) for f in Skill._meta.ordering])
        .values("objective_id", "skill_id", skill_name=F("skill__name"))
    )


def _objective_opportunities(*, variant, plan):
    return (
        Objective.opportunities.through.objects.filter(objective__plan_id=plan)
        .order_by("opportunity__title", "opportunity_id")
        .values(
            "objective_id",
            "opportunity_id",
            kind=F("opportunity__kind"),
            title=F("opportunity__title"),
            hours_per_week=F("opportunity__hours_per_week"),
            ends_on=F("opportunity__ends_on"),
            status=F("opportunity__status"),
        )
    )


def _steps(*, variant, plan):
    return (
        Step.objects.filter(objective__plan_id=plan)
        .order_by(*Step._meta.ordering)
        .values(
            "id",
            "objective_id",
            "what",
            "owner_name",
            "due_on",
            "support",
            "status",
            "roadblock",
            "evidence",
            "reflection",
            owner_full_name=F("owner__name"),
        )
    )


def _latest_check_ins(plan):
    return CheckIn.objects.filter(plan_id=plan).order_by("-held_on", "-pk")[:TIMELINE_LENGTH]


def _check_ins(*, variant, plan):
    return _latest_check_ins(plan).values(
        "id",
        "held_on",
        "next_on",
        "created_at",
        "summary",
        "roadblocks",
        "goal_change",
        recorded_by_name=F("recorded_by__name"),
    )


def _progress(*, variant, plan):
    return (
        ObjectiveProgress.objects.filter(check_in_id__in=_latest_check_ins(plan).values("pk"))
        .order_by("objective__position", "objective_id")
        .values("check_in_id", "status", "note", objective_title=F("objective__title"))
    )


def _changes(*, variant, plan):
    return (
        PlanChange.objects.filter(plan_id=plan)
        .order_by("-at", "-pk")
        .values("summary", "at", actor_name=F("actor__name"))[:TIMELINE_LENGTH]
    )


def _targets(*, variant, plan):
    return Role.objects.filter(
        pk__in=Plan.target_roles.through.objects.filter(plan_id=plan).values("role_id")
    ).values("key", "name")


_OBJECTIVES = Prepared(_objectives, plan=int)
_OBJECTIVE_SKILLS = Prepared(_objective_skills, plan=int)
_OBJECTIVE_OPPORTUNITIES = Prepared(_objective_opportunities, plan=int)
_STEPS = Prepared(_steps, plan=int)
_CHECK_INS = Prepared(_check_ins, plan=int)
_PROGRESS = Prepared(_progress, plan=int)
_CHANGES = Prepared(_changes, plan=int)
_TARGETS = Prepared(_targets, plan=int)


def objective_rows(plan: Plan, today) -> list[dict]:
    """The plan's objectives with their skills, opportunities and steps, as plain data: four
    queries whatever the size of the plan."""
    rows = {
        o["id"]: {**o, "skills": [], "opportunities": [], "steps": []}
        for o in _OBJECTIVES.rows(plan=plan.pk)
    }
    for s in _OBJECTIVE_SKILLS.rows(plan=plan.pk):
        rows[s["objective_id"]]["skills"].append({"id": s["skill_id"], "name": s["skill_name"]})
    kinds = dict(Opportunity.KINDS)
    for o in _OBJECTIVE_OPPORTUNITIES.rows(plan=plan.pk):
        rows[o["objective_id"]]["opportunities"].append(
            {
                "id": o["opportunity_id"],
                "kind": o["kind"],
                "kind_label": kinds.get(o["kind"], ""),
                "title": o["title"],
                "hours_per_week": o["hours_per_week"],
                "ends_on": o["ends_on"],
                "is_open": o["status"] == Opportunity.OPEN,
                "url": fast_url("opportunities:detail", o["opportunity_id"]),
            }
        )
    statuses = dict(Step.STATUSES)
    for step in _STEPS.rows(plan=plan.pk):
        owner_full_name, owner_name = step.pop("owner_full_name"), step.pop("owner_name")
        step["who"] = owner_full_name or owner_name or "To be agreed"
        step["status_label"] = statuses[step["status"]]
        step["overdue"] = bool(
            step["status"] != Step.DONE and step["due_on"] and step["due_on"] < today
        )
        rows[step.pop("objective_id")]["steps"].append(step)
    for row in rows.values():
        row["review"] = review.objective_review(
            measure=row["measure"], due_on=row["due_on"], skills=row["skills"]
        )
    return list(rows.values())


def _related(relation: str, ordering: str) -> str:
    desc = ordering.startswith("-")
    return ("-" if desc else "") + f"{relation}__{ordering.lstrip('-')}"


def step_counts(rows) -> StepCounts:
    counts = StepCounts()
    for step in (step for row in rows for step in row["steps"]):
        setattr(counts, step["status"], getattr(counts, step["status"]) + 1)
        counts.overdue += step["overdue"]
    return counts


def planned_hours(rows) -> int:
    return sum(row["hours_per_week"] or 0 for row in rows)


def linked_opportunity_hours(rows, today) -> int:
    """The hours a week asked by the opportunities the plan's objectives use and that are not
    over yet, each counted once however many objectives it serves."""
    used = {o["id"]: o for row in rows for o in row["opportunities"]}
    return sum(
        o["hours_per_week"] or 0
        for o in used.values()
        if o["ends_on"] is None or o["ends_on"] >= today
    )


def recent_check_ins(plan: Plan) -> list[dict]:
    """The latest check-ins, newest held first, with the progress noted on each objective, as
    plain data: two queries."""
    by_id = {c["id"]: {**c, "progress": []} for c in _CHECK_INS.rows(plan=plan.pk)}
    statuses = dict(ObjectiveProgress.STATUSES)
    for p in _PROGRESS.rows(plan=plan.pk):
        p["status_label"] = statuses[p["status"]]
        by_id[p.pop("check_in_id")]["progress"].append(p)
    return list(by_id.values())


def recent_changes(plan: Plan) -> list[dict]:
    return _CHANGES.rows(plan=plan.pk)


def target_roles(plan: Plan) -> list[dict]:
    return _TARGETS.rows(plan=plan.pk)


def timeline(check_ins, changes) -> list[dict]:
    """Check-ins and changes, newest first. A check-in's own "recorded" change is left out:
    the check-in itself stands for it."""
    entries = [{"kind": "check_in", "at": c["created_at"], **c} for c in check_ins]
    entries += [
        {"kind": "change", **c}
        for c in changes
        if not c["summary"].startswith("Recorded the check-in")
    ]
    return sorted(entries, key=lambda e: e["at"], reverse=True)[:TIMELINE_LENGTH]


def write_up(plan: Plan) -> dict:
    """The plan's content with every check-in and change: a document to keep."""
    today = timezone.localdate()
    rows = objective_rows(plan, today)
    return {
        "plan": plan,
        "objectives": rows,
        "counts": step_counts(rows),
        "targets": list(plan.target_roles.values("key", "name")),
        "check_ins": list(
            plan.check_ins.select_related("recorded_by").prefetch_related(
                Prefetch("progress", queryset=ObjectiveProgress.objects.select_related("objective"))
            )
        ),
        "changes": list(plan.changes.select_related("actor").defer("snapshot")),
    }


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


def waiting_next_steps(plan: Plan, *, viewer):
    """Next steps agreed in the person's closed conversations that are not in a plan yet, among
    those the viewer may read (access.readable_next_steps): a manager above the two who talked
    sees none of them until they are in the plan."""
    return (
        access.readable_next_steps(viewer)
        .filter(
            conversation__status=Conversation.CLOSED,
            conversation__guest_id=plan.person_id,
            plan_step__isnull=True,
            set_aside=False,
        )
        .order_by("conversation__starts_at", "pk")
    )


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
    # Every row is a direct report of `manager`: what the table shows for them is what happened
    # between them and this manager, never their own conversations with their own reports.
    between = Conversation.objects.filter(
        Q(host_id=manager, guest=OuterRef("pk")) | Q(host=OuterRef("pk"), guest_id=manager)
    )
    active = Q(plans__status=Plan.ACTIVE)
    steps = "plans__objectives__steps"
    # Check-ins on the report's plan (held with this manager); "last" is never a future date.
    last_check_in = CheckIn.objects.filter(
        plan__person=OuterRef("pk"), plan__status=Plan.ACTIVE, held_on__lte=today
    ).order_by("-held_on", "-pk")
    return (
        Person.objects.filter(manager_id=manager)
        .annotate(
            # Held: closed, and its time has come (one closed early is not "last" before then).
            last_conversation=Subquery(
                between.filter(status=Conversation.CLOSED, starts_at__lte=now)
                .order_by("-starts_at")
                .values("starts_at")[:1]
            ),
            next_conversation=Subquery(
                between.filter(
                    status=Conversation.SCHEDULED,
                    starts_at__gte=now,
                    playbook_key=CHECK_IN_PLAYBOOK,
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


# Built and compiled once per process and sort order; each view only puts its values in
# (careermap/prepared.py: the values are parameters, never known while it is built).
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


def _ratings(*, variant, person, **skills):
    # One parameter per skill charted: the query keeps its shape for any plan.
    return (
        Assessment.objects.filter(person_id=person)
        .filter(reduce(operator.or_, (Q(skill_id=skill) for skill in skills.values())))
        .order_by("assessed_on", "created_at")
        # The day as ISO text, as the chart takes it: no date object made for each rating.
        .values("kind", "level", skill_name=F("skill__name"), day=Cast("assessed_on", CharField()))
    )


_SKILL_SLOTS = [f"skill{i}" for i in range(CHART_SKILLS)]
_RATINGS = Prepared(_ratings, person=int, **dict.fromkeys(_SKILL_SLOTS, int))


def skill_chart(plan: Plan, objective_skills) -> dict | None:
    """Skill assessments over time for the chart on the plan page: the skills the plan works on
    (or, when it names none, the ones assessed most), the person's own ratings and the manager's
    as two lines each. None when nothing has been assessed yet."""
    wanted = list(dict.fromkeys(s["id"] for s in objective_skills))[:CHART_SKILLS]
    if not wanted:
        wanted = list(
            Assessment.objects.filter(person_id=plan.person_id)
            .values("skill")
            .annotate(n=Count("pk"))
            .order_by("-n", "skill")
            .values_list("skill", flat=True)[:CHART_SKILLS]
        )
    if not wanted:
        return None
    slots = dict(zip(_SKILL_SLOTS, wanted + [0] * (CHART_SKILLS - len(wanted)), strict=True))
    series: dict[tuple[str, str], list] = {}
    for r in _RATINGS.rows(person=plan.person_id, **slots):
        point = {"x": r["day"], "y": r["level"]}
        series.setdefault((r["skill_name"], r["kind"]), []).append(point)
    if not series:
        return None
    return {
        "series": [
            {"skill": name, "kind": kind, "points": points}
            for (name, kind), points in sorted(series.items())
        ]
    }
