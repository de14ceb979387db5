"""Publishing live updates, and reading them back.

A service that changes something an open page shows calls `publish(channel, event, data)`
inside its transaction. Nothing is announced for a change that rolls back:

- with Redis (REDIS_URL, production), the message goes out on Redis pub/sub once the
  transaction commits, and reaches every app server at once;
- with the embedded default, the message is written as an `Event` row in the same
  transaction, and each server process reads new rows a few times a second.

Either way a message is only a fast path: every page synchronises in full when its stream
(re)connects, so one that is missed (a Redis restart, a dropped connection) is caught up.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Event

logger = logging.getLogger(__name__)

REDIS_PREFIX = "careermap:live:"
# How long an Event row is kept, and how far back a reader looks for rows that committed out of
# id order (on PostgreSQL a transaction can commit after one that took a later id).
KEEP = timedelta(seconds=60)
LATE_COMMIT = 10.0  # seconds
POLL_SECONDS = 0.25


def uses_redis() -> bool:
    return bool(settings.REDIS_URL)


_redis_client = None


def redis_client():
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=5, socket_connect_timeout=5
        )
    return _redis_client


def message(event: str, data: dict) -> str:
    return json.dumps({"event": event, "data": data}, separators=(",", ":"))


def publish(channel: str, event: str, data: dict) -> None:
    """Announce a change to the pages listening on `channel`, if and when it commits."""
    payload = message(event, data)
    if uses_redis():
        transaction.on_commit(lambda: _publish_redis(channel, payload))
        return
    Event.objects.create(channel=channel, payload=payload)
    _forget_old_events()


def _publish_redis(channel: str, payload: str) -> None:
    try:
        redis_client().publish(REDIS_PREFIX + channel, payload)
    except Exception as error:
        # The change itself is committed; pages catch up when their stream reconnects. One line,
        # not a traceback: while Redis is away this happens at every save.
        logger.warning("Could not announce a live update on Redis: %s", error)


_last_cleanup = 0.0


def _forget_old_events() -> None:
    global _last_cleanup
    now = time.monotonic()
    if now - _last_cleanup < 30:
        return
    _last_cleanup = now
    newest = Event.objects.order_by("-pk").values_list("pk", flat=True).first()
    # The newest row always stays: SQLite hands out max(id) + 1, so deleting every row would
    # let ids start again below what readers have already seen.
    Event.objects.filter(created_at__lt=timezone.now() - KEEP, pk__lt=newest or 0).delete()


class EventReader:
    """Reads Event rows newer than the last read, in commit order as far as readers can tell.

    Ids are handed out in order but, on PostgreSQL, may commit out of order: an id below the
    highest one seen may still appear. Such gaps are looked at again for LATE_COMMIT seconds
    before they are given up on (a rolled-back transaction leaves a gap for ever).
    """

    def __init__(self):
        self.highest = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.gaps: dict[int, float] = {}

    def read(self) -> list[tuple[str, str]]:
        now = time.monotonic()
        self.gaps = {pk: at for pk, at in self.gaps.items() if now - at < LATE_COMMIT}
        floor = min(self.gaps, default=self.highest + 1) - 1
        rows = Event.objects.filter(pk__gt=floor).order_by("pk")
        found = []
        for pk, channel, payload in rows.values_list("pk", "channel", "payload"):
            if pk <= self.highest and pk not in self.gaps:
                continue  # read before
            self.gaps.pop(pk, None)
            if pk > self.highest:
                # Every id between the highest seen and this one that is not here yet (a
                # jump of thousands is a restarted sequence, not transactions in flight).
                if pk - self.highest < 1000:
                    self.gaps.update(dict.fromkeys(range(self.highest + 1, pk), now))
                self.highest = pk
            found.append((channel, payload))
        return found


def stream_lines(event: str, data: str) -> str:
    return f"event: {event}\ndata: {data}\n\n"


READY = "retry: 2000\n" + stream_lines("ready", "{}")
PING = ": ping\n\n"


def blocking_stream(channels: list[str], *, seconds: float = 25.0) -> Iterator[str]:
    """The stream for a page, for servers that give each request a thread (the test server,
    `runserver`, plain WSGI). It ends after `seconds` to free the thread; the browser
    reconnects at once. `careermap serve` does not use this: it streams without a thread
    (careermap/live/bridge.py)."""
    deadline = time.monotonic() + seconds
    if uses_redis():
        pubsub = redis_client().pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(*[REDIS_PREFIX + c for c in channels])
        try:
            yield READY
            while time.monotonic() < deadline:
                found = pubsub.get_message(timeout=1.0)
                if found and found["type"] == "message":
                    body = json.loads(found["data"])
                    yield stream_lines(body["event"], json.dumps(body["data"]))
        finally:
            pubsub.close()
        return
    reader = EventReader()
    wanted = set(channels)
    yield READY
    last_ping = time.monotonic()
    while time.monotonic() < deadline:
        try:
            found = reader.read()
        except Exception:  # the database went away (a restart, the end of a test run)
            return  # the browser reconnects, and synchronises in full
        for channel, payload in found:
            if channel not in wanted:
                continue
            body = json.loads(payload)
            yield stream_lines(body["event"], json.dumps(body["data"]))
        if time.monotonic() - last_ping > 2:
            # Writing is how a thread learns its browser has gone: ping often, and the
            # server stops this stream within seconds of the page closing.
            last_ping = time.monotonic()
            yield PING
        time.sleep(POLL_SECONDS)
