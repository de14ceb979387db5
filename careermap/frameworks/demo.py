"""The demo organisation's place in the default framework: roles, ratings and achievements.

Maya Chen is a senior software engineer who enjoyed integrating systems with other teams and
wants to lead a team: she aims for Engineering Team Lead. Her system design and cross-team work
are strong; planning, project management and coaching are where she is still growing, and she
rates her own planning lower than her manager does.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import connection

from careermap.people.models import Person

from . import services
from .models import (
    Achievement,
    Assessment,
    Experience,
    PersonRole,
    Relationship,
    Role,
    RoleSkill,
    Skill,
    SkillRating,
    TargetRole,
)

# Demo job titles that are not the framework's own role names.
TITLE_TO_ROLE = {
    "Site Reliability Engineer": "engineering-l2",
    "QA Engineer": "engineering-l2",
    "Mobile Engineer": "engineering-l2",
    "Senior Mobile Engineer": "engineering-l3",
    "Data Engineer": "data-l2",
    "Senior Data Scientist": "data-l3",
    "Data Lead": "data-l4",
    "Group Product Manager": "product-l4",
    "Design Manager": "design-l4",
    "Director of Product and Design": "product-l5",
    "UX Researcher": "design-l2",
    "Recruiter": "people-operations-l2",
    "Learning and Development Specialist": "people-operations-l2",
    "HR Business Partner": "people-operations-l3",
    "Sales Manager, EMEA": "sales-l4",
    "Customer Success Manager": "sales-l2",
    "Customer Success Lead": "sales-l4",
    "Support Specialist": "sales-l1",
    "Vice President, Operations": "engineering-management-l5",
    "Director": "engineering-management-l5",
    "Senior Manager": "engineering-management-l4",
    "Team Lead": "engineering-management-l3",
    "Analyst": "data-l2",
    "Specialist": "people-operations-l2",
    "Consultant": "product-l2",
    "Designer": "design-l2",
    "Coordinator": "people-operations-l1",
}

MAYA = {  # skill: (own rating, manager's rating)
    "system-design": (3, 4),
    "code-quality": (3, 3),
    "testing": (3, 3),
    "operations": (3, 3),
    "security": (2, 3),
    "planning": (2, 3),
    "estimation": (3, 3),
    "mentoring": (3, 3),
    "writing": (3, 3),
    "cross-team-collaboration": (4, 4),
    "customer-focus": (2, 2),
    "project-management": (1, 2),
    "coaching": (1, 1),
    "giving-feedback": (2, 2),
    "facilitation": (2, 2),
    "stakeholder-management": (2, 2),
}
MAYA_EVIDENCE = {
    "cross-team-collaboration": "Brought three teams' systems together on last year's platform "
    "integration and kept everyone talking.",
    "system-design": "Designed the event bridge that the platform integration now relies on.",
    "planning": "Planned her own parts of the platform work; has not yet planned a whole project.",
}


def load(
    *, today: dt.date | None = None, seed: int = 7, advance: Callable[[int], None] | None = None
) -> None:
    """Load the default framework and place the demo people in it. `advance` is told how many
    more people were rated, as they are (for a progress bar)."""
    today = today or dt.date.today()
    services.load_default_framework()
    roles = {r.key: r for r in Role.objects.filter(retired=False)}
    by_name = {r.name: r for r in roles.values()}
    people = list(Person.objects.select_related("manager").order_by("pk"))
    placements = []
    for person in people:
        role = by_name.get(person.job_title) or roles.get(TITLE_TO_ROLE.get(person.job_title, ""))
        if role:
            since = max(person.start_date or today, today - dt.timedelta(days=700))
            placements.append(PersonRole(person=person, role=role, since=since))
    PersonRole.objects.bulk_create(placements, batch_size=2000)
    _rate_everyone(placements, today, random.Random(seed), advance or (lambda count: None))
    _maya(roles, today)
    services.people_changed()  # the bulk inserts above bypass the services


def _rate_everyone(placements, today, rng, advance) -> None:
    """Self ratings near what each role expects, a manager rating for most of them."""
    expected: dict[int, list[tuple[int, int]]] = {}
    for role_id, skill_id, level in RoleSkill.objects.values_list(
        "role_id", "skill_id", "proficiency"
    ):
        expected.setdefault(role_id, []).append((skill_id, level))
    # Plain rows, not model instances: at 100,000 people these are about a million ratings,
    # and building and compiling an instance per row took most of the demo's time.
    ratings: list[tuple] = []
    rated = 0  # people rated since the last `advance`
    for placement in placements:
        if placement.person.email == "maya.chen@example.com":
            continue
        for skill_id, need in expected.get(placement.role_id, []):
            own = max(1, min(5, need + rng.choice([-1, 0, 0, 0, 1])))
            managed = placement.person.manager_id is not None and rng.random() < 0.8
            boss = max(1, min(5, own + rng.choice([-1, 0, 0, 0, 1]))) if managed else None
            ratings.append((placement.person_id, skill_id, own, boss, boss or own, 1))
        rated += 1
        if len(ratings) >= 20_000:  # large demo organisations: keep memory flat
            _insert_ratings(ratings)
            ratings = []
            advance(rated)
            rated = 0
    _insert_ratings(ratings)
    advance(rated)


def _insert_ratings(rows: list[tuple]) -> None:
    meta = SkillRating._meta
    quote = connection.ops.quote_name
    fields = ["person", "skill", "self_level", "manager_level", "effective", "version"]
    columns = ", ".join(quote(meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 (our own names)
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            rows,
        )


def _maya(roles, today) -> None:
    maya = Person.objects.filter(email="maya.chen@example.com").select_related("manager").first()
    if maya is None:
        return
    skills = {s.key: s for s in Skill.objects.filter(key__in=MAYA)}
    for key, (own, boss) in MAYA.items():
        evidence = MAYA_EVIDENCE.get(key, "")
        SkillRating.objects.create(
            person=maya, skill=skills[key], self_level=own, manager_level=boss, effective=boss
        )
        Assessment.objects.create(
            person=maya,
            skill=skills[key],
            kind=Assessment.SELF,
            level=own,
            evidence=evidence,
            assessed_on=today - dt.timedelta(days=20),
            rater=maya,
        )
        Assessment.objects.create(
            person=maya,
            skill=skills[key],
            kind=Assessment.MANAGER,
            level=boss,
            evidence="",
            assessed_on=today - dt.timedelta(days=12),
            rater=maya.manager,
        )
    for key in [
        "shipped-customer-facing-feature",
        "ran-incident-response",
        "worked-in-another-team",
    ]:
        Achievement.objects.create(
            person=maya, experience=Experience.objects.get(key=key), recorded_by=maya
        )
    Achievement.objects.create(
        person=maya,
        relationship=Relationship.objects.get(key="cross-functional-peers"),
        note="Platform, payments and data teams",
        recorded_by=maya,
    )
    TargetRole.objects.create(person=maya, role=roles["engineering-management-l3"], added_by=maya)
