"""A plan's history: each change keeps a snapshot of the plan as it was right after it, so the
plan after any two changes can be laid side by side. Snapshots are plain JSON (no ids), readable
long after the rows they describe have changed or gone."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Objective, Plan, PlanChange, Step

GROW_LABELS = {
    "goal": "Goal",
    "reality": "Reality",
    "options": "Options",
    "this_week": "This week",
    "this_month": "This month",
    "likelihood": "How likely",
    "support": "Support agreed",
    "hours_agreed": "Hours a week agreed",
    "check_in_weeks": "Check-ins",
    "target_roles": "Target roles",
}


def snapshot(plan: Plan) -> dict:
    """The plan's content as it is now, in the database."""
    plan = Plan.objects.get(pk=plan.pk)
    objectives = Objective.objects.filter(plan=plan).prefetch_related(
        "skills", "opportunities", Prefetch("steps", queryset=Step.objects.select_related("owner"))
    )
    return {
        "grow": {
            "goal": plan.goal,
            "reality": plan.reality,
            "options": plan.options,
            "this_week": plan.this_week,
            "this_month": plan.this_month,
            "likelihood": plan.likelihood,
            "support": plan.support,
            "hours_agreed": plan.hours_agreed,
            "check_in_weeks": plan.get_check_in_weeks_display(),
            "target_roles": ", ".join(sorted(r.name for r in plan.target_roles.all())),
        },
        "objectives": [
            {
                "title": o.title,
                "measure": o.measure,
                "due_on": o.due_on.isoformat() if o.due_on else None,
                "hours_per_week": o.hours_per_week,
                "skills": sorted(s.name for s in o.skills.all()),
                "opportunities": sorted(x.title for x in o.opportunities.all()),
                "steps": [
                    {
                        "what": s.what,
                        "who": s.who,
                        "due_on": s.due_on.isoformat() if s.due_on else None,
                        "status": s.get_status_display(),
                        "support": s.support,
                        "roadblock": s.roadblock,
                        "evidence": s.evidence,
                    }
                    for s in o.steps.all()
                ],
            }
            for o in objectives
        ],
    }


def as_lines(snap: dict) -> list[str]:
    """The snapshot as short lines of text: what a reader compares."""
    lines = []
    for key, label in GROW_LABELS.items():
        value = snap["grow"].get(key)
        if value not in (None, ""):
            for i, part in enumerate(str(value).splitlines() or [""]):
                lines.append(f"{label}: {part}" if i == 0 else f"    {part}")
    for o in snap["objectives"]:
        extra = ", ".join(
            x
            for x in (
                o["measure"],
                f"by {o['due_on']}" if o["due_on"] else "",
                f"{o['hours_per_week']} h a week" if o["hours_per_week"] else "",
                "skills: " + ", ".join(o["skills"]) if o["skills"] else "",
            )
            if x
        )
        lines.append(f"Objective: {o['title']}" + (f" ({extra})" if extra else ""))
        # Snapshots taken before opportunities existed have none.
        lines += [f"  Opportunity: {title}" for title in o.get("opportunities", [])]
        for s in o["steps"]:
            line = f"  Step: {s['what']} ({s['who']}"
            line += f", by {s['due_on']}" if s["due_on"] else ""
            line += f"): {s['status']}"
            lines.append(line)
            if s["support"]:
                lines.append(f"    Support: {s['support']}")
            if s["roadblock"]:
                lines.append(f"    Roadblock: {s['roadblock']}")
            if s["evidence"]:
                lines.append(f"    Evidence: {s['evidence']}")
    return lines


@dataclass
class DiffLine:
    sign: str  # "+", "-" or " "
    text: str


def compare(older: PlanChange, newer: PlanChange) -> list[DiffLine] | None:
    """How the plan moved between two changes, line by line, or None when one of them
    predates snapshots."""
    if older.snapshot is None or newer.snapshot is None:
        return None
    out = []
    for line in difflib.ndiff(as_lines(older.snapshot), as_lines(newer.snapshot)):
        if line.startswith("? "):
            continue  # ndiff's hint lines point at characters: noise on a page
        out.append(DiffLine(sign=line[0], text=line[2:]))
    return out
