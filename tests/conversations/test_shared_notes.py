"""Shared notes and answers as collaborative documents: what two people type is all kept."""

import base64
import json

import pytest
from django.urls import reverse

from careermap.conversations import documents, services
from careermap.conversations.models import Note
from careermap.live.models import Event

from .copies import PageCopy


def _shared_text(conversation, question=""):
    return Note.objects.get(
        conversation=conversation, private_to__isnull=True, question_key=question
    ).text


def test_two_people_typing_in_the_same_line_at_once_both_keep_every_word(
    client, conversation, manager, report
):
    client.force_login(manager.user)
    daniel = PageCopy(client, conversation)
    daniel.replace("Goal: team lead")
    daniel.sync()
    client.force_login(report.user)
    maya = PageCopy(client, conversation)
    maya.sync()
    # Both change the same words before either hears of the other's change.
    maya.replace("Goal: team lead, in a year")
    client.force_login(manager.user)
    daniel.replace("Goal: engineering team lead")
    daniel.sync()
    client.force_login(report.user)
    maya.sync()
    client.force_login(manager.user)
    daniel.sync()
    for text in (daniel.text, maya.text, _shared_text(conversation)):
        assert "engineering" in text and "in a year" in text
    assert daniel.text == maya.text == _shared_text(conversation)


def test_then_one_adds_a_line_and_the_other_resolves_nothing_and_loses_nothing(
    client, conversation, manager, report
):
    """The situation where the old conflict box lost both of Daniel's edits."""
    client.force_login(manager.user)
    daniel = PageCopy(client, conversation)
    daniel.replace("Next: the security project")
    daniel.sync()
    client.force_login(report.user)
    maya = PageCopy(client, conversation)
    maya.sync()
    maya.replace("Next: the security project, from March")
    client.force_login(manager.user)
    daniel.replace("Next: lead the security project")
    daniel.sync()
    daniel.replace(daniel.text + "\nAlso: a mentor from another team")
    daniel.sync()
    client.force_login(report.user)
    maya.sync()
    client.force_login(manager.user)
    daniel.sync()
    # Maya's words and Daniel's two edits are all there, the same for both of them; where two
    # insertions meet at one place, the document orders them the same way everywhere.
    for text in (maya.text, daniel.text):
        assert text.startswith("Next: lead the security project")
        assert ", from March" in text and "\nAlso: a mentor from another team" in text
    assert maya.text == daniel.text == _shared_text(conversation)


def test_inserting_at_the_top_while_the_other_appends_strands_nothing(
    client, conversation, manager, report
):
    client.force_login(manager.user)
    daniel = PageCopy(client, conversation)
    daniel.replace("one\ntwo\n")
    daniel.sync()
    client.force_login(report.user)
    maya = PageCopy(client, conversation)
    maya.sync()
    maya.replace("zero\none\ntwo\n")
    client.force_login(manager.user)
    daniel.replace("one\ntwo\nthree\n")
    daniel.sync()
    client.force_login(report.user)
    maya.sync()
    assert maya.text == _shared_text(conversation) == "zero\none\ntwo\nthree\n"


def test_an_update_sent_twice_or_late_changes_nothing_more(client, conversation, manager):
    client.force_login(manager.user)
    copy = PageCopy(client, conversation)
    copy.replace("first")
    first = copy.outgoing()
    copy.sync()
    copy.replace("first second")
    second = copy.outgoing()
    copy.sync()
    # The network repeats the first request, then delivers a copy of the second late.
    for body in (first, second, first):
        assert copy.post(body).status_code == 200
    assert _shared_text(conversation) == "first second"


def test_a_copy_offline_for_a_while_merges_when_it_comes_back(
    client, conversation, manager, report
):
    client.force_login(manager.user)
    online = PageCopy(client, conversation)
    online.sync()
    client.force_login(report.user)
    offline = PageCopy(client, conversation)
    offline.sync()
    for word in ["alpha", "beta", "gamma"]:  # typed while offline: nothing is sent
        offline.insert(len(offline.text), word + " ")
    client.force_login(manager.user)
    for word in ["one", "two"]:
        online.insert(0, word + " ")
        online.sync()
    client.force_login(report.user)
    offline.sync()  # back online
    client.force_login(manager.user)
    online.sync()
    assert online.text == offline.text == _shared_text(conversation)
    assert all(w in online.text for w in ["alpha", "beta", "gamma", "one", "two"])


