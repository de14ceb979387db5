"""E-mail: one message per person, as often as they chose, never the same reminder twice."""

import datetime as dt

import pytest

from careermap.reminders import services
from careermap.reminders.models import Reminder, ReminderSettings

from .backends import RacingBackend
from .conftest import add_step, book_check_in

FAILING = "tests.reminders.backends.FailingBackend"


def _choose(person, frequency):
    services.save_settings(person, email_frequency=frequency)


def test_a_daily_digest_is_one_email_for_several_reminders(
    manager, report, now, today, days, mailoutbox, settings
):
    settings.CAREERMAP_BASE_URL = "https://careers.example.com"
    add_step(report, due_on=today + days(1))
    add_step(report, due_on=today + days(2), what="Present at the guild")
    book_check_in(manager, report, starts_at=now + days(1))
    services.sweep(now)
    assert services.deliver(now) == 2  # the report's digest, and the manager's
    [mail] = [m for m in mailoutbox if m.to == [report.email]]
    assert mail.subject == "3 reminders from Careermap"
    assert "Lead the security project" in mail.body and "Present at the guild" in mail.body
    assert f"https://careers.example.com/people/{report.pk}/plan/" in mail.body
    assert "https://careers.example.com/me/reminders/" in mail.body
    assert set(Reminder.objects.values_list("email_status", flat=True)) == {"sent"}

    # Something new an hour later waits for tomorrow's digest.
    add_step(report, due_on=today + days(3), what="Pair with the SRE team")
    services.sweep(now + dt.timedelta(hours=1))
    assert services.deliver(now + dt.timedelta(hours=1)) == 0
    assert services.deliver(now + days(1)) == 1
    assert mailoutbox[-1].subject.startswith("Reminder: “Pair with the SRE team” is due on ")


def test_as_they_come_sends_each_run_and_weekly_waits_a_week(
    report, peer, now, today, days, mailoutbox
):
    _choose(report, ReminderSettings.AS_THEY_COME)
    _choose(peer, ReminderSettings.WEEKLY)
    for person in (report, peer):
        add_step(person, due_on=today + days(1))
    services.sweep(now)
    services.deliver(now)
    for person in (report, peer):
        add_step(person, due_on=today + days(2), what="Another step")
    later = now + dt.timedelta(hours=2)
    services.sweep(later)
    services.deliver(later)
    assert [m.to for m in mailoutbox] == [[report.email], [peer.email], [report.email]]
    services.deliver(now + days(7))
    assert mailoutbox[-1].to == [peer.email] and "Another step" in mailoutbox[-1].body


def test_never_sends_nothing_but_the_reminder_is_in_the_app(
    client, report, now, today, days, mailoutbox
):
    _choose(report, ReminderSettings.NEVER)
    add_step(report, due_on=today + days(1))
    services.sweep(now)
    services.deliver(now)
    services.deliver(now + days(8))
    assert mailoutbox == []
    assert Reminder.objects.get(person=report).email_status == "off"
    client.force_login(report.user)
    assert "Lead the security project" in client.get("/me/reminders/").content.decode()


def test_delivering_twice_sends_once(report, now, today, days, mailoutbox):
    _choose(report, ReminderSettings.AS_THEY_COME)
    add_step(report, due_on=today + days(1))
    services.sweep(now)
    services.sweep(now)
    services.deliver(now)
    services.deliver(now)
    services.deliver(now + days(2))
    assert len(mailoutbox) == 1


def test_a_second_worker_delivering_at_the_same_moment_sends_nothing_again(
    report, today, days, mailoutbox, settings, monkeypatch
):
    monkeypatch.setattr(RacingBackend, "raced", False)
    settings.EMAIL_BACKEND = "tests.reminders.backends.RacingBackend"
    add_step(report, due_on=today + days(1))
    services.sweep()
    services.deliver()  # the racing worker runs while this one is sending
    assert len(mailoutbox) == 1
    assert Reminder.objects.get().email_status == "sent"


def test_a_failed_email_is_retried_later_and_the_attempts_are_counted(
    report, now, today, days, mailoutbox, settings
):
    add_step(report, due_on=today + days(1))
    services.sweep(now)
    settings.EMAIL_BACKEND = FAILING
    assert services.deliver(now) == 0
    reminder = Reminder.objects.get()
    assert reminder.email_status == "failed" and reminder.attempts == 1
    assert "SMTPServerDisconnected" in reminder.last_error
    assert reminder.next_attempt_at == now + dt.timedelta(minutes=5)
    # Still down: the wait doubles.
    services.deliver(now + dt.timedelta(minutes=5))
    reminder.refresh_from_db()
    assert reminder.attempts == 2
    assert reminder.next_attempt_at == now + dt.timedelta(minutes=5 + 10)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.deliver(now + dt.timedelta(minutes=6)) == 0  # not due again yet
    assert services.deliver(now + dt.timedelta(minutes=15)) == 1
    reminder.refresh_from_db()
    assert reminder.email_status == "sent" and reminder.attempts == 3
    assert len(mailoutbox) == 1


def test_sending_gives_up_after_eight_attempts(report, now, today, days, settings):
    add_step(report, due_on=today + days(1))
    services.sweep(now)
    settings.EMAIL_BACKEND = FAILING
    for hours in range(0, 48, 1):
        services.deliver(now + dt.timedelta(hours=hours))
    reminder = Reminder.objects.get()
    assert reminder.email_status == "failed" and reminder.attempts == 8
    assert reminder.next_attempt_at is None


def test_an_email_interrupted_mid_send_is_not_sent_again(
    report, now, today, days, mailoutbox, settings
):
    add_step(report, due_on=today + days(1))
    services.sweep(now)
    settings.EMAIL_BACKEND = "tests.reminders.backends.StoppedMidSendBackend"
    with pytest.raises(SystemExit):
        services.deliver(now)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.deliver(now + days(2))
    assert mailoutbox == []
    reminder = Reminder.objects.get()
    assert reminder.email_status == "sending"
    assert reminder.is_interrupted(now + dt.timedelta(minutes=20))
