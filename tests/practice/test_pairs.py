"""Practice with a colleague: booked by one, joined by the other; the one who leads sees the
brief, the one who plays the team member sees the persona card, ticks the checklist and writes
the feedback, which the leader then reads. Nobody else sees any of it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careermap.practice import scenarios, services
from careermap.practice.models import PairPractice

SCENARIO = "aspirations-and-workload"


@pytest.fixture
def scenario():
    return scenarios.library()[SCENARIO]


@pytest.fixture
def pair(manager, director, scenario):
    return services.book_pair(
        actor=manager.user,
        partner=director,
        scenario=scenario,
        starts_at=timezone.now() + dt.timedelta(days=2),
        leader="organiser",
    )


def test_booking_a_session_with_a_colleague(client, manager, stranger, scenario):
    client.force_login(manager.user)
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("practice:pairs"),
        {
            "partner": stranger.email,
            "scenario": SCENARIO,
            "date": day,
            "time": "14:30",
            "leader": "partner",
        },
    )
    pair = PairPractice.objects.get()
    assert response["Location"] == pair.get_absolute_url()
    assert (pair.organiser, pair.partner, pair.lead, pair.player) == (
        manager,
        stranger,
        stranger,
        manager,
    )
    page = client.get(reverse("practice:pairs")).content.decode()
    assert scenario.title in page and stranger.name in page and "you play the team member" in page


def test_booking_with_an_unknown_address_says_so(client, manager):
    client.force_login(manager.user)
    response = client.post(
        reverse("practice:pairs"),
        {
            "partner": "nobody@example.org",
            "scenario": SCENARIO,
            "date": "2030-01-01",
            "time": "10:00",
            "leader": "organiser",
        },
    )
    assert response.status_code == 400
    assert "Nobody in Careermap has this e-mail address." in response.content.decode()
    assert not PairPractice.objects.exists()


def test_the_player_sees_the_persona_card_and_the_leader_does_not(
    client, pair, manager, director, scenario
):
    hidden = scenario.facts[0].text
    client.force_login(director.user)  # plays the team member
    page = client.get(pair.get_absolute_url()).content.decode()
    assert escape(hidden) in page and "Observer" in page
    client.force_login(manager.user)  # leads
    page = client.get(pair.get_absolute_url()).content.decode()
    assert escape(scenario.situation) in page
    assert escape(hidden) not in page and "Save the feedback" not in page


def test_the_players_feedback_reaches_the_leader(client, pair, manager, director, scenario):
    client.force_login(director.user)
    response = client.post(
        pair.get_absolute_url(),
        {
            "checklist": ["past-first", "open"],
            "questions": "mixed",
            "topics": ["past", "future"],
            "facts": [scenario.facts[0].key],
            "talk": "even",
            "said_1": "You'd like to lead, right?",
            "better_1": "Where would you like to be in two years?",
        },
    )
    assert response["Location"] == pair.get_absolute_url()
    client.force_login(manager.user)
    page = client.get(pair.get_absolute_url()).content.decode()
    assert "Feedback from Dora Director" in page
    assert "A mix of open and closed" in page and "Past experiences, Future goals" in page
    assert f"1 of {len(scenario.facts)}" in page
    assert "Where would you like to be in two years?" in page
    assert page.count("(seen)") == 2


def test_the_leader_cannot_write_their_own_feedback(client, pair, manager):
    client.force_login(manager.user)
    response = client.post(pair.get_absolute_url(), {"checklist": ["open"]})
    assert response.status_code == 404
    pair.refresh_from_db()
    assert pair.feedback is None


def test_nobody_else_sees_a_session(client, pair, report, hr, stranger):
    for person in (report, hr, stranger):
        client.force_login(person.user)
        assert client.get(pair.get_absolute_url()).status_code == 404
        page = client.get(reverse("practice:pairs")).content.decode()
        assert pair.get_absolute_url() not in page and "None yet." in page
