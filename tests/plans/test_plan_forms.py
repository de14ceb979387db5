"""The plan's forms: fetched when asked for, and a refused save keeps what was typed, with
the problem next to its field."""

import pytest
from django.urls import reverse

from careermap.plans import services
from careermap.plans.models import Objective, Step


@pytest.fixture
def plan(report):
    return services.start_plan(report, actor=report.user, goal="Lead a platform team")


def test_forms_come_alone_when_fetched_and_as_pages_without_javascript(client, report, plan):
    objective = services.add_objective(plan, actor=report.user, title="Coach")
    step = services.add_step(objective, actor=report.user, what="Pair weekly", owner=report)
    client.force_login(report.user)
    for url in (
        reverse("plans:update", args=[report.pk]),
        reverse("plans:add_objective", args=[report.pk]),
        reverse("plans:add_step", args=[report.pk, objective.pk]),
        reverse("plans:set_status", args=[report.pk, step.pk]),
    ):
        fetched = client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert fetched.lstrip().startswith("<form") and "<html" not in fetched, url
        page = client.get(url).content.decode()
        assert "<html" in page and "<form" in page, url


def test_a_refused_objective_keeps_what_was_typed(client, report, plan):
    client.force_login(report.user)
    response = client.post(
        reverse("plans:add_objective", args=[report.pk]),
        {"title": "", "measure": "Two juniors promoted", "hours_per_week": 99},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Two juniors promoted"' in page
    assert page.count('class="field-error"') == 2  # the title, and the hours
    assert not Objective.objects.exists()


def test_a_step_for_someone_else_needs_their_name(client, report, plan):
    objective = services.add_objective(plan, actor=report.user, title="Coach")
    client.force_login(report.user)
    url = reverse("plans:add_step", args=[report.pk, objective.pk])
    response = client.post(url, {"what": "Book the course", "owner": ""})
    assert response.status_code == 400
    assert "Name who will do it" in response.content.decode()
    assert 'value="Book the course"' in response.content.decode()
    client.post(url, {"what": "Book the course", "owner": "", "owner_name": "Learning team"})
    assert Step.objects.get().who == "Learning team"


def test_target_roles_are_offered_from_the_career_page_and_kept_on_the_plan(
    client, report, plan, framework
):
    from careermap.frameworks.models import Role, TargetRole

    lead = Role.objects.get(key="engineering-management-l3")
    TargetRole.objects.create(person=report, role=lead)
    client.force_login(report.user)
    url = reverse("plans:update", args=[report.pk])
    form = client.get(url).content.decode()
    assert f'<option value="{lead.pk}" selected>' in form  # offered from the career page
    client.post(
        url,
        {"goal": plan.goal, "check_in_weeks": 4, "target_roles": [lead.pk], "version": 1},
    )
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert f"?target={lead.key}" in page and lead.name in page
    assert "Changed target roles" in page  # in the timeline
    md = client.get(reverse("plans:write_up", args=[report.pk]), {"format": "md"}).content
    assert f"Target roles: {lead.name}" in md.decode()
