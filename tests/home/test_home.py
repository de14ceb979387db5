"""The home page for each role: a team member's week, a manager's, HR's, and first runs."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from careermap.conversations import services as conversation_services
from careermap.plans import services as plan_services
from tests.factories import PersonFactory


def _home(client, person) -> str:
    client.force_login(person.user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_team_member_sees_their_week(client, report, rita_busy, talk):
    page = _home(client, report)
    assert "Career aspirations with Manny Manager" in page
    assert f'href="{talk.get_absolute_url()}#prepare">Reread your shared reflection' in page
    assert f'href="{talk.get_absolute_url()}#agenda">Add a topic to the agenda' in page
    assert "1 on it so far" in page
    # Steps: blocked, overdue and due this week; not the one due in two months.
    for step in ("Shadow the release lead", "Write the rollout plan", "Present the plan"):
        assert f"Update step: {step}" in page
    assert "Far away step" not in page
    assert "Next check-in:" in page and "(not booked yet)" in page
    assert "Open: Run the spring release" in page and "which your plan works on" in page
    assert "Write the rollout plan is overdue" in page
    # A team member has no team section and no organisation figures.
    assert "Your team this week" not in page and "at a glance" not in page


def test_team_member_with_nothing_yet_is_told_where_to_start(client, report, framework):
    page = _home(client, report)
    assert "Nothing booked." in page
    expected = reverse("conversations:schedule") + f"?with={report.manager_id}"
    assert f'href="{expected}">Book a career conversation with your manager' in page
    assert "Start your development plan" in page
    assert "Nothing unread." in page


def test_manager_sees_what_to_prepare_with_the_shared_reflection_and_agenda(
    client, manager, report, peer, rita_busy, talk
):
    page = _home(client, manager)
    assert f'href="{talk.get_absolute_url()}">Prepare: Career aspirations with Rita Report' in page
    assert "Rita Report shared a reflection" in page
    assert "Agenda: Leading a team next year" in page
    # The shared reflection's words stay on the conversation page (where reading is logged).
    assert "Integrating systems" not in page
    # Pete has had no career conversation and none is booked; Rita's is booked.
    assert "Book a career conversation with Pete Peer" in page
    assert "Book a career conversation with Rita Report" not in page
    assert "Update step: Shadow the release lead" in page and "Blocked" in page
    assert "Update step: Write the rollout plan" in page
    # Due this week, not overdue: Rita's own business, not her manager's.
    assert "Update step: Present the plan" not in page
    assert "Book a check-in with Rita Report" in page
    # The manager's own development comes after the team's.
    assert page.index("Your team this week") < page.index("Your own development")


def test_an_unshared_reflection_never_shows_on_the_managers_home(client, manager, report, talk):
    client.force_login(report.user)
    conversation_services.save_reflection(
        talk, actor=report.user, answers={"strengths": "A private worry"}, version=0
    )
    page = _home(client, manager)
    assert "Prepare: Career aspirations with Rita Report" in page
    assert "shared a reflection" not in page and "A private worry" not in page


def test_a_reflection_in_a_conversation_the_viewer_is_not_in_never_shows(
    client, director, manager, report, rita_busy
):
    """The director manages Manny, not Rita: Rita's conversation with Manny is theirs alone."""
    page = _home(client, director)
    assert "Rita Report" not in page
    assert "Book a career conversation with Manny Manager" in page


def test_manager_with_a_conversation_past_its_time_is_asked_to_close_it(
    client, manager, report, peer, framework
):
    from careermap.conversations import playbooks

    past = conversation_services.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=peer,
        starts_at=timezone.now() - dt.timedelta(days=2),
        duration_minutes=45,
    )
    page = _home(client, manager)
    assert (
        f'href="{past.get_absolute_url()}#close">Close: Career aspirations with Pete Peer' in page
    )


def test_new_manager_sees_first_steps(client, manager, report, peer, framework):
    page = _home(client, manager)
    assert "Start with your team" in page
    assert "You have 2 direct reports" in page
    first = min([report, peer], key=lambda p: p.name)
    assert f"Book a career conversation with {first.name}" in page
    assert "Conversations to prepare" not in page


def test_hr_admin_sees_the_organisation_at_a_glance(
    client, hr, report, peer, manager, director, stranger, rita_busy
):
    page = _home(client, hr)
    assert "The organisation at a glance" in page
    assert "<dt>People</dt><dd>6</dd>" in page
    assert "<dt>Active development plans</dt><dd>1</dd>" in page
    assert "<dt>Plan steps overdue</dt><dd>1</dd>" in page
    assert "<dt>Career conversations held, last 90 days</dt><dd>0</dd>" in page
    # Counts only: nobody's conversation, step or reflection.
    assert "Rita Report" not in page and "Write the rollout plan" not in page


