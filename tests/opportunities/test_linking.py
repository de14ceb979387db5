"""Linking opportunities to a plan's objectives: on the plan page, in its history, write-up
and career record, in the time warning, and never left stale by the page's cache."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from careermap.frameworks.models import Skill
from careermap.plans import services as plans
from careermap.plans.models import PlanChange


@pytest.fixture
def plan(report, framework):
    return plans.start_plan(report, actor=report.user, goal="Lead a platform team")


@pytest.fixture
def objective(plan, report):
    return plans.add_objective(
        plan,
        actor=report.user,
        title="Learn to coach",
        hours_per_week=2,
        skills=list(Skill.objects.filter(key="coaching")),
    )


def test_linking_and_unlinking_from_the_plan_page(client, manager, report, plan, objective, post):
    circle = post(manager, "Mentoring circle", kind="mentoring", hours_per_week=1)
    client.force_login(report.user)
    plan_url = reverse("plans:plan", args=[report.pk])
    link_url = reverse("plans:link_opportunity", args=[report.pk, objective.pk])
    assert link_url in client.get(plan_url).content.decode()  # "Link an opportunity"
    response = client.post(link_url, {"opportunity": circle.pk})
    assert response["Location"] == f"{plan_url}#objective-{objective.pk}"
    page = client.get(plan_url).content.decode()
    assert circle.get_absolute_url() in page and "Mentoring circle" in page
    assert "1 h a week" in page
    assert "Linked “Mentoring circle” to “Learn to coach”" in page  # the timeline
    md = client.get(reverse("plans:write_up", args=[report.pk]), {"format": "md"})
    assert "Opportunities: Mentoring circle (mentoring, 1 h a week)" in md.content.decode()
    record = json.loads(client.get(reverse("plans:record")).content)
    assert record["plans"][0]["objectives"][0]["opportunities"][0]["title"] == "Mentoring circle"

    client.post(reverse("plans:unlink_opportunity", args=[report.pk, objective.pk, circle.pk]))
    page = client.get(plan_url).content.decode()
    assert circle.get_absolute_url() not in page
    assert "Unlinked “Mentoring circle” from “Learn to coach”" in page
    changes = list(PlanChange.objects.filter(plan=plan).order_by("pk"))
    linked, unlinked = changes[-2].snapshot, changes[-1].snapshot
    assert linked["objectives"][0]["opportunities"] == ["Mentoring circle"]
    assert unlinked["objectives"][0]["opportunities"] == []
    history = client.get(
        reverse("plans:history", args=[report.pk]),
        {"from": changes[-3].pk, "to": changes[-2].pk},
    ).content.decode()
    assert "Opportunity: Mentoring circle" in history  # the versions compared


def test_an_objective_can_be_linked_as_it_is_added(client, report, plan, manager, post):
    course = post(manager, "Facilitation course", kind="training")
    closed = post(manager, "Old hackathon")
    client.force_login(manager.user)
    closed_url = reverse("opportunities:close", args=[closed.pk])
    client.post(closed_url)
    client.force_login(report.user)
    url = reverse("plans:add_objective", args=[report.pk])
    form = client.get(url).content.decode()
    assert "Facilitation course (training course)" in form and "Old hackathon" not in form
    client.post(url, {"title": "Run better meetings", "opportunities": [course.pk]})
    objective = plan.objectives.get()
    assert list(objective.opportunities.all()) == [course]


def test_only_the_plans_editors_link_and_closed_ones_cannot_be(
    client, report, manager, hr, peer, objective, post
):
    circle = post(manager, "Mentoring circle")
    url = reverse("plans:link_opportunity", args=[report.pk, objective.pk])
    for person in (hr, peer):
        client.force_login(person.user)
        assert client.post(url, {"opportunity": circle.pk}).status_code == 404
    client.force_login(manager.user)
    client.post(reverse("opportunities:close", args=[circle.pk]))
    response = client.post(url, {"opportunity": circle.pk})
    assert response.status_code == 400 and "closed or already linked" in response.content.decode()
    assert not objective.opportunities.exists()


def test_the_time_warning_counts_the_hours_of_linked_opportunities(
    client, report, manager, plan, objective, post
):
    plans.update_plan(plan, actor=None, version=plan.version, goal=plan.goal, hours_agreed=3)
    rotation = post(manager, "Data rotation", kind="rotation", hours_per_week=4)
    over = post(
        manager,
        "Last year's course",
        hours_per_week=10,
        starts_on=dt.date.today() - dt.timedelta(days=60),
        ends_on=dt.date.today() - dt.timedelta(days=1),
    )
    client.force_login(report.user)
    url = reverse("plans:plan", args=[report.pk])
    assert "hours a week;" not in client.get(url).content.decode()  # 2 of 3: fine
    plans.link_opportunity(objective, actor=report.user, opportunity=rotation)
    second = plans.add_objective(plan, actor=report.user, title="Data basics")
    # Counted once however many objectives it serves; one that is over counts for nothing.
    plans.link_opportunity(second, actor=report.user, opportunity=rotation)
    plans.link_opportunity(second, actor=report.user, opportunity=over)
    page = client.get(url).content.decode()
    assert (
        "The objectives and the opportunities they use ask for 6 hours a week; 3 were agreed."
        in page
    )


def test_the_plan_page_shows_at_once_when_a_linked_opportunity_closes_or_is_renamed(
    client, report, manager, objective, post
):
    circle = post(manager, "Mentoring circle", kind="mentoring")
    plans.link_opportunity(objective, actor=report.user, opportunity=circle)
    client.force_login(report.user)
    url = reverse("plans:plan", args=[report.pk])
    assert circle.get_absolute_url() in client.get(url).content.decode()  # now in the cache
    client.force_login(manager.user)
    client.post(reverse("opportunities:close", args=[circle.pk]))
    client.force_login(report.user)
    page = client.get(url).content.decode()
    assert circle.get_absolute_url() not in page  # no link to a page she may not open
    assert 'Mentoring circle <small class="flag">closed</small>' in page
    circle.refresh_from_db()
    from careermap.opportunities import services

    services.update_opportunity(
        circle, actor=manager.user, version=circle.version, title="Leads' mentoring circle"
    )
    assert "Leads&#x27; mentoring circle" in client.get(url).content.decode()


def test_the_plan_page_query_count_stays_flat_with_many_linked_opportunities(
    client, report, manager, plan, post, django_assert_num_queries
):
    client.force_login(report.user)
    url = reverse("plans:plan", args=[report.pk])
    plans.link_opportunity(
        plans.add_objective(plan, actor=None, title="First"),
        actor=None,
        opportunity=post(manager, "First one", hours_per_week=1),
    )
    # 1 the user with their person, 2 the person whose plan it is, 3 the plan, 4 "looked at"
    # noted (the first view of the day), 5 objectives, 6 their skills, 7 their opportunities,
    # 8 steps with their owners, 9 the latest check-ins, 10 progress noted at them, 11 the
    # latest changes, 12 ratings of the plan's skills (the chart), 13 target roles, 14 the
    # booked check-in, 15 next steps waiting in conversations, 16 unread reminders (the menu)
    with django_assert_num_queries(16):
        client.get(url)
    for i in range(10):
        objective = plans.add_objective(plan, actor=None, title=f"Objective {i}")
        for j in range(3):
            opportunity = post(manager, f"Opportunity {i}.{j}", hours_per_week=1)
            plans.link_opportunity(objective, actor=None, opportunity=opportunity)
    # The same, without 4 (the plan was marked as looked at today already): 30 opportunities
    # more in 10 objectives more cost no query more
    with django_assert_num_queries(15):
        page = client.get(url).content.decode()
    assert page.count('class="kind kind-project"') == 31
