"""Delivery in the admin site: status, attempts and errors for system administrators, never
what a reminder says; failed and interrupted e-mails sent again on request."""

import datetime as dt

import pytest
from django.urls import reverse

from careermap.reminders import services
from careermap.reminders.models import Reminder

from .conftest import add_step

CHANGELIST = reverse("admin:reminders_reminder_changelist")


@pytest.fixture
def an_hour_ago(now):
    return now - dt.timedelta(hours=1)


def test_admins_see_a_failed_email_and_its_error_but_not_the_reminder(
    client, sysadmin, report, an_hour_ago, today, days, settings
):
    add_step(report, due_on=today + days(1))
    services.sweep(an_hour_ago)
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    services.deliver(an_hour_ago)
    client.force_login(sysadmin)
    page = client.get(CHANGELIST).content.decode()
    assert report.name in page and "Failed" in page and "SMTPServerDisconnected" in page
    assert "Lead the security project" not in page and "/plan/" not in page
    reminder = Reminder.objects.get()
    detail = client.get(reverse("admin:reminders_reminder_change", args=[reminder.pk]))
    assert "SMTPServerDisconnected" in detail.content.decode()
    assert "Lead the security project" not in detail.content.decode()


def test_retry_sends_an_interrupted_email_again_when_an_admin_asks(
    client, sysadmin, report, an_hour_ago, today, days, settings, mailoutbox
):
    add_step(report, due_on=today + days(1))
    services.sweep(an_hour_ago)
    settings.EMAIL_BACKEND = "tests.reminders.backends.StoppedMidSendBackend"
    with pytest.raises(SystemExit):
        services.deliver(an_hour_ago)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.deliver()
    assert mailoutbox == []  # it may have arrived: never sent twice by itself

    client.force_login(sysadmin)
    page = client.get(CHANGELIST, {"email": "interrupted"}).content.decode()
    assert "Interrupted: may not have arrived" in page
    reminder = Reminder.objects.get()
    response = client.post(
        CHANGELIST, {"action": "retry_sending", "_selected_action": [reminder.pk]}, follow=True
    )
    assert "1 reminder will be sent again" in response.content.decode()
    services.deliver()
    assert [m.to for m in mailoutbox] == [[report.email]]


def test_retry_leaves_sent_emails_alone(client, sysadmin, report, today, days, mailoutbox):
    add_step(report, due_on=today + days(1))
    services.sweep()
    services.deliver()
    client.force_login(sysadmin)
    reminder = Reminder.objects.get()
    client.post(CHANGELIST, {"action": "retry_sending", "_selected_action": [reminder.pk]})
    services.deliver()
    assert len(mailoutbox) == 1
