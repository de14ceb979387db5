"""Ten pages editing one shared note at once, for a minute, through the real HTTP protocol.

Serves the demo with `careermap serve` (gunicorn, 2 workers), signs in ten pages (five as
Daniel, five as Maya), each with its own copy of the conversation's shared notes and its own
event stream, as conversation.js has. Each page types a token such as "[3.117]" between two
tokens every 50-400 ms, sometimes deletes one of its own, and sends its changes the way the
page does (a quarter of a second after typing, one request at a time). Other pages' changes
arrive through the event stream. At the end every page sends what it has and catches up.

Lost edits are counted token by token: a token that was typed and not deleted must be in the
server's text exactly once, and every page must hold the same text as the server. Only 200
answers count as saves; anything else is reported.

    python benchmarks/live_notes.py                       # embedded default (SQLite)
    python benchmarks/live_notes.py --database postgres://postgres@127.0.0.1:5432/postgres

Capacity: with --watchers N, N pages (event streams, held open by one asyncio client) watch the
conversation while one page types a token a second; prints how long each token took to reach
every watcher (from its save's request leaving to the stream delivering it), and how many
watchers missed it within 5 s. The pages are spread over the demo's conversations' pages
as Maya and Daniel, who may each keep any number of tabs open.

    python benchmarks/live_notes.py --watchers 1000 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import logging
import os
import platform
import random
import re
import statistics
import threading
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from served import NoteCopy, Person, demo_data, served

TOKEN = re.compile(r"\[\d+\.\d+\]")


class Page(threading.Thread):
    def __init__(self, number, person, conversation, until, rng):
        super().__init__(daemon=True)
        self.number = number
        self.copy = NoteCopy(person, conversation)
        self.stream = person.listen(conversation)
        self.until = until
        self.rng = rng
        self.typed: set[str] = set()
        self.deleted: set[str] = set()
        self.saves = 0
        self.failures: list[int] = []
        self.sent_at: dict[str, float] = {}  # my token -> when a request first carried it
        self.arrived: dict[str, float] = {}  # others' token -> when my stream brought it
        threading.Thread(target=self._take_updates, daemon=True).start()

    def _take_updates(self) -> None:
        # Which tokens each announcement brought, and when: how long others' edits take.
        while True:
            _at, event, data = self.stream.events.get()
            if event != "update":
                continue
            with self.copy.lock:
                before = set(TOKEN.findall(str(self.copy.text)))
                self.copy.doc.apply_update(base64.b64decode(data["update"]))
                now = time.monotonic()
                for token in set(TOKEN.findall(str(self.copy.text))) - before:
                    self.arrived.setdefault(token, now)

    def _type(self, count: int) -> None:
        with self.copy.lock:
            text = str(self.copy.text)
            tokens = TOKEN.findall(text)
            mine = [t for t in tokens if t.startswith(f"[{self.number}.")]
            if mine and self.rng.random() < 0.15:
                gone = self.rng.choice(mine)
                index = text.index(gone)
                del self.copy.text[index : index + len(gone)]
                self.deleted.add(gone)
                return
            ends = [0]
            for match in TOKEN.finditer(text):
                ends.append(match.end())
            token = f"[{self.number}.{count}]"
            self.copy.text.insert(self.rng.choice(ends), token)
            self.typed.add(token)

    def sync(self) -> None:
        now = time.monotonic()
        for token in self.typed:
            self.sent_at.setdefault(token, now)
        status = self.copy.sync()
        if status == 200:
            self.saves += 1
        else:
            self.failures.append(status)

    def run(self) -> None:
        count = 0
        while time.monotonic() < self.until:
            self._type(count)
            count += 1
            time.sleep(0.25)  # the page's short wait before it sends
            self.sync()
            time.sleep(self.rng.uniform(0.05, 0.4))


def delays(pages) -> list[float]:
    """For every token one page typed and another received through its stream: how long
    after the first request carrying it was sent."""
    sent = {t: at for page in pages for t, at in page.sent_at.items()}
    return [at - sent[t] for page in pages for t, at in page.arrived.items() if t in sent]


class Watchers:
    """N open conversation pages' event streams on one asyncio loop (a thread of its own):
    for each, when each token's update arrived."""

    def __init__(self, base: str, path: str, cookie: str, count: int):
        self.host, self.port = urlsplit(base).hostname, urlsplit(base).port
        self.request = (
            f"GET {path}live/ HTTP/1.0\r\nHost: {self.host}\r\nCookie: {cookie}\r\n"
            "Accept: text/event-stream\r\n\r\n"
        ).encode()
        self.count = count
        self.arrivals: list[dict[str, float]] = [{} for _ in range(count)]
        self.ready: set[int] = set()
        self.failed = 0
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._open_all(), self.loop).result()

    async def _open_all(self) -> None:
        for number in range(self.count):
            self.loop.create_task(self._watch(number))
            if number % 50 == 49:
                await asyncio.sleep(0.2)  # pages open over a few seconds, not all at once
        deadline = time.monotonic() + 180
        while len(self.ready) + self.failed < self.count and time.monotonic() < deadline:
            await asyncio.sleep(0.1)

    async def _watch(self, number: int) -> None:
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port, limit=2**22)
            writer.write(self.request)
            event = None
            while True:
                line = await reader.readline()
                if not line:
                    self.failed += 1
                    return
                line = line.decode().rstrip("\r\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    if event == "ready":
                        self.ready.add(number)
                    elif event == "update":
                        now = time.monotonic()
                        update = base64.b64decode(json.loads(line[6:])["update"])
                        for token in TOKEN.findall(update.decode(errors="ignore")):
                            self.arrivals[number].setdefault(token, now)
                    event = None
        except OSError:
            self.failed += 1


def capacity(base: str, watchers: int, seconds: int) -> None:
    writer = Person(base, "daniel.okafor@example.com")
    watcher = Person(base, "maya.chen@example.com")
    conversation = writer.conversation()
    cookie = "; ".join(f"{c.name}={c.value}" for c in watcher.jar)
    opening = time.monotonic()
    pages = Watchers(base, conversation, cookie, watchers)
    listening = set(pages.ready)  # measured: the pages listening before the first edit
    print(
        f"pages open and listening: {len(listening):,} of {watchers:,} "
        f"(in {time.monotonic() - opening:.0f} s); failed to open: {pages.failed}"
    )
    notes = NoteCopy(writer, conversation)
    notes.sync()
    sent: dict[str, float] = {}
    failures = 0
    for n in range(seconds):
        token = f"[0.{n}]"
        notes.append(token)
        sent[token] = time.monotonic()
        if notes.sync() != 200:
            failures += 1
        time.sleep(max(0.0, sent[token] + 1 - time.monotonic()))
    time.sleep(5)
    took, missed = [], 0
    for arrivals in (pages.arrivals[number] for number in listening):
        for token, at in sent.items():
            if token in arrivals and arrivals[token] - at < 5:
                took.append(arrivals[token] - at)
            else:
                missed += 1
    took.sort()
    if not took:
        raise SystemExit("FAILED: no update reached any page")
    p95 = took[int(0.95 * (len(took) - 1))]
    print(
        f"an edit reaching {len(listening):,} watching pages: median "
        f"{1000 * statistics.median(took):.0f} ms, p95 {1000 * p95:.0f} ms, "
        f"max {1000 * took[-1]:.0f} ms over {len(took):,} arrivals; within a second: "
        f"{100 * sum(t < 1 for t in took) / len(took):.1f}%; not there within 5 s: {missed:,}; "
        f"saves not answered 200: {failures}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # the open streams, left as they are


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--database", help="A PostgreSQL server URL; a fresh database is made.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--watchers", type=int, help="Measure capacity: N watching pages.")
    args = parser.parse_args()

    env_extra = {}
    if args.database:
        env_extra["DATABASE_URL"] = _fresh_database(args.database)
    kind = "PostgreSQL" if args.database else "SQLite (embedded default)"
    print(f"# {args.pages} pages, {args.seconds} s, {kind}")
    print(f"# {platform.node()} · {os.cpu_count()} cores · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    data = demo_data(env_extra=env_extra)
    if args.watchers:
        print(
            f"# capacity: {args.watchers:,} watching pages, load average {os.getloadavg()[0]:.1f}"
        )
        with served(1, data=data, env_extra=env_extra) as (base,):
            capacity(base, args.watchers, args.seconds)
        return
    with served(1, data=data, env_extra=env_extra) as (base,):
        people = [
            Person(base, "daniel.okafor@example.com" if i % 2 else "maya.chen@example.com")
            for i in range(args.pages)
        ]
        conversation = people[0].conversation()
        until = time.monotonic() + args.seconds
        pages = [
            Page(i, people[i], conversation, until, random.Random(args.seed * 1000 + i))
            for i in range(args.pages)
        ]
        for page in pages:
            page.start()
        for page in pages:
            page.join()
        for page in pages + pages:  # everyone sends what they have, then catches up
            page.sync()
        server_view = NoteCopy(people[0], conversation)
        server_view.sync()
        stored = server_view.value()
        for page in pages:
            page.stream.close()

    tokens = TOKEN.findall(stored)
    typed = set().union(*(p.typed for p in pages))
    deleted = set().union(*(p.deleted for p in pages))
    lost = (typed - deleted) - set(tokens)
    doubled = len(tokens) - len(set(tokens))
    back = set(tokens) & deleted
    differing = sum(p.copy.value() != stored for p in pages)
    saves = sum(p.saves for p in pages)
    failures = [s for p in pages for s in p.failures]
    print(f"tokens typed {len(typed):,}, deleted {len(deleted):,}, in the note {len(tokens):,}")
    print(f"lost edits: {len(lost)}; doubled: {doubled}; deleted but back: {len(back)}")
    print(f"pages whose text differs from the server's at the end: {differing}")
    print(
        f"saves answered 200: {saves:,} ({saves / args.seconds:.1f}/s); "
        f"other answers: {len(failures)}"
    )
    took = sorted(delays(pages))
    p95 = took[int(0.95 * (len(took) - 1))]
    print(
        f"an edit reaching the other pages' streams: median {1000 * statistics.median(took):.0f}"
        f" ms, p95 {1000 * p95:.0f} ms, max {1000 * took[-1]:.0f} ms over {len(took):,} arrivals;"
        f" within a second: {100 * sum(t < 1 for t in took) / len(took):.1f}%"
    )
    if lost or doubled or back or differing or failures:
        raise SystemExit("FAILED: edits were lost or pages disagree")


def _fresh_database(url: str) -> str:
    import psycopg

    name = "careermap_live_bench"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


if __name__ == "__main__":
    main()
