"""Adding to the agenda and the next steps: what is refused comes back as it was typed, with
the reason next to it; nothing is cut short."""

from django.urls import reverse

from careermap.conversations.models import AgendaItem, NextStep


def test_a_topic_over_the_limit_is_refused_and_kept(client, conversation, manager):
    client.force_login(manager.user)
    topic = "Talk about " + "the platform work " * 20  # over 300 characters
    response = client.post(reverse("conversations:agenda", args=[conversation.pk]), {"text": topic})
    page = response.content.decode()
    assert response.status_code == 400 and not AgendaItem.objects.exists()
    assert f'value="{topic}"' in page
    assert "Ensure this value has at most 300 characters" in page


def test_a_next_step_over_the_limit_is_refused_with_every_field_kept(
    client, conversation, manager, report
):
    client.force_login(manager.user)
    support = "Two hours a week protected " * 12
    response = client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {
            "what": "Lead the security project",
            "owner": manager.pk,
            "due_on": "2027-03-01",
            "support": support,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and not NextStep.objects.exists()
    assert 'value="Lead the security project"' in page and f'value="{support}"' in page
    assert 'value="2027-03-01"' in page and "at most 300 characters" in page
    assert f'value="{manager.pk}" selected' in page


def test_words_refused_by_a_closed_conversation_are_shown_back(client, conversation, manager):
    client.force_login(manager.user)
    client.post(
        reverse("conversations:close", args=[conversation.pk]),
        {"summary": "Done.", "follow_up_on": "2027-02-01", "version": conversation.version},
    )
    response = client.post(
        reverse("conversations:agenda", args=[conversation.pk]), {"text": "A late topic"}
    )
    assert response.status_code == 409 and "“A late topic”" in response.content.decode()
    response = client.post(
        reverse("conversations:add_step", args=[conversation.pk]),
        {"what": "A late step", "owner": manager.pk},
    )
    assert response.status_code == 409 and "“A late step”" in response.content.decode()
