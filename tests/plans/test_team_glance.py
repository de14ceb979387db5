"""Team at a glance: for each direct report, what happened between them and this manager (last
conversation, last and next check-in) and their plan's progress, sortable, in a fixed number of
queries."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from careermap.audit.models import AccessEvent
from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.plans import services
from careermap.plans.models import Step
from tests.factories import PersonFactory
from tests.plans.test_plan import _closed_conversation

TODAY = dt.date.today()


def _day(days: int) -> str:
    """How the table writes the date `days` from today: "3 Mar 2026"."""
    return f"{TODAY + dt.timedelta(days=days):%-d %b %Y}"


def _row(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : page.index("</tr>", start)]


def _talk(host, guest, *, days: int, close: bool, playbook="career-aspirations"):
    """A conversation `days` from now between `host` (who schedules it) and `guest`."""
    starts_at = timezone.now().replace(hour=10, minute=0) + dt.timedelta(days=days)
    conversation = conversations.schedule(
        actor=host.user,
        playbook=playbooks.library()[playbook],
        other=guest,
        starts_at=starts_at,
        duration_minutes=45,
    )
    if close:
        conversations.close(
            conversation,
            actor=host.user,
            version=conversation.version,
            summary="Talked",
            follow_up_on=None,
            write_up_wanted=False,
        )
    return conversation


def test_a_directors_row_for_a_manager_shows_what_happened_between_the_two_of_them(
    client, director, manager, report
):
    """Marcus (director) sees on Daniel's (manager's) row his own conversations with Daniel,
    never Daniel's with Daniel's own report."""
    _talk(director, manager, days=-20, close=True)
    conversations.book_check_in(
        actor=director.user,
        host=director,
        guest=manager,
        starts_at=timezone.now() + dt.timedelta(days=30),
    )
    # Daniel and his report: a conversation closed ahead of its date, and their next check-in.
    _talk(manager, report, days=3, close=True)
    conversations.book_check_in(
        actor=manager.user,
        host=manager,
        guest=report,
        starts_at=timezone.now() + dt.timedelta(days=10),
    )
    client.force_login(director.user)
    row = _row(client.get(reverse("plans:team")).content.decode(), manager.name)
    assert _day(-20) in row and _day(30) in row
    assert _day(3) not in row and _day(10) not in row


def test_the_last_conversation_is_never_in_the_future(client, manager, report):
    _talk(manager, report, days=-5, close=True)
    _talk(manager, report, days=4, close=True)  # closed ahead of its date
    _talk(manager, report, days=-1, close=False)  # never closed: not known to have been held
    client.force_login(manager.user)
    row = _row(client.get(reverse("plans:team")).content.decode(), report.name)
    assert _day(-5) in row
    assert _day(4) not in row and _day(-1) not in row


def test_the_last_check_in_is_never_in_the_future(client, manager, report):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    for days in (-12, 6):
        plan.refresh_from_db()
        services.record_check_in(
            plan,
            actor=manager.user,
            version=plan.version,
            held_on=TODAY + dt.timedelta(days=days),
            roadblocks=f"Roadblock noted {days}",
        )
    client.force_login(manager.user)
    row = _row(client.get(reverse("plans:team")).content.decode(), report.name)
    assert f"last {_day(-12)}" in row and "Roadblock noted -12" in row
    assert _day(6) not in row and "Roadblock noted 6" not in row


def test_team_page_shows_last_and_next_check_in(client, manager, report, peer):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    held = TODAY - dt.timedelta(days=10)
    services.record_check_in(plan, actor=manager.user, version=plan.version, held_on=held)
    services.book_next_check_in(
        plan, actor=manager.user, starts_at=timezone.now() + dt.timedelta(days=20)
    )
    client.force_login(manager.user)
    page = client.get(reverse("plans:team")).content.decode()
    row = _row(page, "Rita Report")
    assert f"last {_day(-10)}" in row and _day(20) in row
    assert "book one" in _row(page, "Pete Peer")


def test_team_at_a_glance_shows_each_report_and_sorts(client, manager, report, peer):
    _closed_conversation(manager, report)
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    services.bring_in_next_steps(plan, actor=report.user)
    step = Step.objects.get(objective__plan=plan)
    services.set_step_status(
        step, actor=report.user, version=step.version, status="blocked", roadblock="No budget"
    )
    client.force_login(manager.user)
    page = client.get(reverse("plans:team")).content.decode()
    assert "Rita Report" in page and "Pete Peer" in page
    assert "0 of 1 steps done" in page and "no plan steps" in page
    by_blocked = client.get(reverse("plans:team"), {"sort": "blocked"}).content.decode()
    assert by_blocked.index("Rita Report") < by_blocked.index("Pete Peer")
    by_last = client.get(reverse("plans:team"), {"sort": "last"}).content.decode()
    assert by_last.index("Pete Peer") < by_last.index("Rita Report")  # never talked to: first


def test_team_page_compiled_once_still_answers_each_manager_with_their_own_team(
    client, manager, report, peer, director
):
    """The team query is compiled once per process; each manager's values go into it."""
    services.start_plan(report, actor=report.user, goal="Lead")
    client.force_login(manager.user)
    for sort in ("name", "overdue"):
        page = client.get(reverse("plans:team"), {"sort": sort}).content.decode()
        mine = page.split("<tbody>")[1]
        assert "Rita Report" in mine and "Pete Peer" in mine and "Manny Manager" not in mine
    client.force_login(director.user)
    theirs = client.get(reverse("plans:team")).content.decode().split("<tbody>")[1]
    assert "Manny Manager" in theirs and "Rita Report" not in theirs


def test_each_report_sees_that_the_manager_looked_at_their_plan(client, manager, report, peer):
    """The table shows each report's plan progress and last roadblocks: a look at their plan,
    in each one's access log (once an hour)."""
    client.force_login(manager.user)
    client.get(reverse("plans:team"))
    client.get(reverse("plans:team"))
    for person in (report, peer):
        seen = AccessEvent.objects.get(subject=person)
        assert (seen.actor, seen.action, seen.what) == (manager, "viewed", "plan")
        assert seen.detail == "Team at a glance"


def test_team_at_a_glance_runs_one_query_for_the_whole_team(
    client, manager, django_assert_num_queries
):
    for person in PersonFactory.create_batch(50, manager=manager):
        plan = services.start_plan(person, actor=None, goal="Grow")
        services.add_step(services.add_objective(plan, actor=None, title="O"), actor=None, what="S")
    client.force_login(manager.user)
    # 1 the user with their person, 2 the team: every report with their conversations,
    # check-ins and steps, 3 the fifty looks written to the access log (once an hour),
    # 4 unread reminders (the menu)
    with django_assert_num_queries(4):
        page = client.get(reverse("plans:team")).content.decode()
    assert page.count("0 of 1 steps done") == 50
    # 1 the user with their person, 2 the team, 3 unread reminders
    with django_assert_num_queries(3):
        client.get(reverse("plans:team"), {"sort": "progress"})
