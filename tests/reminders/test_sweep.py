"""What the sweep reminds about, to whom, and that it never reminds twice about the same thing."""

import datetime as dt
import html

from careermap.conversations import services as conversations
from careermap.plans import services as plans
from careermap.plans.models import Plan, Step
from careermap.reminders import services
from careermap.reminders.models import Reminder

from .conftest import add_step, book_check_in


def _texts(person):
    return sorted(Reminder.objects.filter(person=person).values_list("text", flat=True))


def test_a_step_due_soon_reminds_the_person_and_the_step_owner(
    report, manager, peer, now, today, days
):
    step = add_step(report, due_on=today + days(3), owner=manager)
    add_step(report, due_on=today + days(4), what="Too far off to mention")
    services.sweep(now)
    when = f"{step.due_on:%A} {step.due_on.day} {step.due_on:%B}"  # and the year, if not this one
    [mine], [managers] = _texts(report), _texts(manager)
    assert mine.startswith(f"“Lead the security project” is due on {when}")
    assert managers.startswith(
        f"“Lead the security project”, in {report.name}'s plan, is due on {when}"
    )
    assert _texts(peer) == []
    reminder = Reminder.objects.get(person=report)
    assert reminder.kind == "step_due" and reminder.url == f"/people/{report.pk}/plan/"


def test_an_owner_who_may_not_open_the_plan_gets_the_reminder_without_a_link(
    client, report, peer, now, today, days
):
    add_step(report, due_on=today + days(1), owner=peer)  # agreed in a peer conversation
    services.sweep(now)
    reminder = Reminder.objects.get(person=peer)
    assert reminder.url == ""
    client.force_login(peer.user)
    page = html.unescape(client.get("/me/reminders/").content.decode())
    assert "“Lead the security project”, in Rita Report's plan, is due on" in page
    assert f"/people/{report.pk}/plan/" not in page


def test_an_owner_who_may_see_the_person_gets_a_link_that_opens_the_plan(
    client, report, director, hr, now, today, days
):
    """The link follows who may see the person (access.py): a skip-level manager and an HR
    admin open the plan page, so their reminders link to it."""
    add_step(report, due_on=today + days(1), owner=director)
    add_step(report, due_on=today + days(2), owner=hr, what="Book the leadership course")
    services.sweep(now)
    for owner in (director, hr):
        reminder = Reminder.objects.get(person=owner)
        assert reminder.url == f"/people/{report.pk}/plan/"
        client.force_login(owner.user)
        assert client.get(reminder.url).status_code == 200


def test_a_done_step_is_not_reminded(report, now, today, days):
    step = add_step(report, due_on=today + days(1))
    plans.set_step_status(
        step, actor=report.user, version=step.version, status="done", evidence="Shipped"
    )
    services.sweep(now)
    assert _texts(report) == []


def test_an_overdue_step_reminds_the_person_and_their_manager_once(
    report, manager, director, now, today, days
):
    add_step(report, due_on=today - days(1))
    services.sweep(now)
    services.sweep(now + dt.timedelta(hours=6))
    assert len(_texts(report)) == 1 and "was due on" in _texts(report)[0]
    assert len(_texts(manager)) == 1 and report.name in _texts(manager)[0]
    assert _texts(director) == []  # the skip-level manager is not nagged


def test_moving_the_due_date_makes_a_new_reminder(report, now, today, days):
    step = add_step(report, due_on=today + days(2))
    services.sweep(now)
    Step.objects.filter(pk=step.pk).update(due_on=today + days(3))
    services.sweep(now)
    assert len(_texts(report)) == 2


def test_a_check_in_soon_reminds_both_people(manager, report, now, days):
    check_in = book_check_in(manager, report, starts_at=now + days(1))
    book_check_in(manager, report, starts_at=now + days(1), playbook="career-aspirations")
    book_check_in(manager, report, starts_at=now + days(3))  # not yet
    services.sweep(now)
    assert len(_texts(report)) == 1
    assert _texts(report)[0].startswith(f"Development check-in with {manager.name} on ")
    assert _texts(manager)[0].startswith(f"Development check-in with {report.name} on ")
    assert Reminder.objects.get(person=report).url == f"/conversations/{check_in.pk}/"


def test_a_moved_check_in_reminds_again_and_a_cancelled_one_does_not(manager, report, now, days):
    check_in = book_check_in(manager, report, starts_at=now + days(1))
    services.sweep(now)
    conversations.reschedule(
        check_in,
        actor=manager.user,
        version=check_in.version,
        starts_at=now + days(1) + dt.timedelta(hours=2),
        duration_minutes=30,
        place="Room 4",
        video_link="",
    )
    services.sweep(now)
    assert len(_texts(report)) == 2
    check_in.refresh_from_db()
    conversations.cancel(check_in, actor=manager.user)
    services.sweep(now + dt.timedelta(hours=1))
    assert len(_texts(report)) == 2


def test_a_plan_nobody_looked_at_for_two_months_reminds_once_per_quiet_spell(
    report, manager, now, days
):
    plan = plans.start_plan(report, actor=report.user, goal="Lead a platform team")
    Plan.objects.filter(pk=plan.pk).update(updated_at=now - days(61), looked_at=now - days(75))
    services.sweep(now)
    services.sweep(now + days(1))
    assert len(_texts(report)) == 1
    assert _texts(report)[0].startswith("Nobody has opened or changed your development plan")
    assert len(_texts(manager)) == 1
    assert f"{report.name}'s development plan" in _texts(manager)[0]
    # Opened again, then quiet for another two months: a new reminder.
    Plan.objects.filter(pk=plan.pk).update(looked_at=now + days(2))
    services.sweep(now + days(63))
    assert len(_texts(report)) == 2


def test_a_plan_looked_at_recently_is_left_alone(report, now, days):
    plan = plans.start_plan(report, actor=report.user, goal="Lead a platform team")
    Plan.objects.filter(pk=plan.pk).update(updated_at=now - days(90), looked_at=now - days(3))
    services.sweep(now)
    assert _texts(report) == []


def test_sweeping_twice_makes_nothing_twice(manager, report, now, today, days):
    add_step(report, due_on=today + days(1), owner=manager)
    add_step(report, due_on=today - days(2), what="Write the design doc")
    book_check_in(manager, report, starts_at=now + days(1))
    services.sweep(now)
    first = Reminder.objects.count()
    services.sweep(now + dt.timedelta(minutes=15))
    assert first == 6 and Reminder.objects.count() == first
