"""Check-ins: an agenda built from the plan, progress per objective, roadblocks, a change of
goal, and the next check-in in both calendars."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.conversations.models import Conversation
from careermap.plans import services
from careermap.plans.models import CheckIn, ObjectiveProgress, PlanChange

TODAY = dt.date.today()


@pytest.fixture
def plan(report):
    plan = services.start_plan(report, actor=report.user, goal="Lead a platform team")
    objective = services.add_objective(plan, actor=report.user, title="Run the security project")
    overdue = services.add_step(
        objective, actor=report.user, what="Write the threat model", due_on=TODAY - dt.timedelta(3)
    )
    services.add_step(
        objective, actor=report.user, what="Present to the team", due_on=TODAY + dt.timedelta(40)
    )
    blocked = services.add_step(objective, actor=report.user, what="Hire a contractor")
    services.set_step_status(
        blocked, actor=report.user, version=1, status="blocked", roadblock="No budget this quarter"
    )
    done = services.add_step(objective, actor=report.user, what="Read the audit report")
    services.set_step_status(
        done, actor=report.user, version=1, status="done", evidence="Notes in the wiki"
    )
    plan.refresh_from_db()
    plan.overdue_step = overdue
    return plan


def _form_data(plan, **extra) -> dict:
    objective = plan.objectives.get()
    return {
        "held_on": TODAY.isoformat(),
        "summary": "Threat model half written",
        "roadblocks": "Budget for the contractor",
        "goal": plan.goal,
        "goal_change": "",
        "next_on": (TODAY + dt.timedelta(weeks=4)).isoformat(),
        "next_at": "09:30",
        "version": plan.version,
        f"status_{objective.pk}": "behind",
        f"note_{objective.pk}": "Slower than hoped",
        **extra,
    }


def _post(client, report, plan, **extra):
    return client.post(reverse("plans:check_in", args=[report.pk]), _form_data(plan, **extra))


def test_agenda_lists_due_and_overdue_steps_roadblocks_and_what_was_done(client, manager, plan):
    client.force_login(manager.user)
    page = client.get(reverse("plans:check_in", args=[plan.person.pk])).content.decode()
    agenda = page[page.index("Agenda, from the plan") : page.index("Questions worth asking")]
    assert "Write the threat model" in agenda and "overdue" in agenda
    assert "Present to the team" not in agenda  # due in 40 days: not for this check-in
    assert "No budget this quarter" in agenda
    assert "Read the audit report" in agenda and "Notes in the wiki" in agenda


def test_recording_a_check_in_keeps_progress_and_books_the_next_one(
    client, manager, report, plan, django_capture_on_commit_callbacks
):
    client.force_login(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, report, plan)
    assert response.status_code == 302
    check_in = CheckIn.objects.get(plan=plan)
    assert check_in.roadblocks == "Budget for the contractor"
    progress = ObjectiveProgress.objects.get(check_in=check_in)
    assert progress.status == "behind" and progress.note == "Slower than hoped"
    booked = Conversation.objects.get(playbook_key="development-check-in", guest=report)
    assert booked.host == manager and timezone.localtime(booked.starts_at).time() == dt.time(9, 30)
    invite = mail.outbox[-1]
    assert set(invite.to) == {manager.email, report.email}
    assert invite.attachments[0][0] == "invite.ics"
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "Check-in recorded" in page and "in both calendars" in page
    assert "Slower than hoped" in page and "Budget for the contractor" in page
    assert f"{(TODAY + dt.timedelta(weeks=4)):%-d %B %Y}" in page  # next check-in shown


def test_a_second_check_in_moves_the_booked_one_instead_of_adding_another(
    client, manager, report, plan
):
    client.force_login(manager.user)
    _post(client, report, plan)
    plan.refresh_from_db()
    _post(client, report, plan, next_on=(TODAY + dt.timedelta(weeks=6)).isoformat())
    booked = Conversation.objects.filter(playbook_key="development-check-in", guest=report)
    assert booked.count() == 1
    assert timezone.localtime(booked.get().starts_at).date() == TODAY + dt.timedelta(weeks=6)
    assert booked.get().ics_sequence == 1  # calendars replace the earlier invite


def test_check_in_held_in_a_booked_conversation_closes_it(client, manager, report, plan):
    held = conversations.book(
        actor=manager.user,
        playbook=playbooks.library()["development-check-in"],
        host=manager,
        guest=report,
        starts_at=timezone.now() - dt.timedelta(hours=1),
    )
    client.force_login(report.user)
    assert "held in" in client.get(reverse("plans:check_in", args=[report.pk])).content.decode()
    _post(client, report, plan, next_on="", next_at="")
    held.refresh_from_db()
    assert held.status == "closed" and held.summary == "Threat model half written"
    assert CheckIn.objects.get().conversation == held


def test_a_changed_goal_needs_a_reason_and_is_kept_in_the_history(client, report, plan):
    client.force_login(report.user)
    response = _post(client, report, plan, goal="Become a staff engineer")
    assert response.status_code == 400
    assert "Say in a line why the goal changed" in response.content.decode()
    assert "Become a staff engineer" in response.content.decode()  # nothing typed is lost
    _post(client, report, plan, goal="Become a staff engineer", goal_change="I prefer building")
    plan.refresh_from_db()
    assert plan.goal == "Become a staff engineer"
    assert PlanChange.objects.filter(plan=plan, summary__contains="changed the goal").exists()


def test_a_goal_changed_meanwhile_is_not_overwritten(client, manager, report, plan):
    opened_at = plan.version
    services.update_plan(plan, actor=manager.user, version=plan.version, goal="Manager's edit")
    client.force_login(report.user)
    response = _post(
        client, report, plan, goal="My new goal", goal_change="Changed my mind", version=opened_at
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed by someone else" in page and "My new goal" in page
    plan.refresh_from_db()
    assert plan.goal == "Manager's edit" and not CheckIn.objects.exists()


def test_next_check_in_must_come_after_this_one(client, report, plan):
    client.force_login(report.user)
    response = _post(client, report, plan, next_on=TODAY.isoformat())
    assert response.status_code == 400
    assert "The next check-in comes after this one" in response.content.decode()


@pytest.mark.parametrize("who", ["hr", "peer", "stranger"])
def test_only_the_person_and_their_managers_record_check_ins(client, request, report, plan, who):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("plans:check_in", args=[report.pk])).status_code == 404
    assert _post(client, report, plan).status_code == 404
    assert not CheckIn.objects.exists()


def test_a_booked_check_in_conversation_leads_to_recording_it_on_the_plan(
    client, manager, report, plan
):
    booked = services.book_next_check_in(
        plan, actor=manager.user, starts_at=timezone.now() + dt.timedelta(days=1)
    )
    client.force_login(report.user)
    page = client.get(booked.get_absolute_url()).content.decode()
    assert reverse("plans:check_in", args=[report.pk]) in page
    assert "Record progress on the plan" in page


def test_a_long_agenda_shows_the_most_pressing_and_counts_the_rest(client, manager, report, plan):
    objective = plan.objectives.get()
    for i in range(20):
        services.add_step(
            objective,
            actor=report.user,
            what=f"Late step {i:02d}",
            due_on=TODAY - dt.timedelta(30 - i),
        )
    client.force_login(manager.user)
    page = client.get(reverse("plans:check_in", args=[report.pk])).content.decode()
    assert "Late step 00" in page and "Late step 12" not in page  # the longest overdue first
    assert "and 9 more on" in page  # 21 due or overdue, 12 shown


# One upcoming check-in between the two, whichever path books it (issue 9, item 7).


def _close_out(client, manager, report, *, in_days: int, at: dt.time = dt.time(14, 0)):
    """Today's career conversation, closed on its page with a follow-up in `in_days` days at
    the conversation's time of day: the close-out books that check-in."""
    today_at = timezone.make_aware(dt.datetime.combine(TODAY, at))
    talk = conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=today_at,
        duration_minutes=45,
    )
    client.force_login(manager.user)
    follow_up = TODAY + dt.timedelta(days=in_days)
    response = client.post(
        reverse("conversations:close", args=[talk.pk]),
        {"summary": "Agreed", "follow_up_on": follow_up.isoformat(), "version": talk.version},
    )
    assert response.status_code == 302
    return Conversation.objects.get(playbook_key="development-check-in", guest=report)


