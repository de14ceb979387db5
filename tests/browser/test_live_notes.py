"""Two people in two browsers, doing what lost text before: typing into the same line at the
same moment, one of them offline for a while; sharing while a slow save is on its way; writing
in a tab left open after the other closed the conversation."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from careermap.conversations import playbooks, services
from careermap.conversations.models import Note, Reflection
from careermap.people import demo
from careermap.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def session(live_server, browser):
    """Daniel and Maya, each signed in in a browser of their own, on their conversation."""
    demo.build_demo()
    daniel, maya = (
        Person.objects.get(email=f"{name}@example.com") for name in ("daniel.okafor", "maya.chen")
    )
    conversation = services.schedule(
        actor=daniel.user,
        playbook=playbooks.library()["career-aspirations"],
        other=maya,
        starts_at=timezone.now() + dt.timedelta(hours=1),
        duration_minutes=45,
        place="Small room 3.2",
    )
    pages = []
    for person in (daniel, maya):
        context = browser.new_context(viewport={"width": 1300, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", person.email)
        page.fill("input[name=password]", demo.DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}{conversation.get_absolute_url()}")
        pages.append(page)
    yield conversation, pages[0], pages[1]
    for page in pages:
        page.context.close()


def _wait_for_text(page, selector, *parts):
    page.wait_for_function(
        "([selector, parts]) => { const t = document.querySelector(selector).value;"
        " return parts.every(p => t.includes(p)); }",
        arg=[selector, list(parts)],
        timeout=20_000,
    )


def test_same_line_at_once_then_offline_for_ten_seconds_keeps_every_character(session):
    conversation, daniel, maya = session
    daniel.click("#shared-notes")
    daniel.keyboard.type("Goal: ")
    _wait_for_text(maya, "#shared-notes", "Goal: ")
    for page in (daniel, maya):
        page.click("#shared-notes")
        page.keyboard.press("Control+End")
    # Both type into the same line at the same moment, a key each in turn.
    mine, theirs = "lead a team", "grow as an engineer"
    for i in range(max(len(mine), len(theirs))):
        if i < len(mine):
            daniel.keyboard.type(mine[i])
        if i < len(theirs):
            maya.keyboard.type(theirs[i])
    # Maya's connection drops for ten seconds; she keeps typing, and so does Daniel.
    maya.context.set_offline(True)
    maya.keyboard.type(" / typed offline")
    maya.wait_for_selector("[data-status-for=shared-notes]:has-text('Offline')")
    daniel.keyboard.type(" / while she was away")
    time.sleep(10)
    maya.context.set_offline(False)
    maya.evaluate("window.dispatchEvent(new Event('online'))")
    every = [mine, theirs, " / typed offline", " / while she was away", "Goal: "]
    for page in (daniel, maya):
        _wait_for_text(page, "#shared-notes", *every)
        page.wait_for_selector("[data-status-for=shared-notes]:has-text('Saved.')")
    texts = {page.input_value("#shared-notes") for page in (daniel, maya)}
    stored = Note.objects.get(conversation=conversation, private_to=None, question_key="").text
    assert texts == {stored}
    assert all(part in stored for part in every)


def test_share_clicked_while_a_slow_save_is_on_its_way_is_not_dropped(session):
    conversation, daniel, maya = session

    def slowly(route):
        time.sleep(0.6)  # saves answer slowly, as on a poor connection
        route.continue_()

    maya.route("**/reflection/", slowly)
    maya.fill("#answer-strengths", "Getting teams' systems to work together")
    time.sleep(0.9)  # the autosave has gone out and is waiting for its answer
    maya.click("button:has-text('Share with Daniel Okafor')")
    maya.wait_for_selector("[data-role=status]:has-text('Saved and shared.')")
    reflection = Reflection.objects.get(conversation=conversation)
    assert reflection.shared_at is not None
    assert reflection.answers["strengths"] == "Getting teams' systems to work together"
    daniel.reload()
    assert "Getting teams' systems" in daniel.locator(".their-reflection").inner_text()


def test_a_tab_left_open_learns_the_conversation_closed_and_changes_nothing(session):
    conversation, daniel, maya = session
    maya.click("#shared-notes")
    maya.keyboard.type("Before closing.")
    _wait_for_text(daniel, "#shared-notes", "Before closing.")
    daniel.fill("textarea[name=summary]", "Agreed the first step.")
    daniel.click("button:has-text('Close and write up')")
    daniel.wait_for_url("**/write-up/")
    maya.wait_for_selector("[data-role=live-news]:has-text('closed this conversation')")
    assert maya.locator("#shared-notes").get_attribute("readonly") is not None
    assert maya.locator("button:has-text('Add next step')").is_disabled()
    stored = Note.objects.get(conversation=conversation, private_to=None, question_key="").text
    assert stored == "Before closing."


def test_a_long_paste_is_kept_whole_and_flagged_not_cut(session):
    _conversation, daniel, _maya = session
    topic = "A topic pasted from elsewhere. " * 12  # 372 characters; the limit is 300
    daniel.fill("#agenda input[name=text]", topic)
    assert daniel.input_value("#agenda input[name=text]") == topic
    daniel.wait_for_selector(".field-limit:has-text('372 characters: the limit is 300')")
    daniel.click("#agenda button:has-text('Add')")
    assert daniel.input_value("#agenda input[name=text]") == topic  # kept as typed, not cut
    assert "at most 300 characters" in daniel.locator("#agenda").inner_text()


def test_while_the_server_cannot_save_the_page_says_so_and_sends_the_text_once_it_can(session):
    """What a database restart or a lost Redis looks like from the page: saves answered 503
    for a while (benchmarks/load.py --faults makes them for real)."""
    conversation, daniel, _maya = session
    failing = {"on": True}

    def unavailable(route):
        if failing["on"]:
            route.fulfill(status=503, body="Service Unavailable")
        else:
            route.continue_()

    daniel.route("**/notes/sync/", unavailable)
    daniel.click("#shared-notes")
    daniel.keyboard.type("Typed while the database restarts")
    status = "[data-status-for=shared-notes]"
    daniel.wait_for_selector(f"{status}:has-text('Not saved yet: connection problem')")
    assert daniel.locator(status).evaluate("el => el.classList.contains('bad')")
    failing["on"] = False
    daniel.wait_for_selector(f"{status}:has-text('Saved.')", timeout=30_000)
    stored = Note.objects.get(conversation=conversation, private_to=None, question_key="").text
    assert "Typed while the database restarts" in stored


def test_a_page_whose_event_stream_was_refused_still_hears_of_the_others_words(session):
    """A stream answered with an error (a server restarting, a database busy for a moment) is
    one a browser never retries by itself: the page opens it again, and catches up."""
    _conversation, daniel, maya = session
    refused = {"count": 0}

    def refuse_twice(route):
        if refused["count"] < 2:
            refused["count"] += 1
            route.fulfill(status=503, body="Service Unavailable")
        else:
            route.continue_()

    maya.route("**/live/", refuse_twice)
    maya.reload()  # her page's stream now starts with two refusals
    maya.wait_for_function("() => document.querySelector('#shared-notes') !== null")
    daniel.click("#shared-notes")
    daniel.keyboard.type("Daniel writes while Maya's stream is refused. ")
    _wait_for_text(maya, "#shared-notes", "Daniel writes while Maya's stream is refused.")
    assert refused["count"] == 2
    daniel.keyboard.type("And again, once it listens.")
    _wait_for_text(maya, "#shared-notes", "And again, once it listens.")
