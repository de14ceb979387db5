"""Editing a plan: objectives and steps changed and removed, never over someone else's change,
always kept in the history."""

import datetime as dt

import pytest
from django.urls import reverse

from careermap.conversations.models import NextStep
from careermap.plans import services
from careermap.plans.models import Objective, PlanChange, Step
from tests.plans.test_plan import _closed_conversation


@pytest.fixture
def plan(report):
    return services.start_plan(report, actor=report.user, goal="Lead a platform team")


@pytest.fixture
def step(report, plan):
    objective = services.add_objective(plan, actor=report.user, title="Coach")
    return services.add_step(objective, actor=report.user, what="Pair weekly", owner=report)


def test_a_step_is_edited_and_its_new_date_is_in_the_history(client, manager, report, step):
    client.force_login(manager.user)
    new_date = dt.date(2027, 3, 1)
    response = client.post(
        reverse("plans:edit_step", args=[report.pk, step.pk]),
        {
            "what": "Pair twice a week",
            "owner": report.pk,
            "due_on": new_date.isoformat(),
            "support": "Manager covers reviews",
            "version": step.version,
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.what, step.due_on, step.support) == (
        "Pair twice a week",
        new_date,
        "Manager covers reviews",
    )
    assert PlanChange.objects.filter(summary__contains="now due 1 March 2027").exists()


def test_an_edit_over_someone_elses_change_is_refused_and_keeps_the_text(
    client, manager, report, step
):
    opened = step.version
    services.set_step_status(step, actor=manager.user, version=step.version, status="in_progress")
    client.force_login(report.user)
    response = client.post(
        reverse("plans:edit_step", args=[report.pk, step.pk]),
        {"what": "My rewording", "owner": report.pk, "version": opened},
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert 'value="My rewording"' in response.content.decode()
    step.refresh_from_db()
    assert step.what == "Pair weekly"


def test_an_objective_is_edited_and_removed_and_both_stay_in_the_history(
    client, report, plan, step
):
    objective = step.objective
    client.force_login(report.user)
    client.post(
        reverse("plans:edit_objective", args=[report.pk, objective.pk]),
        {"title": "Coach two juniors", "measure": "Both lead a feature", "version": 1},
    )
    objective.refresh_from_db()
    assert objective.title == "Coach two juniors" and objective.version == 2
    stale = client.post(
        reverse("plans:remove_objective", args=[report.pk, objective.pk]), {"version": 1}
    )
    assert Objective.objects.filter(pk=objective.pk).exists()  # refused: it had changed
    assert "changed meanwhile" in client.get(stale["Location"]).content.decode()
    client.post(reverse("plans:remove_objective", args=[report.pk, objective.pk]), {"version": 2})
    assert not Objective.objects.exists() and not Step.objects.exists()
    history = client.get(reverse("plans:history", args=[report.pk])).content.decode()
    assert "Removed the objective “Coach two juniors” and its steps" in history
    first, last = PlanChange.objects.order_by("at", "pk")[1], PlanChange.objects.latest("pk")
    compared = client.get(
        reverse("plans:history", args=[report.pk]), {"from": first.pk, "to": last.pk}
    ).content.decode()
    assert "Objective: Coach" in compared  # what was removed can still be read


def test_a_removed_step_from_a_conversation_is_not_offered_again(client, manager, report, plan):
    _closed_conversation(manager, report)
    services.bring_in_next_steps(plan, actor=report.user)
    brought = Step.objects.get()
    client.force_login(report.user)
    client.post(
        reverse("plans:remove_step", args=[report.pk, brought.pk]), {"version": brought.version}
    )
    assert not Step.objects.exists()
    assert NextStep.objects.get().set_aside
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "not in the plan yet" not in page


def test_hr_admins_read_plans_but_never_edit_them(client, hr, report, step):
    client.force_login(hr.user)
    for name, args in [
        ("plans:edit_step", [report.pk, step.pk]),
        ("plans:remove_step", [report.pk, step.pk]),
        ("plans:edit_objective", [report.pk, step.objective.pk]),
        ("plans:remove_objective", [report.pk, step.objective.pk]),
    ]:
        assert client.post(reverse(name, args=args), {"version": 1}).status_code == 404
    assert Step.objects.filter(pk=step.pk).exists()
