"""Holding a conversation: agenda, reflection, shared and private notes, next steps, close-out."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from careermap.conversations import playbooks, services
from careermap.conversations.models import Reflection

from .copies import PageCopy


def test_both_add_to_the_agenda(client, conversation, manager, report):
    for person, text in [(manager, "Upcoming security project"), (report, "Leadership goals")]:
        client.force_login(person.user)
        client.post(reverse("conversations:agenda", args=[conversation.pk]), {"text": text})
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "Upcoming security project" in page and "Leadership goals" in page


def test_reflection_is_private_until_shared(client, conversation, manager, report):
    client.force_login(report.user)
    url = reverse("conversations:reflection", args=[conversation.pk])
    response = client.post(url, {"version": 0, "answer-strengths": "Integrating systems"})
    assert response.json() == {"version": 1, "shared": False}
    client.force_login(manager.user)
    assert "Integrating systems" not in client.get(conversation.get_absolute_url()).content.decode()
    client.force_login(report.user)
    client.post(url, {"version": 1, "answer-strengths": "Integrating systems", "share": "1"})
    client.force_login(manager.user)
    assert "Integrating systems" in client.get(conversation.get_absolute_url()).content.decode()


def test_a_stale_reflection_draft_is_refused_not_overwritten(client, conversation, report):
    client.force_login(report.user)
    url = reverse("conversations:reflection", args=[conversation.pk])
    client.post(url, {"version": 0, "answer-strengths": "From the first tab"})
    response = client.post(url, {"version": 0, "answer-strengths": "From the second tab"})
    assert response.status_code == 409
    assert Reflection.objects.get().answers["strengths"] == "From the first tab"


def _write(client, conversation, document, text):
    copy = PageCopy(client, conversation, document)
    copy.sync()
    copy.replace(text)
    assert "error" not in copy.sync()
    return copy


def test_next_step_with_support_then_close_and_write_up_without_private_notes(
    client, conversation, manager, report
):
    client.force_login(manager.user)
    _write(client, conversation, "private", "Private: check budget")
    _write(client, conversation, "notes", "Shared: she enjoyed the integration work")
    client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {
            "what": "Lead the security project",
            "owner": report.pk,
            "due_on": (dt.date.today() + dt.timedelta(days=60)).isoformat(),
            "support": "2 hours a week protected; manager covers on-call",
        },
    )
    response = client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {
            "summary": "Aiming for team lead.",
            "follow_up_on": "2027-01-10",
            "write_up_wanted": "on",
            "version": conversation.version,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("conversations:write_up", args=[conversation.pk])).content.decode()
    assert "Lead the security project" in page and "manager covers on-call" in page
    assert "she enjoyed the integration work" in page and "Private: check budget" not in page
    md = client.get(
        reverse("conversations:write_up", args=[conversation.pk]), {"format": "md"}
    ).content.decode()
    assert "- Lead the security project (Rita Report" in md and "check budget" not in md


def test_close_without_summary_says_so(client, conversation, manager):
    client.force_login(manager.user)
    response = client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {"summary": "", "follow_up_on": "", "version": conversation.version},
    )
    assert response.status_code == 400 and "This field is required." in response.content.decode()


@pytest.mark.parametrize("items", [1, 15])
def test_conversation_page_query_count_is_flat(
    client, conversation, manager, report, django_assert_num_queries, items
):
    client.force_login(report.user)
    _write(client, conversation, "private", "Mine")
    client.post(
        reverse("conversations:reflection", args=[conversation.pk]),
        {"version": 0, "answer-strengths": "Shared", "share": "1"},
    )
    client.force_login(manager.user)
    questions = conversation.playbook_data["phases"][1]["sections"][0]["questions"]
    for i in range(items):
        client.post(reverse("conversations:agenda", args=[conversation.pk]), {"text": f"t{i}"})
        client.post(
            reverse("conversations:add_step", args=[conversation.pk]),
            {"what": f"s{i}", "owner": manager.pk},
        )
    for question in questions[:items]:
        _write(client, conversation, f"answer-{question['id']}", "An answer")
    # 1 the user with their person, 2 the conversation with both people, 3 the reflections
    # the manager may read, 4 the notes they may read (shared ones and their private one),
    # 5 the agenda with authors, 6 the next steps with owners, 7 the access log entry for
    # reading Rita's shared reflection (the first view in the hour), 8 unread reminders
    with django_assert_num_queries(8):
        page = client.get(conversation.get_absolute_url()).content.decode()
    assert page.count('class="question"') >= len(questions[:items]) and "Shared" in page
    # The same, without 7: the view is logged once an hour.
    with django_assert_num_queries(7):
        client.get(conversation.get_absolute_url())


def test_write_up_pdf_has_the_shared_notes_and_next_steps_only(client, conversation, manager):
    import io

    from pypdf import PdfReader

    client.force_login(manager.user)
    _write(client, conversation, "private", "Private: salary worries")
    _write(client, conversation, "notes", "Shared: the integration work went well")
    client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {"what": "Lead the security project", "owner": manager.pk},
    )
    response = client.get(
        reverse("conversations:write_up", args=[conversation.pk]), {"format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "the integration work went well" in text and "Lead the security project" in text
    assert "salary" not in text


def test_closing_schedules_the_follow_up_check_in(
    client, conversation, manager, report, django_capture_on_commit_callbacks
):
    from django.core import mail

    from careermap.conversations.models import Conversation

    client.force_login(report.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("conversations:close", args=[conversation.pk]),
            {
                "summary": "Agreed the next step.",
                "follow_up_on": "2027-02-01",
                "version": conversation.version,
            },
        )
    follow_up = Conversation.objects.exclude(pk=conversation.pk).get()
    assert follow_up.playbook_key == "development-check-in"
    assert (follow_up.host, follow_up.guest) == (manager, report)
    assert follow_up.starts_at.date().isoformat() == "2027-02-01"
    assert "Development check-in" in mail.outbox[-1].subject


@pytest.mark.parametrize("key", list(playbooks.library()))
def test_every_playbook_can_be_held_to_completion(client, manager, report, stranger, key):
    playbook = playbooks.library()[key]
    other = stranger if playbook.led_by == "peers" else report
    conversation = services.schedule(
        actor=manager.user,
        playbook=playbook,
        other=other,
        starts_at=timezone.now() + dt.timedelta(days=1),
        duration_minutes=30,
        place="Room",
    )
    client.force_login(manager.user)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert playbook.sections[0].questions[0].text.replace("'", "&#x27;") in page
    _write(client, conversation, "notes", "Notes")
    client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {"what": "A step", "owner": manager.pk},
    )
    response = client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {
            "summary": "Done.",
            "follow_up_on": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "version": conversation.version,
        },
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == "closed"
    write_up = client.get(reverse("conversations:write_up", args=[conversation.pk]))
    assert "A step" in write_up.content.decode()


def test_answers_under_each_question_are_shared_and_in_the_write_up(
    client, conversation, manager, report
):
    question = conversation.playbook_data["phases"][1]["sections"][0]["questions"][0]
    client.force_login(report.user)
    _write(client, conversation, f"answer-{question['id']}", "The platform integration")
    client.force_login(manager.user)
    theirs = PageCopy(client, conversation, f"answer-{question['id']}")
    theirs.sync()
    assert theirs.text == "The platform integration"
    bad = PageCopy(client, conversation, "answer-no-such-question")
    bad.insert(0, "x")
    assert bad.sync()["error"] == "bad request"
    client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {
            "summary": "Done.",
            "follow_up_on": (dt.date.today() + dt.timedelta(days=9)).isoformat(),
            "version": conversation.version,
        },
    )
    page = client.get(reverse("conversations:write_up", args=[conversation.pk])).content.decode()
    assert "What was said" in page and "The platform integration" in page


def test_each_answer_area_shows_its_own_answer_and_the_notes_stay_apart(
    client, conversation, manager
):
    first, second = conversation.playbook_data["phases"][1]["sections"][0]["questions"][:2]
    client.force_login(manager.user)
    for document, text in [
        (f"answer-{first['id']}", "Answer one"),
        (f"answer-{second['id']}", "Answer two"),
        ("notes", "General notes"),
    ]:
        _write(client, conversation, document, text)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert re.search(rf'id="q-{first["id"]}"[^>]*>Answer one</textarea>', page, re.S)
    assert re.search(rf'id="q-{second["id"]}"[^>]*>Answer two</textarea>', page, re.S)
    assert re.search(r'id="shared-notes"[^>]*>General notes</textarea>', page, re.S)


def test_two_close_outs_with_one_follow_up_date_book_one_check_in(
    client, manager, report, django_capture_on_commit_callbacks
):
    from django.core import mail

    from careermap.conversations.models import Conversation

    first, second = (
        services.schedule(
            actor=manager.user,
            playbook=playbooks.library()[key],
            other=report,
            starts_at=timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
            - dt.timedelta(days=days),
            duration_minutes=45,
        )
        for key, days in (("career-aspirations", 2), ("career-mapping", 1))
    )
    client.force_login(manager.user)
    for conversation in (first, second):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("conversations:close", args=[conversation.pk]),
                {"summary": "Done.", "follow_up_on": "2027-03-01", "version": 1},
            )
    booked = Conversation.objects.filter(playbook_key="development-check-in")
    assert booked.count() == 1 and booked.get().starts_at.date().isoformat() == "2027-03-01"
    check_in_mails = [m for m in mail.outbox if "Development check-in" in m.subject]
    assert len(check_in_mails) == 1  # the second close-out found it already in the calendars


def test_a_close_out_and_a_recorded_check_in_share_the_booked_check_in(
    client, conversation, manager, report
):
    from careermap.conversations.models import Conversation
    from careermap.plans import services as plan_services

    client.force_login(manager.user)
    client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {"summary": "Done.", "follow_up_on": "2027-03-01", "version": conversation.version},
    )
    plan = plan_services.start_plan(report, actor=manager.user, goal="Lead a team")
    later = timezone.make_aware(dt.datetime(2027, 3, 8, 9, 30))
    plan_services.book_next_check_in(plan, actor=manager.user, starts_at=later)
    booked = Conversation.objects.get(playbook_key="development-check-in")
    assert booked.starts_at == later  # moved, not a second one
