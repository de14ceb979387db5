"""The Reminders page: mine only, unread first, marked read, and how often they are e-mailed."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careermap.reminders import services
from careermap.reminders.models import Reminder, ReminderSettings

from .conftest import add_step

PAGE = "/me/reminders/"


def _chosen(response) -> list[str]:
    return re.findall(r'value="(\w+)"[^>]*checked', response.content.decode())


@pytest.fixture
def reminded(report, manager, today, days, now):
    """A step due soon owned by the manager: each of them gets a reminder."""
    add_step(report, due_on=today + days(1), owner=manager)
    add_step(report, due_on=today - days(1), what="Write the design doc")
    services.sweep(now)


def test_the_page_shows_my_reminders_and_nobody_elses(client, reminded, report, manager, hr):
    client.force_login(report.user)
    page = html.unescape(client.get(PAGE).content.decode())
    assert "“Lead the security project” is due on" in page
    assert "in Rita Report's plan" not in page  # the manager's reminder about the same step
    assert "2 unread" in page
    client.force_login(hr.user)
    page = client.get(PAGE).content.decode()
    assert "Lead the security project" not in page and "No reminders yet" in page


def test_the_empty_page_says_what_will_appear_here(client, stranger):
    client.force_login(stranger.user)
    page = client.get(PAGE).content.decode()
    assert "No reminders yet" in page and "check-in" in page and "overdue" in page


def test_marking_one_then_all_as_read(client, reminded, report, manager):
    client.force_login(report.user)
    first, second = Reminder.objects.filter(person=report).order_by("pk")
    client.post(reverse("reminders:read", args=[first.pk]))
    page = client.get(PAGE).content.decode()
    assert "1 unread" in page and page.index(second.text) < page.index(first.text)
    client.post(reverse("reminders:read_all"))
    assert "Nothing unread" in client.get(PAGE).content.decode()
    assert Reminder.objects.filter(person=manager, read_at__isnull=True).count() == 2


def test_nobody_marks_someone_elses_reminder(client, reminded, report, manager):
    theirs = Reminder.objects.filter(person=manager).first()
    client.force_login(report.user)
    assert client.post(reverse("reminders:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_navigation_shows_the_unread_count_for_one_query(client, reminded, report):
    client.force_login(report.user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("people:me")).content.decode()
    assert 'class="nav-count">2<' in page
    assert sum("reminders_reminder" in q["sql"] for q in queries.captured_queries) == 1


def test_choosing_how_often_to_be_emailed(client, report):
    client.force_login(report.user)
    assert _chosen(client.get(PAGE)) == ["daily"]  # the default
    response = client.post(reverse("reminders:settings"), {"email_frequency": "weekly"})
    assert response.status_code == 302
    assert ReminderSettings.objects.get(person=report).email_frequency == "weekly"
    page = client.get(PAGE)
    assert "Saved. E-mail: one e-mail a week." in page.content.decode()
    assert _chosen(page) == ["weekly"]


def test_a_bad_choice_is_refused_next_to_the_field(client, report):
    client.force_login(report.user)
    response = client.post(reverse("reminders:settings"), {"email_frequency": "hourly"})
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'class="field-error" id="email_frequency_error"[^>]*>([^<]*)<', page)
    assert error and "Select a valid choice" in error.group(1)
    assert page.index("</legend>") < error.start() < page.index("</fieldset>")
    assert not ReminderSettings.objects.filter(person=report).exists()


def test_the_page_query_count_does_not_grow_with_reminders(
    client, report, today, days, now, django_assert_num_queries
):
    for n in range(30):
        add_step(report, due_on=today + days(n % 3), what=f"Step {n}")
    services.sweep(now)
    client.force_login(report.user)
    # 1 the signed-in user with their person, 2 their e-mail settings, 3 their reminders,
    # 4 the unread count in the navigation; not one per reminder
    with django_assert_num_queries(4):
        page = client.get(PAGE).content.decode()
    assert "Step 29" in page
