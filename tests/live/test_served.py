"""Live notes through `careermap serve` itself: what one person types reaches the other's open
page within a second, on the embedded default and across two app servers (sharing the SQLite
file, or through Redis pub/sub as in production)."""

import os
import time
import urllib.error
import urllib.request

import pytest

from benchmarks.served import NoteCopy, Person, demo_data, served

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def demo():
    """The demo organisation, built once for these tests (each serves a copy of it)."""
    return demo_data()


def _round_trip(daniel_base, maya_base):
    daniel = Person(daniel_base, "daniel.okafor@example.com")
    maya = Person(maya_base, "maya.chen@example.com")
    conversation = maya.conversation()
    stream = maya.listen(conversation)
    try:
        copy = NoteCopy(daniel, conversation)
        delays = []
        for words in ["Maya enjoyed the platform work. ", "She wants to lead. "]:
            copy.append(words)
            sent = time.monotonic()
            assert copy.sync() == 200
            arrived, event, data = stream.events.get(timeout=5)
            while event != "update":  # e.g. "resync" after a listener reconnects
                arrived, event, data = stream.events.get(timeout=5)
            delays.append(arrived - sent)
            assert event == "update" and data["document"] == "notes"
            assert data["by"] == "Daniel Okafor"
        maya_copy = NoteCopy(maya, conversation)
        assert maya_copy.sync() == 200
        assert maya_copy.value() == "Maya enjoyed the platform work. She wants to lead. "
        return delays
    finally:
        stream.close()


def test_an_edit_reaches_the_other_page_within_a_second(demo):
    with served(1, data=demo) as (base,):
        delays = _round_trip(base, base)
    assert max(delays) < 1.0, delays


def test_two_app_servers_on_the_embedded_default_pass_edits_on(demo):
    with served(2, data=demo) as (first, second):
        delays = _round_trip(first, second)
    assert max(delays) < 1.0, delays


@pytest.mark.skipif(not _redis_up() and not os.environ.get("CI"), reason="no Redis here")
def test_two_app_servers_pass_edits_on_through_redis(demo):
    with served(2, data=demo, env_extra={"REDIS_URL": REDIS_URL}) as (first, second):
        delays = _round_trip(first, second)
    assert max(delays) < 1.0, delays


def test_signing_out_ends_the_session_in_every_server_process(demo):
    # Two instances of two processes each, on the embedded default: four processes that may
    # each have read the session before it ended.
    with served(2, data=demo) as (first, second):
        maya = Person(first, "maya.chen@example.com")
        for base in (first, second) * 4:
            assert "Maya Chen" in maya.opener.open(f"{base}/me/", timeout=30).read().decode()
        session = maya.cookie("sessionid")
        maya.sign_out()
        # The browser forgets the cookie; a copy of it (another tab's, a stolen one) must be dead.
        for base in (first, second) * 4:
            cookie = {"Cookie": f"sessionid={session}"}
            request = urllib.request.Request(f"{base}/me/", headers=cookie)  # noqa: S310
            with pytest.raises(urllib.error.HTTPError) as answer:
                maya.opener.open(request, timeout=30)
            assert answer.value.code == 302
            assert "/accounts/login/" in answer.value.headers["Location"]
