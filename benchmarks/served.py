"""Careermap served for real (`careermap serve`), and people using it over HTTP: signing in,
editing a conversation's notes the way the page's script does, and listening to its event
stream. Used by benchmarks/live_notes.py and by tests/live/test_served.py."""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from http.cookiejar import CookieJar
from pathlib import Path

from pycrdt import Doc, Text

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "careermap-demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScratchRedis:
    """A Redis server of our own on a free loopback port, kept in memory only: stopping it
    is an outage, starting it again brings back an empty Redis (as a restart does)."""

    def __init__(self, database: int = 11):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/{database}"
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def careermap(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "careermap", *args], env=env, check=True, cwd=ROOT, **kwargs
    )


def environment(data: Path, env_extra: dict | None = None) -> dict:
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(data), **(env_extra or {})}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not (env_extra or {}).get(name):
            env.pop(name, None)
    return env


def demo_data(people: int = 60, env_extra: dict | None = None) -> Path:
    """A data folder holding the demo organisation (in its SQLite file, or in DATABASE_URL's
    database when env_extra names one)."""
    data = Path(tempfile.mkdtemp(prefix="careermap-served-"))
    env = environment(data, env_extra)
    careermap(
        env, "demo", "--people", str(people), "--no-serve", "--reset", stdout=subprocess.DEVNULL
    )
    return data


@contextmanager
def served(
    instances: int = 1,
    *,
    data: Path | None = None,
    env_extra: dict | None = None,
    processes: list | None = None,
    workers: int = 2,
    in_place: bool = False,
    logs: Path | None = None,
):
    """The demo served by `instances` separate `careermap serve` processes sharing one
    database. `data` is a folder from demo_data(), copied so each use starts the same.
    Yields the instances' base URLs; `processes`, when given, receives their Popen objects
    (their children are the web workers). `in_place` serves `data` itself, not a copy;
    `logs`, a folder for the servers' logs (server-1.log, ...)."""
    if in_place and data:
        copy = data
    else:
        copy = Path(tempfile.mkdtemp(prefix="careermap-served-"))
        shutil.copytree(data or demo_data(env_extra=env_extra), copy, dirs_exist_ok=True)
    env = environment(copy, env_extra)
    servers, bases = [], []
    try:
        for _ in range(instances):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "careermap",
                        "serve",
                        "--port",
                        str(port),
                        "--no-worker",
                        "--workers",
                        str(workers),
                    ],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=(logs / f"server-{len(servers) + 1}.log").open("w")
                    if logs
                    else subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        if processes is not None:
            processes.extend(servers)
        for base in bases:
            _wait_until_up(base)
        yield bases
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)


def _wait_until_up(base: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Careermap did not start at {base}")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """Someone signed in to one instance, with their own cookies."""

    def __init__(self, base: str, email: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects
        )
        login = f"{base}/accounts/login/"
        page = self.opener.open(login).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
        request = urllib.request.Request(
            login, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login}
        )
        try:
            self.opener.open(request)
        except urllib.error.HTTPError as answer:  # the 302 after signing in
            if answer.code != 302 or "/accounts/login/" in answer.headers["Location"]:
                raise RuntimeError(f"Signing in as {email} failed") from answer
        me = self.opener.open(f"{base}/me/")
        if me.status != 200:
            raise RuntimeError(f"Signed in as {email}, but /me/ answered {me.status}")

    def sign_out(self) -> None:
        request = urllib.request.Request(
            f"{self.base}/accounts/logout/",
            data=urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookie("csrftoken")}).encode(),
            headers={"Referer": f"{self.base}/me/"},
        )
        try:
            self.opener.open(request)
        except urllib.error.HTTPError as answer:  # the redirect after signing out
            if answer.code != 302:
                raise

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=30).read().decode()

    def post_json(self, path: str, body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.cookie("csrftoken"),
                "Referer": self.base + path,
            },
        )
        try:
            answer = self.opener.open(request, timeout=30)
            return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as answer:
            return answer.code, {}

    def conversation(self) -> str:
        """The path of the first conversation on this person's list."""
        return re.search(r'href="(/conversations/\d+/)"', self.get("/conversations/")).group(1)

    def listen(self, conversation: str) -> Stream:
        return Stream(self, conversation)


class Stream:
    """A page's event stream, read on a thread: (arrival time, event, data) in a queue."""

    def __init__(self, person: Person, conversation: str):
        cookies = "; ".join(f"{c.name}={c.value}" for c in person.jar)
        request = urllib.request.Request(
            f"{person.base}{conversation}live/", headers={"Cookie": cookies}
        )
        self.response = urllib.request.urlopen(request, timeout=60)
        self.socket = self.response.fp.raw._sock  # to hang up for real, as a closed tab does
        self.events: queue.Queue = queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(10):
            raise RuntimeError("The event stream never said it was ready")

    def _read(self) -> None:
        event = None
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    if event == "ready":
                        self.ready.set()
                    else:
                        self.events.put((time.monotonic(), event, json.loads(line[6:])))
                    event = None
        except (OSError, ValueError, AttributeError):  # closed while reading
            return

    def close(self) -> None:
        with suppress(OSError):
            self.socket.shutdown(socket.SHUT_RDWR)
        self.response.close()


class NoteCopy:
    """A page's copy of one of a conversation's notes, kept in step as conversation.js does."""

    def __init__(self, person: Person, conversation: str, document: str = "notes"):
        self.person = person
        self.path = f"{conversation}notes/sync/"
        self.document = document
        self.doc = Doc()
        self.text = self.doc.get("text", type=Text)
        self.server_vector = b""
        self.lock = threading.Lock()

    def append(self, words: str) -> None:
        with self.lock:
            self.text.insert(len(str(self.text)), words)

    def receive(self, update: str) -> None:
        with self.lock:
            self.doc.apply_update(base64.b64decode(update))

    def sync(self) -> int:
        with self.lock:
            vector = self.server_vector
            update = self.doc.get_update(vector) if vector else self.doc.get_update()
            body = {
                self.document: {
                    "update": base64.b64encode(update).decode(),
                    "state_vector": base64.b64encode(self.doc.get_state()).decode(),
                }
            }
        status, answer = self.person.post_json(self.path, {"documents": body})
        if status == 200 and "error" not in answer["documents"][self.document]:
            got = answer["documents"][self.document]
            with self.lock:
                self.doc.apply_update(base64.b64decode(got["update"]))
                self.server_vector = base64.b64decode(got["state_vector"])
        return status

    def value(self) -> str:
        with self.lock:
            return str(self.text)
