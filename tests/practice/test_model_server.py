"""With the organisation's model server configured, the persona's replies are in its words;
when it fails, the page says so and the engine's own words are used. What is revealed, stored
and assessed comes from the engine either way."""

import pytest
from django.urls import reverse

from careermap.practice import scenarios, services
from careermap.practice.models import Turn
from tests.practice.test_generative import FakeModelServer

SCENARIO = "aspirations-and-workload"
OPEN = "Which piece of work from the last year or so did you enjoy most?"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "practice"}


@pytest.fixture
def fake(settings):
    server = FakeModelServer()
    settings.PRACTICE_MODEL_URL = server.url
    settings.PRACTICE_MODEL_NAME = "house-model"
    settings.PRACTICE_MODEL_TIMEOUT = 1
    yield server
    server.close()


@pytest.fixture
def attempt(manager):
    return services.start_attempt(actor=manager.user, scenario=scenarios.library()[SCENARIO])


def test_the_persona_speaks_in_the_models_words(client, manager, attempt, fake):
    client.force_login(manager.user)
    page = client.post(reverse("practice:say", args=[attempt.pk]), {"text": OPEN}, **HTMX)
    reply = Turn.objects.filter(attempt=attempt).last()
    assert reply.text == "Honestly? I loved the migration work."
    assert reply.revealed == ["refunds-rebuild"]  # the engine decided what was earned
    assert "I loved the migration work" in page.content.decode()
    assert "did not answer in time" not in page.content.decode()
    # The model was told the fact the line earned, and the engine's wording to say again.
    sent = fake.requests[0]["messages"]
    assert "refunds rebuild" in sent[0]["content"] and OPEN in sent[1]["content"]


@pytest.mark.parametrize("mode", ["error", "slow", "garbage"])
def test_a_failing_model_server_falls_back_with_a_notice(client, manager, attempt, fake, mode):
    fake.mode = mode
    client.force_login(manager.user)
    page = client.post(reverse("practice:say", args=[attempt.pk]), {"text": OPEN}, **HTMX)
    assert page.status_code == 200
    assert "did not answer in time" in page.content.decode()
    reply = Turn.objects.filter(attempt=attempt).last()
    fact = scenarios.library()[SCENARIO].fact("refunds-rebuild")
    assert reply.text.startswith(fact.text) and reply.revealed == ["refunds-rebuild"]


def test_without_script_the_notice_comes_with_the_page(client, manager, attempt, fake):
    fake.mode = "error"
    client.force_login(manager.user)
    response = client.post(reverse("practice:say", args=[attempt.pk]), {"text": OPEN}, follow=True)
    assert "did not answer in time" in response.content.decode()


def test_a_practice_finished_while_the_model_answers_stays_as_it_was_finished(
    manager, attempt, fake, monkeypatch
):
    # The model is asked outside the transaction; meanwhile another tab finishes the practice.
    real = services.generative.reword

    def slow_reword(*args, **kwargs):
        services.finish(attempt, actor=manager.user)
        return real(*args, **kwargs)

    monkeypatch.setattr(services.generative, "reword", slow_reword)
    reply = services.say(attempt, actor=manager.user, text=OPEN)
    stored = Turn.objects.get(attempt=attempt, number=reply.number)
    assert stored.text == reply.text != "Honestly? I loved the migration work."
