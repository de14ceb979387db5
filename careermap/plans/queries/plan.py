"""Reads for the plan page and its write-up: a fixed number of queries, whatever the size of
the plan, each read fresh on every view."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import CharField, Count, F, Prefetch, Q
from django.db.models.functions import Cast
from django.utils import timezone

from careermap import access
from careermap.conversations.models import Conversation
from careermap.frameworks.models import Assessment, Role, Skill
from careermap.opportunities.models import Opportunity
from careermap.people.links import fast_url
from careermap.prepared import Prepared

from .. import fragments, review
from ..models import CheckIn, Objective, ObjectiveProgress, Plan, PlanChange, Step
from .check_ins import next_check_in


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