def test_no_figures_for_an_organisation_under_five_people(client, hr, report):
    page = _home(client, hr)
    assert "<dt>People</dt><dd>4</dd>" in page  # hr, director, manager, report
    assert "Active development plans" not in page and "Plan steps overdue" not in page
    assert "Other figures appear once the organisation has five people" in page


def test_empty_organisation_shows_the_first_steps(client, hr, framework):
    page = _home(client, hr)
    assert "Getting Careermap ready" in page
    steps = [
        ("people:import", "Import your people from a spreadsheet"),
        ("frameworks:overview", "Check the career framework"),
        ("conversations:playbooks", "Look through the conversation playbooks"),
        ("conversations:schedule", "Book a first career conversation"),
    ]
    positions = [page.index(f'href="{reverse(name)}">{text}') for name, text in steps]
    assert positions == sorted(positions)
    assert "Your own development" not in page and "at a glance" not in page


def test_a_manager_who_is_also_hr_sees_both_manager_first(client, hr, report, framework):
    PersonFactory.create_batch(5, manager=hr)
    page = _home(client, hr)
    assert page.index("Your team this week") < page.index("The organisation at a glance")
    assert page.index("The organisation at a glance") < page.index("Your own development")


def test_sign_in_with_no_person_is_told_so(client, sysadmin):
    client.force_login(sysadmin)
    page = client.get(reverse("home")).content.decode()
    assert "not linked to anyone in the organisation" in page


def test_signing_in_lands_on_home(client, report):
    response = client.post(
        reverse("login"), {"username": report.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")


def _busy_reports(manager, count):
    """`count` more direct reports, each with a plan with an overdue step, a check-in due and
    a career conversation booked with their manager this week."""
    from careermap.conversations import playbooks

    today = timezone.localdate()
    for person in PersonFactory.create_batch(count, manager=manager):
        plan = plan_services.start_plan(person, actor=None, goal="Grow")
        objective = plan_services.add_objective(plan, actor=None, title="Learn")
        plan_services.add_step(
            objective, actor=None, what="Late", due_on=today - dt.timedelta(days=1)
        )
        conversation = conversation_services.schedule(
            actor=manager.user,
            playbook=playbooks.library()["career-aspirations"],
            other=person,
            starts_at=timezone.now() + dt.timedelta(days=2),
            duration_minutes=45,
        )
        conversation_services.add_agenda_item(conversation, actor=person.user, text="Topic")


def test_team_member_home_query_count_is_flat(client, report, rita_busy, django_assert_num_queries):
    for i in range(20):
        plan_services.add_step(
            rita_busy.objectives.first(), actor=None, what=f"More {i}", due_on=timezone.localdate()
        )
    client.force_login(report.user)
    # 1 the user with their person and team, 2 my scheduled conversations with my reflection,
    # the other's shared one and the agenda's length, 3 my direct reports (none), 4 my active
    # plan with its last check-in, 5 its steps due, overdue or blocked, 6 the check-in booked
    # with my manager, 7 the skills my plan works on, 8 my gaps for the roles I aim for, 9 the
    # best-matching opportunities, 10 their skills, 11 my unread reminders, 12 the unread
    # count (navigation); not one per step, conversation or opportunity
    with django_assert_num_queries(12):
        page = client.get(reverse("home")).content.decode()
    assert page.count("Update step:") == 8  # the first few; the rest are on the plan
    assert "See the rest on your plan" in page


def test_manager_home_query_count_is_flat(
    client, manager, report, peer, rita_busy, django_assert_num_queries
):
    _busy_reports(manager, 12)
    client.force_login(manager.user)
    # 1 the user with their person and team, 2 my scheduled conversations with the report's
    # shared reflection and the agenda's length, 3 my direct reports with their last and next
    # career conversation with me, 4 the agenda topics of the conversations to prepare,
    # 5 my reports' active plans with their last check-in and the one booked, 6 blocked and
    # overdue steps on those plans, 7 my own active plan (none), 8 the skills my plan works
    # on, 9 my gaps (none: nothing to rank), 10 my unread reminders, 11 the unread count
    # (navigation); not one per report, conversation or step
    with django_assert_num_queries(11):
        page = client.get(reverse("home")).content.decode()
    assert page.count("Prepare: Career aspirations with") == 8
    assert "See every report&#x27;s plan at a glance" in page
    assert "Book a career conversation with Pete Peer" in page


def test_hr_home_query_count_is_flat(
    client, hr, report, peer, stranger, rita_busy, django_assert_num_queries
):
    PersonFactory.create_batch(20)
    client.force_login(hr.user)
    # 1 the user with their person and team, 2 my scheduled conversations, 3 my direct
    # reports (none), 4 people, 5 career conversations held in 90 days, 6 active plans,
    # 7 overdue steps (4-7 counts, never rows), 8 my active plan (none), 9 the skills my plan
    # works on, 10 my gaps, 11 my unread reminders, 12 the unread count (navigation)
    with django_assert_num_queries(12):
        page = client.get(reverse("home")).content.decode()
    assert "<dt>People</dt><dd>26</dd>" in page
