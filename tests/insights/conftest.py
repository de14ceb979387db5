"""A small organisation, built by hand so that every figure on the insights page can be worked
out on paper:

Leadership: Dana (director)        People team: hr (the HR admin, from tests/conftest.py)
Platform:   Mo (manager, reports to Dana) and Report 1 … Report 6 (report to Mo)
Tiny:       Tiny 0 … Tiny 2 (report to Dana): a team too small for any figure
Also a leaver and an erased person in Platform, who count nowhere.

Reports 1-5 hold Software Engineer (track: engineering); Report 2 moved into it 60 days ago,
the others joined in it. Present people: 12.
"""

import datetime as dt

import pytest
from django.utils import timezone

from careermap.conversations.models import Conversation
from careermap.frameworks.models import (
    Achievement,
    PersonRole,
    Role,
    RoleSkill,
    SkillRating,
    TargetRole,
)
from careermap.opportunities import services as opportunity_services
from careermap.plans import services as plan_services
from careermap.plans.models import CheckIn, Plan, Step
from tests.factories import PersonFactory, TeamFactory


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def talk(host, guest, *, days: int, status=Conversation.CLOSED) -> Conversation:
    return Conversation.objects.create(
        playbook_key="career-aspirations",
        playbook_version=1,
        playbook_data={"name": "Career aspirations", "phases": [{"id": "prepare"}]},
        host=host,
        guest=guest,
        starts_at=timezone.now() - dt.timedelta(days=days),
        status=status,
    )


@pytest.fixture
def org(db, framework, hr):
    platform, tiny = TeamFactory(name="Platform"), TeamFactory(name="Tiny")
    dana = PersonFactory(name="Dana Director", team=TeamFactory(name="Leadership"))
    mo = PersonFactory(name="Mo Manager", email="mo@example.org", team=platform, manager=dana)
    reports = [
        PersonFactory(name=f"Report {i}", team=platform, manager=mo, start_date=days_ago(30))
        for i in range(1, 7)
    ]
    r1, r2, r3, r4, r5, r6 = reports
    tinies = [PersonFactory(name=f"Tiny {i}", team=tiny, manager=dana) for i in range(3)]
    leaver = PersonFactory(name="Lee Leaver", team=platform, manager=mo, left_on=days_ago(10))
    PersonFactory(name="Erin Erased", team=platform, manager=mo, erased_at=timezone.now())

    # Conversations: Report 1 in the last 3 months, Report 2 in 6, Report 3 in 12, Report 4
    # over a year ago; Report 5's is still to close, Report 6's was cancelled. Mo had one with
    # Dana (as the team member) and hosts his reports' (which counts for them, not him).
    talk(mo, r1, days=30)
    talk(mo, r2, days=120)
    talk(mo, r3, days=300)
    talk(mo, r4, days=400)
    talk(mo, r5, days=10, status=Conversation.SCHEDULED)
    talk(mo, r6, days=10, status=Conversation.CANCELLED)
    talk(dana, mo, days=10)
    talk(mo, leaver, days=20)  # gone: counts nowhere

    # Roles: Reports 1-5 are Software Engineers; Report 2 joined two years ago and moved.
    engineer = Role.objects.get(key="engineering-l2")
    for person in reports[:5]:
        PersonRole.objects.create(person=person, role=engineer, since=person.start_date)
    r2.start_date = days_ago(700)
    r2.save()
    PersonRole.objects.filter(person=r2).update(since=days_ago(60))

    # Plans: Report 1 checked in 10 days ago (monthly cadence kept), Report 2 60 days ago
    # (not kept), Report 3's plan is archived.
    opportunity = opportunity_services.create_opportunity(
        actor=mo.user, kind="project", title="Run the incident review", description="D"
    )
    p1 = plan_services.start_plan(r1, actor=None, goal="Lead a team")
    p2 = plan_services.start_plan(r2, actor=None, goal="Go deeper")
    p3 = plan_services.start_plan(r3, actor=None, goal="Old goal")
    Plan.objects.filter(pk=p3.pk).update(status=Plan.ARCHIVED)
    CheckIn.objects.create(plan=p1, held_on=days_ago(10))
    CheckIn.objects.create(plan=p2, held_on=days_ago(60))
    o1 = plan_services.add_objective(p1, actor=None, title="Lead", opportunities=[opportunity])
    o2 = plan_services.add_objective(p2, actor=None, title="Deeper")
    done = plan_services.add_step(o1, actor=None, what="Done lately")
    Step.objects.filter(pk=done.pk).update(status=Step.DONE, done_on=days_ago(20))
    old = plan_services.add_step(o2, actor=None, what="Done long ago")
    Step.objects.filter(pk=old.pk).update(status=Step.DONE, done_on=days_ago(200))
    plan_services.add_step(o1, actor=None, what="Late", due_on=days_ago(5))
    plan_services.add_step(o1, actor=None, what="Soon", due_on=days_ago(-5))

    # Gaps: Report 1 aims at Senior Software Engineer with no ratings at all.
    TargetRole.objects.create(person=r1, role=Role.objects.get(key="engineering-l4"))
    # Bench: Report 3 has everything an Engineering Manager needs.
    lead = Role.objects.get(key="engineering-management-l3")
    for line in RoleSkill.objects.filter(role=lead):
        SkillRating.objects.create(
            person=r3, skill=line.skill, manager_level=line.proficiency, effective=line.proficiency
        )
    for experience in lead.experiences.all():
        Achievement.objects.create(person=r3, experience=experience)
    for relationship in lead.relationships.all():
        Achievement.objects.create(person=r3, relationship=relationship)
    return {"dana": dana, "mo": mo, "reports": reports, "tiny": tinies, "hr": hr}