def _upcoming(report):
    return Conversation.objects.filter(
        playbook_key="development-check-in",
        guest=report,
        status="scheduled",
        starts_at__gt=timezone.now(),
    )


def test_a_check_in_after_a_close_out_keeps_the_follow_up_it_booked(
    client, manager, report, plan, django_capture_on_commit_callbacks
):
    """The close-out booked the follow-up in five days; the check-in recorded today on the plan
    (not held in that conversation, which is still to come) keeps it: same day and time, no
    second invitation, and the follow-up is not closed as if it had been held."""
    follow_up = _close_out(client, manager, report, in_days=5)
    page = client.get(reverse("plans:check_in", args=[report.pk])).content.decode()
    assert "held in" not in page and "already booked for" in page
    assert f'value="{follow_up.starts_at.astimezone().date().isoformat()}"' in page
    assert 'value="14:00"' in page  # the booked time, not the usual 10:00
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:check_in", args=[report.pk]),
            {
                **_form_data(plan),
                "next_on": (TODAY + dt.timedelta(days=5)).isoformat(),
                "next_at": "14:00",
            },
        )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "scheduled" and follow_up.ics_sequence == 0
    assert list(_upcoming(report)) == [follow_up]
    assert CheckIn.objects.get().conversation is None
    assert mail.outbox == []  # nothing new in anyone's calendar


