"""The demo's plans: two of Daniel's other reports are a few months into theirs, so his team
page and the plan pages have something to show. Maya's plan is hers to start, from the next
steps of her conversation with Daniel."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from careermap.frameworks.models import Skill
from careermap.people.models import Person

from . import services

# The skills each objective works on, so that opportunities are suggested for it.
SKILLS = {
    "Own the on-call handbook": ["operations", "writing"],
    "Facilitate incident reviews": ["facilitation", "continuous-improvement"],
    "Learn the data platform": ["data-pipelines", "data-modelling"],
}
# Done a while ago, overdue by a few days, due in two: enough for every kind of step reminder.
DUE_IN_DAYS = [-20, -5, 2]

PLANS = [
    {
        "goal": "Become the team's go-to person for reliability, and run incident reviews",
        "objectives": [
            (
                "Own the on-call handbook",
                "The handbook is used in every incident",
                [
                    (
                        "Read the last ten incident reviews",
                        "done",
                        "Summary shared in the team channel",
                    ),
                    ("Rewrite the escalation section", "in_progress", ""),
                    ("Run a game day with the team", "not_started", ""),
                ],
            ),
            (
                "Facilitate incident reviews",
                "Two reviews run without help",
                [
                    (
                        "Shadow a review run by the SRE lead",
                        "done",
                        "Notes and questions written up",
                    ),
                    ("Facilitate a review", "blocked", ""),
                ],
            ),
        ],
        "roadblock": "No incident big enough to review this quarter",
    },
    {
        "goal": "Move into data engineering within two years",
        "objectives": [
            (
                "Learn the data platform",
                "Build one pipeline end to end",
                [
                    (
                        "Finish the internal data course",
                        "done",
                        "Certificate and the course project",
                    ),
                    ("Pair with the data team for a sprint", "not_started", ""),
                ],
            ),
        ],
        "roadblock": "",
    },
]


def load() -> None:
    daniel = Person.objects.filter(email="daniel.okafor@example.com").first()
    if daniel is None:
        return
    others = list(
        daniel.reports.exclude(email="maya.chen@example.com").order_by("name")[: len(PLANS)]
    )
    today = timezone.localdate()
    for person, spec in zip(others, PLANS, strict=False):
        plan = services.start_plan(person, actor=person.user, goal=spec["goal"])
        for title, measure, steps in spec["objectives"]:
            objective = services.add_objective(
                plan,
                actor=person.user,
                title=title,
                measure=measure,
                due_on=today + dt.timedelta(days=120),
                hours_per_week=2,
                skills=Skill.objects.filter(key__in=SKILLS.get(title, [])),
            )
            for i, (what, status, evidence) in enumerate(steps):
                step = services.add_step(
                    objective,
                    actor=person.user,
                    what=what,
                    owner=person,
                    due_on=today + dt.timedelta(days=DUE_IN_DAYS[i]),
                )
                if status != "not_started":
                    services.set_step_status(
                        step,
                        actor=person.user,
                        version=step.version,
                        status=status,
                        evidence=evidence,
                        roadblock=spec["roadblock"] or "Waiting for a slot",
                    )
        plan.refresh_from_db()
        services.record_check_in(
            plan,
            actor=daniel.user,
            version=plan.version,
            held_on=today - dt.timedelta(days=20),
            summary="Good start; the first steps are done.",
            roadblocks=spec["roadblock"],
            next_on=today + dt.timedelta(days=10),
            next_at=dt.time(14, 0),
        )
