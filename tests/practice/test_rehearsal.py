"""Rehearsing a real conversation: the persona is the team member as the manager may know
them, built from what she has shared (her shared reflection, the agenda, her career page's
current and target roles) and never from what she has not, nor from anyone's private note."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.conversations.models import Reflection
from careermap.frameworks.models import PersonRole, Role, TargetRole
from careermap.practice import rehearsal, services
from careermap.practice.models import Attempt
from tests.conversations.copies import PageCopy

DRAFT = "Secretly I am thinking of joining Quokkabank next spring"
PRIVATE = "Manager private: her pay review is on hold"
SHARED = "Getting different teams' systems to work together"
# Open questions on every topic, so a persona holding anything would be led to say it.
QUESTIONS = [
    "What have you enjoyed most in your work this year?",
    "Tell me more about that: what made it so satisfying?",
    "Where would you like your career to go in the next few years?",
    "Which skills would you like to use more, or build?",
    "What opportunities would you like to have here?",
    "What support would you need from me?",
    "How is your workload at the moment?",
    "What would you like to get out of today?",
]


@pytest.fixture
def conversation(manager, report):
    return conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=3),
        duration_minutes=45,
    )


def _reflect(client, conversation, report, *, share: bool, **answers):
    client.force_login(report.user)
    version = Reflection.objects.filter(author=report).values_list("version", flat=True)
    response = client.post(
        reverse("conversations:reflection", args=[conversation.pk]),
        {
            "version": next(iter(version), 0),
            **{f"answer-{k}": v for k, v in answers.items()},
            **({"share": "1"} if share else {}),
        },
    )
    assert response.status_code == 200


def _rehearse(client, manager, conversation) -> Attempt:
    client.force_login(manager.user)
    response = client.post(reverse("practice:rehearse", args=[conversation.pk]))
    attempt = Attempt.objects.latest("pk")
    assert response["Location"] == attempt.get_absolute_url()
    for question in QUESTIONS:
        client.post(reverse("practice:say", args=[attempt.pk]), {"text": question})
    return attempt


def test_the_persona_is_built_from_what_she_shared(
    client, conversation, manager, report, framework
):
    _reflect(client, conversation, report, share=True, strengths=SHARED)
    conversations.add_agenda_item(conversation, actor=report.user, text="Moving towards leading")
    PersonRole.objects.create(person=report, role=Role.objects.get(key="engineering-l3"))
    target = Role.objects.get(key="engineering-management-l3")
    TargetRole.objects.create(person=report, role=target)
    scenario = rehearsal.build(manager.user, conversation)
    assert scenario.persona.name == report.name
    assert scenario.persona.role == Role.objects.get(key="engineering-l3").name
    facts = {f.key: f for f in scenario.facts}
    assert facts["reflection-strengths"].text == SHARED
    assert any("Moving towards leading" in f.text for f in scenario.facts)
    assert target.name in facts["target-roles"].text
    assert scenario.playbook == "career-aspirations"


def test_asked_well_the_persona_says_what_she_shared(client, conversation, manager, report):
    _reflect(client, conversation, report, share=True, strengths=SHARED)
    attempt = _rehearse(client, manager, conversation)
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert escape(SHARED) in page


def test_an_unshared_reflection_never_reaches_the_rehearsal(client, conversation, manager, report):
    """Not in the brief, the persona, the practice page, the feedback or the stored attempt,
    however the manager asks; the manager's private note neither."""
    _reflect(client, conversation, report, share=False, **{"five-to-ten-years": DRAFT})
    client.force_login(manager.user)
    note = PageCopy(client, conversation, "private")
    note.insert(0, PRIVATE)
    assert "error" not in note.sync()

    brief = client.get(reverse("practice:rehearse", args=[conversation.pk])).content.decode()
    attempt = _rehearse(client, manager, conversation)
    practice_page = client.get(attempt.get_absolute_url()).content.decode()
    client.post(reverse("practice:finish", args=[attempt.pk]))
    feedback_page = client.get(reverse("practice:feedback", args=[attempt.pk])).content.decode()
    attempt.refresh_from_db()
    stored = json.dumps(
        [
            attempt.scenario_data,
            attempt.state,
            attempt.feedback,
            list(attempt.turns.values_list("text", flat=True)),
        ]
    )
    scenario = services.scenario_of(attempt)
    for words in ("Quokkabank", "pay review"):
        assert words not in brief and words not in practice_page and words not in feedback_page
        assert words not in stored and words not in repr(scenario)


def test_once_shared_the_reflection_is_rehearsed(client, conversation, manager, report):
    _reflect(client, conversation, report, share=False, **{"five-to-ten-years": DRAFT})
    assert "Quokkabank" not in repr(rehearsal.build(manager.user, conversation))
    _reflect(client, conversation, report, share=True, **{"five-to-ten-years": DRAFT})
    assert "Quokkabank" in repr(rehearsal.build(manager.user, conversation))


def test_with_nothing_shared_the_brief_says_so(client, conversation, manager):
    client.force_login(manager.user)
    page = client.get(reverse("practice:rehearse", args=[conversation.pk])).content.decode()
    assert "has not shared a reflection" in page
    assert "Start the rehearsal" in page


def test_the_host_is_offered_a_rehearsal_and_the_guest_is_not(
    client, conversation, manager, report
):
    url = reverse("practice:rehearse", args=[conversation.pk])
    client.force_login(manager.user)
    assert f'href="{url}"' in client.get(conversation.get_absolute_url()).content.decode()
    client.force_login(report.user)
    assert f'href="{url}"' not in client.get(conversation.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 404


def test_a_closed_conversation_is_not_rehearsed(client, conversation, manager):
    conversations.cancel(conversation, actor=manager.user)
    client.force_login(manager.user)
    url = reverse("practice:rehearse", args=[conversation.pk])
    assert f'href="{url}"' not in client.get(conversation.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 404
    assert not Attempt.objects.exists()


def test_a_rehearsal_is_in_the_managers_history_only(client, conversation, manager, report):
    attempt = _rehearse(client, manager, conversation)
    client.post(reverse("practice:finish", args=[attempt.pk]))
    page = client.get(reverse("practice:home")).content.decode()
    assert attempt.scenario_title in page
    client.force_login(report.user)
    assert attempt.scenario_title not in client.get(reverse("practice:home")).content.decode()
    assert client.get(attempt.get_absolute_url()).status_code == 404
