"""Scheduling, moving and cancelling conversations, with calendar invites."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from careermap.conversations import playbooks, services
from careermap.conversations.models import Conversation


def _form(person, **changes):
    when = timezone.localtime() + dt.timedelta(days=3)
    data = {
        "playbook": "career-aspirations",
        "other": person.email,
        "date": when.date().isoformat(),
        "time": "10:30",
        "duration_minutes": 45,
        "place": "Room 2",
        "video_link": "",
    }
    data.update(changes)
    return data


def test_manager_schedules_with_a_report_and_both_get_the_invite(
    client, manager, report, django_capture_on_commit_callbacks
):
    client.force_login(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("conversations:schedule"), _form(report))
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == conversation.get_absolute_url()
    assert (conversation.host, conversation.guest) == (manager, report)
    assert conversation.playbook_data["id"] == "career-aspirations"
    [message] = mail.outbox
    assert set(message.to) == {manager.email, report.email}
    ics = Calendar.from_ical(message.attachments[0][1])
    [event] = ics.walk("VEVENT")
    assert str(event["location"]) == "Room 2" and int(event["sequence"]) == 0


def test_team_member_schedules_an_employee_led_discussion_with_their_manager(
    client, manager, report
):
    client.force_login(report.user)
    client.post(
        reverse("conversations:schedule"), _form(manager, playbook="employee-led-discussion")
    )
    conversation = Conversation.objects.get()
    assert (conversation.host, conversation.guest) == (manager, report)


def test_a_stranger_cannot_be_booked_except_for_a_peer_conversation(client, report, stranger):
    client.force_login(report.user)
    page = client.post(reverse("conversations:schedule"), _form(stranger)).content.decode()
    assert "choose the peer playbook" in page and not Conversation.objects.exists()
    client.post(reverse("conversations:schedule"), _form(stranger, playbook="peer-career-mapping"))
    assert Conversation.objects.get().guest == stranger


def test_bad_input_is_shown_next_to_the_fields(client, manager, report):
    client.force_login(manager.user)
    response = client.post(
        reverse("conversations:schedule"),
        _form(
            report, other="ghost@example.org", date="2001-01-01", place="", video_link="not a link"
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nobody in Careermap has this e-mail address." in page
    assert "Enter a valid URL." in page
    assert 'value="ghost@example.org"' in page  # what was typed is kept


def test_rescheduling_updates_the_same_invite(
    client, conversation, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager.user)
    when = timezone.localtime(conversation.starts_at) + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("conversations:reschedule", args=[conversation.pk]),
            {
                "date": when.date().isoformat(),
                "time": "15:00",
                "duration_minutes": 60,
                "place": "Garden room",
                "video_link": "",
                "version": conversation.version,
            },
        )
    conversation.refresh_from_db()
    assert conversation.ics_sequence == 1 and conversation.place == "Garden room"
    ics = Calendar.from_ical(
        client.get(reverse("conversations:invite", args=[conversation.pk])).content
    )
    [event] = ics.walk("VEVENT")
    assert str(event["uid"]).startswith(str(conversation.ics_uid))
    assert int(event["sequence"]) == 1
    assert mail.outbox[-1].subject.startswith("Invitation")


def test_cancelling_tells_both_calendars(
    client, conversation, report, django_capture_on_commit_callbacks
):
    client.force_login(report.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("conversations:cancel", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.status == "cancelled" and conversation.ics_sequence == 1
    ics = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert str(ics["method"]) == "CANCEL"
    assert str(ics.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_upcoming_and_overdue_on_my_page(client, conversation, manager, report):
    Conversation.objects.filter(pk=conversation.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2)
    )
    client.force_login(report.user)
    page = client.get(reverse("people:me")).content.decode()
    assert "Needs closing" in page and "Career aspirations" in page


def test_history_filters_by_playbook(client, conversation, manager):
    Conversation.objects.filter(pk=conversation.pk).update(status="closed")
    client.force_login(manager.user)
    url = reverse("conversations:list")
    assert (
        "Career aspirations" in client.get(url, {"playbook": "career-aspirations"}).content.decode()
    )
    page = client.get(url, {"playbook": "career-vision-grow"}).content.decode()
    assert "match these filters" in page


def test_invites_go_out_from_the_service_for_every_caller(
    manager, report, django_capture_on_commit_callbacks
):
    """A command, a task or an API calling the service sends the same invite as the page."""
    with django_capture_on_commit_callbacks(execute=True):
        conversation = services.schedule(
            actor=manager.user,
            playbook=playbooks.library()["career-aspirations"],
            other=report,
            starts_at=timezone.now() + dt.timedelta(days=2),
            duration_minutes=45,
        )
    [message] = mail.outbox
    assert set(message.to) == {manager.email, report.email}
    assert f"http://127.0.0.1:8000/conversations/{conversation.pk}/" in message.body


def test_no_invite_for_a_change_that_rolled_back(
    manager, report, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.schedule(
            actor=manager.user,
            playbook=playbooks.library()["career-aspirations"],
            other=report,
            starts_at=timezone.now() + dt.timedelta(days=2),
            duration_minutes=45,
        )
        raise RuntimeError("something later in the same action failed")
    assert mail.outbox == [] and not Conversation.objects.exists()