def test_a_check_in_choosing_another_time_moves_the_follow_up(
    client, manager, report, plan, django_capture_on_commit_callbacks
):
    follow_up = _close_out(client, manager, report, in_days=5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("plans:check_in", args=[report.pk]),
            {
                **_form_data(plan),
                "next_on": (TODAY + dt.timedelta(days=6)).isoformat(),
                "next_at": "09:15",
            },
        )
    assert list(_upcoming(report)) == [follow_up]
    follow_up.refresh_from_db()
    moved = timezone.localtime(follow_up.starts_at)
    assert (moved.date(), moved.time()) == (TODAY + dt.timedelta(days=6), dt.time(9, 15))
    (update,) = mail.outbox  # the same calendar event, moved
    assert "SEQUENCE:1" in update.attachments[0][1]


def test_a_check_in_held_in_the_booked_conversation_closes_it_and_books_one_next(
    client, manager, report, plan, django_capture_on_commit_callbacks
):
    held = conversations.book_check_in(
        actor=manager.user,
        host=manager,
        guest=report,
        starts_at=timezone.now() - dt.timedelta(hours=1),
    )
    client.force_login(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, report, plan)
    held.refresh_from_db()
    assert held.status == "closed" and CheckIn.objects.get().conversation == held
    booked = _upcoming(report).get()
    assert timezone.localtime(booked.starts_at).date() == TODAY + dt.timedelta(weeks=4)
    # Recording again (a second tab, a double click) moves that one; it never adds another.
    plan.refresh_from_db()
    _post(client, report, plan, next_on=(TODAY + dt.timedelta(weeks=5)).isoformat())
    assert list(_upcoming(report)) == [booked]


def test_recording_a_check_in_and_booking_the_next_are_one_action(
    client, manager, report, plan, monkeypatch
):
    """When the next check-in cannot be booked, nothing of the check-in is kept either."""
    held = conversations.book_check_in(
        actor=manager.user,
        host=manager,
        guest=report,
        starts_at=timezone.now() - dt.timedelta(hours=1),
    )
    changes = PlanChange.objects.count()

    def calendar_down(**kwargs):
        raise ConnectionError("calendar unavailable")

    monkeypatch.setattr(conversations, "book_check_in", calendar_down)
    client.force_login(manager.user)
    with pytest.raises(ConnectionError):
        _post(client, report, plan)
    held.refresh_from_db()
    assert not CheckIn.objects.exists() and PlanChange.objects.count() == changes
    assert held.status == "scheduled"


def test_a_skip_level_manager_records_a_check_in_without_closing_their_conversation(
    client, director, manager, report, plan
):
    """The conversation belongs to the report and their manager: a check-in recorded by the
    manager's manager is not written into it."""
    held = conversations.book_check_in(
        actor=manager.user,
        host=manager,
        guest=report,
        starts_at=timezone.now() - dt.timedelta(hours=1),
    )
    client.force_login(director.user)
    page = client.get(reverse("plans:check_in", args=[report.pk])).content.decode()
    assert held.get_absolute_url() not in page
    _post(client, report, plan, next_on="", next_at="")
    held.refresh_from_db()
    assert held.status == "scheduled" and held.summary == ""
    assert CheckIn.objects.get().conversation is None


def test_a_follow_up_booked_by_a_conversation_the_report_hosted_is_not_doubled(
    client, manager, report, plan
):
    talk = conversations.schedule(
        actor=report.user,
        playbook=playbooks.library()["peer-career-mapping"],
        other=manager,
        starts_at=timezone.now(),
        duration_minutes=45,
    )
    client.force_login(report.user)
    client.post(
        reverse("conversations:close", args=[talk.pk]),
        {
            "summary": "Agreed",
            "follow_up_on": (TODAY + dt.timedelta(days=20)).isoformat(),
            "version": talk.version,
        },
    )
    _post(client, report, plan, next_on=(TODAY + dt.timedelta(days=21)).isoformat())
    between = Conversation.objects.filter(
        playbook_key="development-check-in", status="scheduled", starts_at__gt=timezone.now()
    )
    assert between.count() == 1


def test_check_in_page_query_count_does_not_grow_with_the_plan(
    client, manager, report, plan, django_assert_num_queries
):
    objective = plan.objectives.get()
    for i in range(60):
        services.add_step(
            objective, actor=report.user, what=f"Step {i}", due_on=TODAY - dt.timedelta(i % 9)
        )
    client.force_login(manager.user)
    # 1 the user with their person, 2 the person, 3 the plan, 4 the look written to the
    # access log (once an hour), 5 a check-in conversation being held, 6 the one booked next,
    # 7 the objectives (the form), 8 the last check-in, 9 the agenda's steps, 10 unread
    # reminders (the menu)
    with django_assert_num_queries(10):
        page = client.get(reverse("plans:check_in", args=[report.pk])).content.decode()
    assert "and 49 more on" in page  # 61 due or overdue, 12 shown
