"""A closed conversation stays closed: nothing reaches it from a tab left open, whatever the
page or action. Each refused change says why and writes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from careermap.conversations.models import AgendaItem, Conversation, NextStep, Note, Reflection

from .copies import PageCopy


@pytest.fixture
def closed(client, conversation, manager, report):
    """The report added a next step and wrote notes; then the manager closed the conversation
    while the report's tab stayed open."""
    client.force_login(report.user)
    client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {"what": "Shadow the team lead", "owner": report.pk},
    )
    stale_tab = PageCopy(client, conversation)
    stale_tab.replace("Agreed: shadow the team lead")
    stale_tab.sync()
    client.force_login(manager.user)
    client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {
            "summary": "Agreed the next step.",
            "follow_up_on": "2027-02-01",
            "version": conversation.version,
        },
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.CLOSED
    client.force_login(report.user)
    return stale_tab


def _content(conversation):
    """Everything the write-up is made of, as stored."""
    return (
        list(AgendaItem.objects.filter(conversation=conversation).values_list("text", flat=True)),
        list(NextStep.objects.filter(conversation=conversation).values_list("what", flat=True)),
        list(Note.objects.filter(conversation=conversation).values_list("text", "state")),
        list(
            Reflection.objects.filter(conversation=conversation).values_list("answers", "shared_at")
        ),
        Conversation.objects.filter(pk=conversation.pk).values_list("summary", "status").get(),
    )


def test_a_stale_tab_adds_no_next_step(client, conversation, report, closed):
    before = _content(conversation)
    response = client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {"what": "Added after closing", "owner": report.pk},
        follow=True,
    )
    assert "was closed: nothing more can be changed" in response.content.decode()
    assert _content(conversation) == before


def test_a_stale_tab_removes_no_next_step(client, conversation, closed):
    before = _content(conversation)
    step = NextStep.objects.get(conversation=conversation)
    response = client.post(
        reverse("conversations:remove_step", args=[conversation.pk, step.pk]), follow=True
    )
    assert "The next step was not removed" in response.content.decode()
    assert _content(conversation) == before


def test_a_stale_tab_adds_nothing_to_the_agenda(client, conversation, closed):
    before = _content(conversation)
    response = client.post(
        reverse("conversations:agenda", args=[conversation.pk]), {"text": "Late topic"}, follow=True
    )
    assert "Not added to the agenda" in response.content.decode()
    assert _content(conversation) == before


@pytest.mark.parametrize("share", ["", "1"])
def test_a_reflection_is_not_saved_or_shared_after_closing(client, conversation, closed, share):
    before = _content(conversation)
    response = client.post(
        reverse("conversations:reflection", args=[conversation.pk]),
        {"version": 0, "answer-strengths": "Late thoughts", "share": share},
    )
    assert response.status_code == 409 and response.json()["error"] == "closed"
    assert "nothing more can be changed" in response.json()["message"]
    assert _content(conversation) == before


@pytest.mark.parametrize("document", ["notes", "private"])
def test_notes_typed_in_a_stale_tab_are_refused_and_the_tab_is_told(
    client, conversation, closed, document
):
    before = _content(conversation)
    if document == "notes":
        tab = closed
    else:
        tab = PageCopy(client, conversation, document)
        tab.sync()
    tab.insert(0, "Typed after closing. ")
    answer = tab.sync()
    assert answer["error"] == "closed" and "were not saved" in answer["message"]
    assert _content(conversation) == before


def test_a_stale_tab_can_still_catch_up_with_what_was_saved(client, conversation, manager):
    client.force_login(manager.user)
    writer = PageCopy(client, conversation)
    writer.replace("Final words")
    writer.sync()
    client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {"summary": "Done.", "follow_up_on": "2027-02-01", "version": conversation.version},
    )
    reader = PageCopy(client, conversation)
    assert "error" not in reader.sync()  # reading is not changing
    assert reader.text == "Final words"


def test_the_write_up_does_not_change_after_the_fact(client, conversation, report, closed):
    url = reverse("conversations:write_up", args=[conversation.pk])
    before = client.get(url, {"format": "md"}).content
    client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {"what": "Added after closing", "owner": report.pk},
    )
    client.post(
        reverse("conversations:remove_step", args=[conversation.pk, NextStep.objects.get().pk])
    )
    closed.insert(0, "Later. ")
    closed.sync()
    assert client.get(url, {"format": "md"}).content == before


def test_moving_or_cancelling_a_closed_conversation_is_refused(client, conversation, closed):
    before = _content(conversation)
    when = dt.date.today() + dt.timedelta(days=3)
    moved = client.post(
        reverse("conversations:reschedule", args=[conversation.pk]),
        {
            "date": when.isoformat(),
            "time": "10:00",
            "duration_minutes": 30,
            "place": "Room 2",
            "video_link": "",
            "version": Conversation.objects.get(pk=conversation.pk).version,
        },
        follow=True,
    )
    assert "was closed: nothing more can be changed" in moved.content.decode()
    cancelled = client.post(reverse("conversations:cancel", args=[conversation.pk]), follow=True)
    assert "was closed: nothing more can be changed" in cancelled.content.decode()
    assert _content(conversation) == before
