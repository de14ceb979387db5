"""One listener per server process, passing live updates to the pages it holds open.

An open page costs a queue here and an idle connection, not a worker or a thread: the process
listens once (one Redis subscription, or one read of new Event rows four times a second) and
hands each message to the queues of the pages on that channel. A page whose queue overflows
(its browser stopped reading) is dropped; it reconnects and synchronises in full.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from . import events

logger = logging.getLogger(__name__)

QUEUE_SIZE = 500
RESYNC = ("resync", "{}")


class Hub:
    def __init__(self):
        self.queues: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self.task: asyncio.Task | None = None
        # Reads of the Event table get a thread (and database connection) of their own, so they
        # never wait behind page requests.
        self.reader_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live")

    def subscribe(self, channels: list[str]) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(QUEUE_SIZE)
        for channel in channels:
            self.queues[channel].add(queue)
        if self.task is None or self.task.done():
            listen = self._listen_redis if events.uses_redis() else self._listen_database
            self.task = asyncio.get_running_loop().create_task(listen())
        return queue

    def unsubscribe(self, queue: asyncio.Queue, channels: list[str]) -> None:
        for channel in channels:
            self.queues[channel].discard(queue)
            if not self.queues[channel]:
                del self.queues[channel]

    def deliver(self, channel: str, event: str, data: str) -> None:
        for queue in list(self.queues.get(channel, ())):
            self._put(queue, (event, data))

    def resync_everyone(self) -> None:
        """Messages may have been missed (the listener lost its connection): every page
        synchronises in full."""
        for queue in {q for queues in self.queues.values() for q in queues}:
            self._put(queue, RESYNC)

    @staticmethod
    def _put(queue: asyncio.Queue, item) -> None:
        try:
            queue.put_nowait(item)
        except asyncio.QueueFull:
            # This page stopped reading: its stream hangs up, and the page synchronises in
            # full when it reconnects.
            queue.overflowed = True  # type: ignore[attr-defined]

    async def _listen_database(self) -> None:
        loop = asyncio.get_running_loop()
        reader, failed = None, False
        while self.queues:
            try:
                if reader is None:
                    reader = await loop.run_in_executor(self.reader_thread, events.EventReader)
                    if failed:  # events may have come and gone while reading failed
                        self.resync_everyone()
                found = await loop.run_in_executor(self.reader_thread, _read, reader)
            except Exception:
                logger.warning("Live updates: reading new events failed", exc_info=True)
                await loop.run_in_executor(self.reader_thread, connection.close)
                reader, failed = None, True
                await asyncio.sleep(2)
                continue
            for channel, payload in found:
                body = json.loads(payload)
                self.deliver(channel, body["event"], json.dumps(body["data"]))
            await asyncio.sleep(events.POLL_SECONDS)

    async def _listen_redis(self) -> None:
        import redis.asyncio as redis
        from django.conf import settings

        first = True
        while self.queues:
            client = redis.Redis.from_url(settings.REDIS_URL)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(events.REDIS_PREFIX + "*")
                if not first:
                    self.resync_everyone()
                first = False
                while self.queues:
                    found = await pubsub.get_message(timeout=1.0)
                    if found is None or found["type"] != "pmessage":
                        continue
                    channel = found["channel"].decode()[len(events.REDIS_PREFIX) :]
                    body = json.loads(found["data"])
                    self.deliver(channel, body["event"], json.dumps(body["data"]))
            except Exception:
                logger.warning("Live updates: the Redis subscription failed", exc_info=True)
                first = False
                await asyncio.sleep(2)
            finally:
                try:
                    await pubsub.aclose()
                    await client.aclose()
                except Exception:  # noqa: S110
                    pass


def _read(reader: events.EventReader):
    try:
        return reader.read()
    finally:
        # Between reads the connection is idle, like a page request's: let it be recycled.
        from django.db import close_old_connections

        close_old_connections()


hub = Hub()


async def stream(channels: list[str], *, seconds: float = 300.0, heartbeat: float = 15.0):
    """The text of one page's event stream: "ready", then updates as they come."""
    loop = asyncio.get_running_loop()
    queue = hub.subscribe(channels)
    try:
        yield events.READY
        deadline = loop.time() + seconds
        while True:
            left = deadline - loop.time()
            if left <= 0 or getattr(queue, "overflowed", False):
                return
            try:
                event, data = await asyncio.wait_for(queue.get(), min(heartbeat, left))
            except TimeoutError:
                yield events.PING
                continue
            yield events.stream_lines(event, data)
    finally:
        hub.unsubscribe(queue, channels)
