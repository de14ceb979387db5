"""Development plans: a goal, GROW, objectives and steps, next steps brought in, history."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.plans import services
from careermap.plans.models import Plan, PlanChange, Step


def _closed_conversation(manager, report):
    conversation = conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=1),
        duration_minutes=45,
        place="Room",
    )
    conversations.add_next_step(
        conversation,
        actor=manager.user,
        what="Lead the security project",
        owner=report,
        due_on=dt.date.today() + dt.timedelta(days=60),
        support="2 hours a week protected",
    )
    conversations.close(
        conversation,
        actor=manager.user,
        version=conversation.version,
        summary="Agreed",
        follow_up_on=dt.date.today(),
        write_up_wanted=False,
    )
    return conversation


def test_starting_a_plan_brings_in_the_conversations_next_steps(client, manager, report):
    _closed_conversation(manager, report)
    client.force_login(report.user)
    client.post(
        reverse("plans:start", args=[report.pk]), {"goal": "Lead a platform team within two years"}
    )
    plan = Plan.objects.get(person=report)
    step = Step.objects.get(objective__plan=plan)
    assert step.what == "Lead the security project" and step.support == "2 hours a week protected"
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "Lead a platform team within two years" in page and "Lead the security project" in page
    assert "Brought in 1 next step from conversations" in page  # the history


def test_step_done_needs_evidence_and_blocked_needs_a_roadblock(client, manager, report):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    objective = services.add_objective(plan, actor=report.user, title="Run a project")
    step = services.add_step(objective, actor=report.user, what="Plan the security project")
    client.force_login(report.user)
    url = reverse("plans:set_status", args=[report.pk, step.pk])
    page = client.post(url, {"status": "done", "version": step.version}, follow=True)
    assert "Say what shows it is done" in page.content.decode()
    client.post(
        url,
        {
            "status": "done",
            "evidence": "Plan approved by the team",
            "reflection": "Harder than expected",
            "version": step.version,
        },
    )
    step.refresh_from_db()
    assert step.status == "done" and step.done_on == timezone.localdate()
    client.force_login(manager.user)
    page = client.post(
        url, {"status": "blocked", "version": step.version}, follow=True
    ).content.decode()
    assert "Describe the roadblock" in page
    client.post(
        url, {"status": "blocked", "roadblock": "Waiting for budget", "version": step.version}
    )
    step.refresh_from_db()
    assert step.status == "blocked" and step.roadblock == "Waiting for budget"
    assert PlanChange.objects.filter(plan=plan, summary__contains="Waiting for budget").exists()


def test_a_stale_step_update_is_refused(client, report, manager):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    step = services.add_step(
        services.add_objective(plan, actor=None, title="O"), actor=None, what="S"
    )
    client.force_login(manager.user)
    url = reverse("plans:set_status", args=[report.pk, step.pk])
    client.post(url, {"status": "in_progress", "version": 1})
    client.force_login(report.user)
    page = client.post(url, {"status": "not_started", "version": 1}, follow=True)
    assert "updated by someone else" in page.content.decode()
    step.refresh_from_db()
    assert step.status == "in_progress"


def test_grow_record_conflict_keeps_what_was_typed(client, report, manager):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    url = reverse("plans:update", args=[report.pk])
    client.force_login(manager.user)
    client.post(
        url, {"goal": "Lead", "reality": "Manager's view", "check_in_weeks": 4, "version": 1}
    )
    client.force_login(report.user)
    response = client.post(
        url, {"goal": "Lead", "reality": "My own view", "check_in_weeks": 4, "version": 1}
    )
    assert response.status_code == 409 and "My own view" in response.content.decode()
    plan.refresh_from_db()
    assert plan.reality == "Manager's view"


def test_smart_review_says_what_is_missing_without_blocking(client, report):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    services.update_plan(plan, actor=None, version=plan.version, goal="Lead", hours_agreed=2)
    client.force_login(report.user)
    client.post(
        reverse("plans:add_objective", args=[report.pk]),
        {"title": "Learn to coach", "hours_per_week": 5},
    )
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "Learn to coach" in page
    assert "Nothing measurable yet" in page and "No date" in page
    assert "Not tied to the goal yet" in page
    assert "The objectives ask for 5 hours a week; 2 were agreed." in page


def test_who_may_see_and_change_a_plan(client, report, manager, director, hr, peer, stranger):
    services.start_plan(report, actor=report.user, goal="A private ambition")
    url = reverse("plans:plan", args=[report.pk])
    for person, status in [
        (report, 200),
        (manager, 200),
        (director, 200),
        (hr, 200),
        (peer, 404),
        (stranger, 404),
    ]:
        client.force_login(person.user)
        assert client.get(url).status_code == status, person
    client.force_login(hr.user)
    assert "Edit the goal" not in client.get(url).content.decode()  # HR reads only
    response = client.post(reverse("plans:add_objective", args=[report.pk]), {"title": "X"})
    assert response.status_code == 404


def test_plan_page_query_count_does_not_grow_with_the_plan(
    client, report, manager, framework, django_assert_num_queries
):
    """100 steps, two years of monthly check-ins and skill ratings: still a fixed number of
    queries, read fresh on every view (only the rendering of the long parts is cached)."""
    from careermap.frameworks.models import Assessment, Skill

    plan = services.start_plan(report, actor=report.user, goal="Lead")
    skills = list(Skill.objects.all()[:3])
    objectives = []
    for i in range(10):
        objective = services.add_objective(plan, actor=None, title=f"Objective {i}", skills=skills)
        objectives.append(objective)
        for j in range(10):
            services.add_step(objective, actor=None, what=f"Step {i}.{j}")
    start = dt.date.today() - dt.timedelta(days=730)
    for month in range(24):
        services.record_check_in(
            plan,
            actor=manager.user,
            version=plan.version,
            held_on=start + dt.timedelta(days=30 * month),
            summary=f"Month {month}",
            progress={o.pk: ("on_track", "fine") for o in objectives},
        )
        for skill in skills:
            Assessment.objects.create(
                person=report,
                skill=skill,
                kind="manager",
                level=1 + month // 6,
                assessed_on=start + dt.timedelta(days=30 * month),
                rater=manager,
            )
    client.force_login(report.user)
    # 1 the user with their person, 2 the person whose plan it is, 3 the plan, 4 "looked at"
    # noted (the first view of the day), 5 objectives, 6 their skills, 7 their opportunities,
    # 8 steps with their owners, 9 the latest check-ins, 10 progress noted at them, 11 the
    # latest changes, 12 ratings of the plan's skills (the chart), 13 target roles, 14 the
    # booked check-in, 15 next steps waiting in conversations, 16 unread reminders (the menu)
    with django_assert_num_queries(16):
        page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert page.count('<tr id="step-') == 100
    assert page.count('class="timeline-check-in"') == 20  # the latest twenty
    assert "Month 23" in page and "Month 3</" not in page
    # Seen again the same day: the same reads but the "looked at" note, and the long parts'
    # renderings come from the cache.
    with django_assert_num_queries(15):
        again = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert again.count('<tr id="step-') == 100 and "Month 23" in again
    # Any change shows at once.
    step = Step.objects.filter(objective__plan=plan).first()
    services.set_step_status(
        step, actor=report.user, version=step.version, status="blocked", roadblock="Fresh news"
    )
    assert "Fresh news" in client.get(reverse("plans:plan", args=[report.pk])).content.decode()


def test_plan_write_up_as_page_markdown_and_pdf(client, manager, report):
    import io

    from pypdf import PdfReader

    _closed_conversation(manager, report)
    plan = services.start_plan(report, actor=report.user, goal="Lead a platform team")
    services.bring_in_next_steps(plan, actor=report.user)
    step = Step.objects.get(objective__plan=plan)
    services.set_step_status(
        step,
        actor=report.user,
        version=step.version,
        status="done",
        evidence="Security review shipped",
    )
    client.force_login(report.user)
    url = reverse("plans:write_up", args=[report.pk])
    assert "Security review shipped" in client.get(url).content.decode()
    md = client.get(url, {"format": "md"}).content.decode()
    assert "- [x] Lead the security project" in md and "Lead a platform team" in md
    pdf = client.get(url, {"format": "pdf"})
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Lead a platform team" in text and "Security review shipped" in text


def test_career_record_has_all_of_mine_and_nothing_private_to_others(client, manager, report):
    import io
    import json

    from pypdf import PdfReader

    conversation = _closed_conversation(manager, report)
    from careermap.conversations.models import Note, Reflection

    Note.objects.create(
        conversation=conversation, private_to=manager, text="Manager's private worry"
    )
    Note.objects.create(conversation=conversation, private_to=report, text="My own private note")
    Reflection.objects.create(
        conversation=conversation, author=report, answers={"strengths": "My strengths"}
    )
    Reflection.objects.create(
        conversation=conversation, author=manager, answers={"strengths": "His unshared draft"}
    )
    plan = services.start_plan(report, actor=report.user, goal="Lead a platform team")
    services.bring_in_next_steps(plan, actor=report.user)
    services.record_check_in(
        plan,
        actor=manager.user,
        version=plan.version,
        held_on=dt.date.today(),
        roadblocks="On-call rota leaves no time",
    )
    client.force_login(report.user)
    response = client.get(reverse("plans:record"))
    data = json.loads(response.content)
    text = response.content.decode()
    assert data["person"]["email"] == report.email
    assert data["plans"][0]["goal"] == "Lead a platform team"
    assert data["conversations"][0]["next_steps"][0]["what"] == "Lead the security project"
    assert data["plans"][0]["check_ins"][0]["roadblocks"] == "On-call rota leaves no time"
    assert "My own private note" in text and "My strengths" in text
    assert "Manager's private worry" not in text and "His unshared draft" not in text
    pdf = client.get(reverse("plans:record"), {"format": "pdf"})
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Lead a platform team" in pdf_text and "private worry" not in pdf_text


def test_next_steps_waiting_in_a_conversation_are_for_its_two_participants(
    client, director, manager, report
):
    """A manager above the two who talked (who may edit the plan) does not read their next
    steps until they are in the plan, nor brings them in."""
    _closed_conversation(manager, report)
    client.force_login(director.user)
    client.post(reverse("plans:start", args=[report.pk]), {"goal": "Lead a platform team"})
    plan = Plan.objects.get(person=report)
    assert not Step.objects.filter(objective__plan=plan).exists()
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "Lead the security project" not in page and "not in the plan yet" not in page
    client.post(reverse("plans:bring_in", args=[report.pk]))
    assert not Step.objects.filter(objective__plan=plan).exists()
    client.force_login(manager.user)
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "1 next step agreed in conversations is not in the plan yet" in page
    client.post(reverse("plans:bring_in", args=[report.pk]))
    assert Step.objects.get(objective__plan=plan).what == "Lead the security project"


def test_the_booked_check_in_links_to_the_conversation_only_for_its_two_participants(
    client, director, hr, manager, report
):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    booked = services.book_next_check_in(
        plan, actor=manager.user, starts_at=timezone.now() + dt.timedelta(days=3)
    )
    for person, linked in [(report, True), (manager, True), (director, False), (hr, False)]:
        client.force_login(person.user)
        page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
        assert (booked.get_absolute_url() in page) is linked, person
        assert "booked" in page


def test_starting_a_plan_and_bringing_in_next_steps_are_one_action(
    client, manager, report, monkeypatch
):
    """When the next steps cannot come in, the plan is not started either."""
    import pytest

    _closed_conversation(manager, report)

    def broken(plan, *, actor):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "bring_in_next_steps", broken)
    client.force_login(report.user)
    with pytest.raises(RuntimeError):
        client.post(reverse("plans:start", args=[report.pk]), {"goal": "Lead a platform team"})
    assert not Plan.objects.filter(person=report).exists()