def test_each_change_is_announced_to_both_participants_pages(client, conversation, manager):
    client.force_login(manager.user)
    copy = PageCopy(client, conversation)
    copy.replace("Heard: integration work")
    copy.sync()
    event = Event.objects.filter(channel=f"conversation-{conversation.pk}").last()
    body = json.loads(event.payload)
    assert body["event"] == "update" and body["data"]["document"] == "notes"
    other = PageCopy(client, conversation)  # another page applies the announced update
    other.receive(base64.b64decode(body["data"]["update"]))
    assert other.text == "Heard: integration work"


def test_the_private_note_is_its_authors_alone_everywhere(client, conversation, manager, report):
    client.force_login(manager.user)
    mine = PageCopy(client, conversation, "private")
    mine.replace("Worried about her workload")
    assert "error" not in mine.sync()
    assert (
        "Worried about her workload" in client.get(conversation.get_absolute_url()).content.decode()
    )
    # Saved, and announced only on the author's own channel.
    assert Note.objects.get(private_to=manager).text == "Worried about her workload"
    announced = Event.objects.filter(payload__contains="private")
    assert [e.channel for e in announced] == [f"conversation-{conversation.pk}-person-{manager.pk}"]
    client.force_login(report.user)
    assert "Worried" not in client.get(conversation.get_absolute_url()).content.decode()
    theirs = PageCopy(client, conversation, "private")  # the report's own, empty note
    theirs.sync()
    assert theirs.text == ""
    for fmt in ("", "md", "pdf"):
        write_up = client.get(
            reverse("conversations:write_up", args=[conversation.pk]), {"format": fmt}
        )
        assert b"Worried" not in write_up.content


def test_text_over_the_limit_is_refused_whole_with_a_clear_message(
    client, conversation, manager, settings
):
    client.force_login(manager.user)
    copy = PageCopy(client, conversation)
    copy.replace("Kept")
    copy.sync()
    copy.insert(4, "x" * services.NOTE_LIMIT)
    answer = copy.sync()
    assert answer["error"] == "too_long"
    assert "100,000" in answer["message"] and "Shorten it" in answer["message"]
    assert _shared_text(conversation) == "Kept"  # not cut, not changed
    copy.delete(4, services.NOTE_LIMIT - 10)  # shortened: the same edit now goes through
    assert "error" not in copy.sync()
    assert _shared_text(conversation) == "Kept" + "x" * 10


def test_bytes_that_are_not_an_update_are_refused_and_change_nothing(client, conversation, manager):
    client.force_login(manager.user)
    copy = PageCopy(client, conversation)
    copy.replace("Kept")
    copy.sync()
    for body in ({"update": base64.b64encode(b"\x07garbage").decode()}, {"update": "%%%"}, "x"):
        answer = copy.post(body).json()["documents"]["notes"]
        assert answer["error"] == "bad request"
    response = client.post(
        reverse("conversations:sync_notes", args=[conversation.pk]), "{", "application/json"
    )
    assert response.status_code == 400
    assert _shared_text(conversation) == "Kept"


def test_notes_written_before_documents_keep_their_text_when_edited():
    state = documents.new_state("Written last year")
    assert documents.text_of(state) == "Written last year"
    # A page starting from that state adds to it rather than writing it a second time.
    from pycrdt import Doc, Text

    page = Doc()
    page.apply_update(state)
    text = page.get("text", type=Text)
    before = page.get_state()
    text.insert(len(str(text)), "; still true")
    applied = documents.apply(state, page.get_update(before))
    assert applied.text == "Written last year; still true"


@pytest.mark.parametrize("document", ["notes", "private"])
def test_the_page_starts_each_area_from_the_stored_document(
    client, conversation, manager, document
):
    client.force_login(manager.user)
    copy = PageCopy(client, conversation, document)
    copy.replace("Stored words")
    copy.sync()
    page = client.get(conversation.get_absolute_url()).content.decode()
    area = page[page.index(f'data-document="{document}"') :]
    state = area[area.index('data-state="') + 12 :].split('"', 1)[0]
    assert documents.text_of(base64.b64decode(state)) == "Stored words"
