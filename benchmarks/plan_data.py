"""Development-plan data for the page benchmark, added to a demo organisation built before.

- Maya Chen's plan: 10 objectives of 10 steps (100 steps), two years of monthly check-ins with
  progress on every objective, skill ratings over those two years, and the plan's history.
- "Bench Manager", with 50 direct reports who each have a plan, a check-in and a booked
  check-in: the team page at its largest usual size.

    CAREERMAP_DATA_DIR=... python benchmarks/plan_data.py

Run by benchmarks/pages.py; running it twice adds nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from careermap.conversations import playbooks  # noqa: E402
from careermap.conversations import services as conversations  # noqa: E402
from careermap.frameworks.models import Assessment, Skill  # noqa: E402
from careermap.people.models import Person, User  # noqa: E402
from careermap.plans import services  # noqa: E402
from careermap.plans.models import Plan, Step  # noqa: E402
from careermap.reminders import services as reminders  # noqa: E402

PASSWORD = "careermap-demo"
STATUSES = [Step.DONE, Step.DONE, Step.IN_PROGRESS, Step.NOT_STARTED, Step.BLOCKED]


def big_plan(person: Person, manager: Person, rng: random.Random) -> None:
    today = timezone.localdate()
    start = today - dt.timedelta(days=730)
    plan = services.start_plan(person, actor=person.user, goal="Lead a platform team")
    skills = list(Skill.objects.filter(retired=False)[:12])
    objectives = []
    for i in range(10):
        objective = services.add_objective(
            plan,
            actor=person.user,
            title=f"Objective {i + 1}: grow in {skills[i].name}",
            measure="Shown in a project review",
            due_on=start + dt.timedelta(days=73 * (i + 1)),
            hours_per_week=1,
            skills=skills[i : i + 2],
        )
        objectives.append(objective)
        for j in range(10):
            step = services.add_step(
                objective,
                actor=person.user,
                what=f"Step {i + 1}.{j + 1}: practise and show the work",
                owner=person if j % 3 else manager,
                due_on=start + dt.timedelta(days=7 * (i * 10 + j)),
                support="An hour a week protected",
            )
            status = rng.choice(STATUSES)
            if status != Step.NOT_STARTED:
                services.set_step_status(
                    step,
                    actor=person.user,
                    version=step.version,
                    status=status,
                    roadblock="Waiting on another team" if status == Step.BLOCKED else "",
                    evidence="Reviewed by the team" if status == Step.DONE else "",
                )
    for month in range(24):
        plan.refresh_from_db()
        held = start + dt.timedelta(days=30 * month)
        services.record_check_in(
            plan,
            actor=manager.user,
            version=plan.version,
            held_on=held,
            summary=f"Monthly check-in {month + 1}: steady progress.",
            roadblocks="Release crunch" if month % 5 == 0 else "",
            progress={o.pk: (rng.choice(["on_track", "behind", "ahead"]), "") for o in objectives},
            next_on=held + dt.timedelta(days=30),
        )
        for skill in skills[:6]:
            for kind, rater in (("self", person), ("manager", manager)):
                Assessment.objects.create(
                    person=person,
                    skill=skill,
                    kind=kind,
                    level=min(5, 1 + month // 6 + rng.randint(0, 1)),
                    assessed_on=held,
                    rater=rater,
                )


def big_team(rng: random.Random) -> None:
    password = make_password(PASSWORD)
    boss_user = User.objects.create(email="bench.manager@example.com", password=password)
    boss = Person.objects.create(
        name="Bench Manager", email=boss_user.email, job_title="Engineering Manager", user=boss_user
    )
    check_in = playbooks.library()["development-check-in"]
    for n in range(50):
        email = f"bench.report{n}@example.com"
        user = User.objects.create(email=email, password=password)
        report = Person.objects.create(
            name=f"Bench Report {n:02d}", email=email, manager=boss, user=user
        )
        plan = services.start_plan(report, actor=boss_user, goal="Grow")
        objective = services.add_objective(plan, actor=boss_user, title="Grow in the role")
        for j in range(4):
            step = services.add_step(
                objective,
                actor=boss_user,
                what=f"Step {j}",
                due_on=timezone.localdate() + dt.timedelta(days=rng.randint(-30, 60)),
            )
            if j == 0:
                services.set_step_status(
                    step, actor=boss_user, version=1, status="blocked", roadblock="Budget"
                )
        services.record_check_in(
            plan, actor=boss_user, version=plan.version, held_on=timezone.localdate()
        )
        conversations.book(
            actor=boss_user,
            playbook=check_in,
            host=boss,
            guest=report,
            starts_at=timezone.now() + dt.timedelta(days=rng.randint(1, 30)),
        )


@transaction.atomic
def main() -> None:
    if Person.objects.filter(email="bench.manager@example.com").exists():
        print("plan data already there")
        return
    rng = random.Random(7)
    maya = Person.objects.get(email="maya.chen@example.com")
    Plan.objects.filter(person=maya).delete()
    big_plan(maya, maya.manager, rng)
    big_team(rng)
    reminders.sweep()  # the reminders all this earns, as the worker would make them
    print("added Maya's two-year plan and a manager with 50 reports")


if __name__ == "__main__":
    main()
