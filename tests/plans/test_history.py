"""A plan's history: every change kept with who and when; two versions compared."""

from django.urls import reverse

from careermap.plans import services
from careermap.plans.models import PlanChange


def test_two_versions_compared_show_what_changed(client, manager, report):
    plan = services.start_plan(report, actor=report.user, goal="Lead a team")
    objective = services.add_objective(plan, actor=report.user, title="Coach two juniors")
    step = services.add_step(objective, actor=report.user, what="Pair every week", owner=report)
    services.set_step_status(
        step, actor=manager.user, version=step.version, status="blocked", roadblock="No juniors"
    )
    plan.refresh_from_db()
    services.update_plan(plan, actor=manager.user, version=plan.version, goal="Lead a big team")
    first, *_, last = PlanChange.objects.filter(plan=plan).order_by("at", "pk")
    client.force_login(report.user)
    page = client.get(
        reverse("plans:history", args=[report.pk]), {"from": first.pk, "to": last.pk}
    ).content.decode()
    assert (
        'diff-removed"><span class="visually-hidden">removed: </span>'
        '<span class="diff-sign" aria-hidden="true">-</span> Goal: Lead a team<' in page
    )
    assert "+</span> Goal: Lead a big team<" in page
    assert "+</span> Objective: Coach two juniors<" in page
    assert "Step: Pair every week (Rita Report): Blocked" in page
    assert "Roadblock: No juniors" in page
    assert "Manny Manager" in page  # who made the change


def test_history_lists_every_change_with_who_and_when(client, manager, report):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    for i in range(3):
        services.add_objective(plan, actor=manager.user, title=f"Objective {i}")
    client.force_login(manager.user)
    page = client.get(reverse("plans:history", args=[report.pk])).content.decode()
    assert page.count('name="from"') == 4
    assert "Added the objective “Objective 2”" in page and "Started the plan" in page


def test_versions_of_someone_elses_plan_cannot_be_compared(client, report, peer):
    mine = services.start_plan(report, actor=report.user, goal="Mine")
    theirs = services.start_plan(peer, actor=peer.user, goal="Secret ambition")
    services.update_plan(theirs, actor=peer.user, version=theirs.version, goal="Other secret")
    a, b = PlanChange.objects.filter(plan=theirs)
    client.force_login(report.user)
    page = client.get(
        reverse("plans:history", args=[report.pk]), {"from": a.pk, "to": b.pk}
    ).content.decode()
    assert "Choose two changes from this plan" in page and "secret" not in page.lower()
    assert mine.goal in page or "History of the plan" in page
    assert client.get(reverse("plans:history", args=[peer.pk])).status_code == 404


def test_saving_an_unchanged_plan_is_not_a_new_version(report):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    services.update_plan(plan, actor=report.user, version=plan.version, goal="Lead")
    assert PlanChange.objects.filter(plan=plan).count() == 1


def test_the_person_sees_who_viewed_and_changed_their_plan(client, manager, report, hr):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    services.add_objective(plan, actor=manager.user, title="Coach two juniors")
    client.force_login(hr.user)
    client.get(reverse("plans:plan", args=[report.pk]))
    client.force_login(report.user)
    client.get(reverse("plans:plan", args=[report.pk]))  # my own look is not logged
    page = client.get(reverse("audit:log")).content.decode()
    assert "Manny Manager" in page and "Added the objective “Coach two juniors”" in page
    assert "Hana HR" in page and "Plan page" in page
    assert "Rita Report" not in page.split("<table", 1)[-1]


def test_history_page_query_count_does_not_grow_with_the_history(
    client, manager, report, django_assert_num_queries
):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    for i in range(80):
        services.add_objective(plan, actor=manager.user, title=f"Objective {i}")
    first, last = PlanChange.objects.order_by("pk")[::80]
    client.force_login(manager.user)
    # 1 the user with their person, 2 the person, 3 the plan, 4 the look written to the access
    # log (once an hour), 5 how many changes, 6 this page of them with who made each, 7 the
    # two changes compared, 8 unread reminders (the menu)
    with django_assert_num_queries(8):
        page = client.get(
            reverse("plans:history", args=[report.pk]), {"from": first.pk, "to": last.pk}
        ).content.decode()
    assert page.count('name="from"') == 50 and "+</span> Objective: Objective 79<" in page
