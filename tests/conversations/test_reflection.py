"""The reflection: written by the team member (or each peer), shared when they choose, never cut
short, never written by anyone else."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from careermap.conversations import playbooks, services
from careermap.conversations.models import Reflection


def _save(client, conversation, **fields):
    return client.post(reverse("conversations:reflection", args=[conversation.pk]), fields)


def test_the_manager_who_hosts_cannot_write_the_reflection(client, conversation, manager):
    client.force_login(manager.user)
    response = _save(client, conversation, version=0, **{"answer-strengths": "Written for her"})
    assert response.status_code == 404
    assert not Reflection.objects.exists()


def test_the_manager_sees_no_reflection_form(client, conversation, manager, report):
    client.force_login(manager.user)
    assert (
        'id="reflection-form"' not in client.get(conversation.get_absolute_url()).content.decode()
    )
    client.force_login(report.user)
    assert 'id="reflection-form"' in client.get(conversation.get_absolute_url()).content.decode()


def test_both_peers_write_their_own_reflection(client, report, peer):
    conversation = services.schedule(
        actor=report.user,
        playbook=playbooks.library()["peer-career-mapping"],
        other=peer,
        starts_at=timezone.now() + dt.timedelta(days=2),
        duration_minutes=30,
    )
    key = conversation.playbook_data["phases"][0]["questions"][0]["id"]
    for person in (report, peer):
        client.force_login(person.user)
        response = _save(client, conversation, version=0, **{f"answer-{key}": person.name})
        assert response.status_code == 200
    assert {r.answers[key] for r in Reflection.objects.all()} == {report.name, peer.name}


def test_an_answer_over_the_limit_is_refused_whole_next_to_its_field(client, conversation, report):
    client.force_login(report.user)
    long_answer = "x" * (services.ANSWER_LIMIT + 1)
    response = _save(client, conversation, version=0, **{"answer-strengths": long_answer})
    body = response.json()
    assert response.status_code == 400 and body["field"] == "answer-strengths"
    assert "5,001 characters" in body["message"] and "5,000" in body["message"]
    assert not Reflection.objects.exists()  # not cut to 5,000 and saved
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert 'data-limit="5000"' in page and "Up to 5,000 characters." in page
    form = page[
        page.index('id="reflection-form"') : page.index(
            "</form>", page.index('id="reflection-form"')
        )
    ]
    assert "maxlength" not in form  # a long paste is never cut short by the browser


def test_an_answer_at_the_limit_is_saved_whole(client, conversation, report):
    client.force_login(report.user)
    answer = "y" * services.ANSWER_LIMIT
    assert _save(client, conversation, version=0, **{"answer-strengths": answer}).status_code == 200
    assert Reflection.objects.get().answers["strengths"] == answer


def test_sharing_is_confirmed_only_once_stored(client, conversation, manager, report):
    client.force_login(report.user)
    assert _save(client, conversation, version=0, **{"answer-strengths": "Draft"}).json() == {
        "version": 1,
        "shared": False,
    }
    shared = _save(client, conversation, version=1, share="1", **{"answer-strengths": "Final"})
    assert shared.json() == {"version": 2, "shared": True}
    assert Reflection.objects.get().shared_at is not None
    client.force_login(manager.user)
    assert "Final" in client.get(conversation.get_absolute_url()).content.decode()
