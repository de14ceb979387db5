"""The plan page never shows anything stale: whatever changes what a part of the page shows (a
person renamed, an opportunity edited or closed, a skill or a role renamed, a new rating) shows
at the next view, though the long parts are rendered from the cache."""

import datetime as dt

import pytest
from django.urls import reverse

from careermap.frameworks.models import Assessment, Role, Skill
from careermap.opportunities import services as opportunities
from careermap.people import services as people
from careermap.plans import services

TODAY = dt.date.today()


@pytest.fixture
def plan(report, manager, framework):
    plan = services.start_plan(report, actor=report.user, goal="Lead a platform team")
    plan.skill = Skill.objects.order_by("position", "key").first()
    plan.objective = services.add_objective(
        plan, actor=report.user, title="Run the security project", skills=[plan.skill]
    )
    services.add_step(plan.objective, actor=manager.user, what="Pair on reviews", owner=manager)
    services.update_plan(
        plan, actor=report.user, version=plan.version, goal="Lead a platform team", hours_agreed=2
    )
    plan.refresh_from_db()
    return plan


def _page(client, person) -> str:
    return client.get(reverse("plans:plan", args=[person.pk])).content.decode()


def _rename(person, name, *, actor):
    people.update_person(
        person,
        actor=actor,
        version=person.version,
        name=name,
        job_title=person.job_title,
        team=person.team,
        manager=person.manager,
        start_date=person.start_date,
        is_hr_admin=person.is_hr_admin,
    )


def test_a_renamed_step_owner_shows_at_once(client, report, manager, hr, plan):
    client.force_login(report.user)
    assert "Manny Manager" in _page(client, report)  # rendered, and now in the cache
    _rename(manager, "Manuela Manager", actor=hr.user)
    page = _page(client, report)
    assert "Manuela Manager" in page and "Manny Manager" not in page


def test_a_renamed_person_shows_at_once_in_the_timeline_and_the_chart(
    client, report, manager, hr, plan
):
    Assessment.objects.create(
        person=report, skill=plan.skill, kind="self", level=2, assessed_on=TODAY
    )
    services.record_check_in(
        plan, actor=manager.user, version=plan.version, held_on=TODAY, summary="Good start"
    )
    client.force_login(manager.user)
    before = _page(client, report)
    assert "Rita Report" in before.split('id="skills-over-time"')[1]  # "Rita Report's own"
    _rename(report, "Rita Renamed", actor=hr.user)
    page = _page(client, report)
    chart, timeline = page.split('id="skills-over-time"')[1].split('id="timeline"')
    assert "Rita Renamed" in chart and "Rita Report" not in chart
    client.force_login(report.user)
    _rename(manager, "Manuela Manager", actor=hr.user)
    timeline = _page(client, report).split('id="timeline"')[1]
    assert "Manuela Manager" in timeline and "Manny Manager" not in timeline  # who recorded it


def test_an_edited_or_closed_opportunity_shows_at_once(client, report, manager, plan):
    offer = opportunities.create_opportunity(
        actor=manager.user,
        kind="project",
        title="Security guild",
        description="Meets weekly",
        hours_per_week=1,
    )
    services.link_opportunity(plan.objective, actor=report.user, opportunity=offer)
    client.force_login(report.user)
    assert "Security guild" in _page(client, report)
    opportunities.update_opportunity(
        offer,
        actor=manager.user,
        version=offer.version,
        title="Security champions",
        hours_per_week=3,
    )
    page = _page(client, report)
    objective = page.split('id="objective-')[1]
    assert "Security champions" in objective and "Security guild" not in objective
    assert "ask for 3 hours a week; 2 were agreed" in page  # its hours count at once too
    opportunities.close_opportunity(offer, actor=manager.user)
    objective = _page(client, report).split('id="objective-')[1]
    assert 'Security champions <small class="flag">closed</small>' in objective


def test_a_renamed_skill_or_role_shows_at_once(client, report, plan, hr):
    role = Role.objects.filter(retired=False).first()
    services.update_plan(
        plan,
        actor=report.user,
        version=plan.version,
        goal=plan.goal,
        target_roles=[role],
    )
    client.force_login(report.user)
    page = _page(client, report)
    assert plan.skill.name in page and role.name in page
    Skill.objects.filter(pk=plan.skill.pk).update(name="Renamed skill")
    Role.objects.filter(pk=role.pk).update(name="Renamed role")
    page = _page(client, report)
    assert "Renamed skill" in page and "Renamed role" in page


def test_an_objective_renamed_shows_at_once_in_the_check_ins_that_noted_it(
    client, report, manager, plan
):
    services.record_check_in(
        plan,
        actor=manager.user,
        version=plan.version,
        held_on=TODAY,
        progress={plan.objective.pk: ("behind", "Slow start")},
    )
    client.force_login(report.user)
    assert "Run the security project — Slow start" in _page(client, report)
    from careermap.plans.models import Objective

    Objective.objects.filter(pk=plan.objective.pk).update(title="Run the audit project")
    timeline = _page(client, report).split('id="timeline"')[1]
    assert "Run the audit project — Slow start" in timeline


def test_a_new_rating_shows_at_once_in_the_chart(client, report, manager, plan):
    Assessment.objects.create(
        person=report, skill=plan.skill, kind="manager", level=2, assessed_on=TODAY, rater=manager
    )
    client.force_login(report.user)
    assert "2 <small" in _page(client, report).split('id="skills-over-time"')[1]
    Assessment.objects.create(
        person=report, skill=plan.skill, kind="manager", level=4, assessed_on=TODAY, rater=manager
    )
    chart = _page(client, report).split('id="skills-over-time"')[1].split('id="timeline"')[0]
    assert "2 <small" in chart and "4 <small" in chart


def test_the_cached_parts_are_rendered_from_plain_data_only():
    """A part's template sees only the data its key is made of: a model object (which could
    load more, unseen by the key) is refused."""
    from careermap.plans import fragments
    from careermap.plans.models import Plan

    with pytest.raises(TypeError, match="plain data only"):
        fragments.render("plans/_plan_timeline.html", {"entries": [Plan(goal="x")]})


def test_a_new_version_of_a_parts_template_is_never_served_from_an_old_rendering(settings):
    """The cache outlives a deployment (Redis): the template's own text is in the key."""
    from django.template import engines

    from careermap.plans import fragments

    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"part.html": "Old: {{ n }}"})
                ]
            },
        }
    ]
    assert fragments.render("part.html", {"n": 1}) == "Old: 1"
    # Deployed again: a new process, the same cache.
    engines.all()[0].engine.template_loaders[0].templates_dict["part.html"] = "New: {{ n }}"
    fragments._template_digest.cache_clear()
    assert fragments.render("part.html", {"n": 1}) == "New: 1"
