"""The demo's people at work, for Locust: run by benchmarks/load.py, which says where.

Employees (seven in ten users) prepare their career conversation and read their pages: their
home page, career page, conversations, the conversation page; they autosave their reflection
as they type and add topics to the agenda. Managers hold their conversations: they open the
page and type shared notes, sent through the sync endpoint the way conversation.js does
(benchmarks/served.py's NoteCopy keeps the page's copy), and look at their team.

Each user is a different person of a different conversation (LOAD_PAIRS) on one of the
instances (LOAD_HOSTS, spread evenly), and writes down every save they were told went through
(LOAD_CONFIRMED/<user>.jsonl) for benchmarks/load_data.py to check afterwards.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from pathlib import Path

from locust import HttpUser, between, task
from locust.clients import HttpSession
from requests.adapters import HTTPAdapter
from served import PASSWORD, NoteCopy
from urllib3.util import Retry

HOSTS = os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8000").split(",")
PAIRS = json.loads(Path(os.environ["LOAD_PAIRS"]).read_text()) if "LOAD_PAIRS" in os.environ else []
CONFIRMED = Path(os.environ.get("LOAD_CONFIRMED", "."))
# Employees take the conversations from the first, managers from the last: with more users
# than conversations, a few conversations have both at once, as in life.
_numbers = {"guest": itertools.count(), "host": itertools.count()}


class Browser:
    """What NoteCopy needs of a signed-in page, on Locust's HTTP client."""

    def __init__(self, client: HttpSession):
        self.client = client

    def cookie(self, name: str) -> str:
        return self.client.cookies.get(name, "")

    def post_json(self, path: str, body: dict) -> tuple[int, dict]:
        with self.client.post(
            path,
            json=body,
            headers={"X-CSRFToken": self.cookie("csrftoken"), "Referer": self.client.base_url},
            name="sync shared notes",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"not saved: {answer.status_code} {answer.error or ''}")
                return answer.status_code, {}
            return 200, answer.json()


class Person(HttpUser):
    abstract = True
    role = ""

    def on_start(self) -> None:
        self.number = next(_numbers[self.role])
        index = self.number if self.role == "guest" else -1 - self.number
        pair = PAIRS[index % len(PAIRS)] if PAIRS else {}
        base = HOSTS[self.number % len(HOSTS)]
        self.client = HttpSession(base, self.environment.events.request, self)
        # A browser sends a request again, once, when the server had closed the kept-alive
        # connection it went out on (uvicorn closes idle ones after 5 s): so does this user.
        # Anything else, and a second failure, counts as an error.
        retry = Retry(total=1, connect=1, read=1, status=0, other=0, allowed_methods=None)
        self.client.mount("http://", HTTPAdapter(max_retries=retry))
        self.email = pair.get(self.role, "maya.chen@example.com")
        self.talk = f"/conversations/{pair.get('conversation', 1)}/"
        self.log = (CONFIRMED / f"{self.role}-{self.number}.jsonl").open("a")
        self.sign_in()

    def on_stop(self) -> None:
        self.log.close()

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="sign-in page").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.client.base_url + "/accounts/login/"},
            allow_redirects=False,
            catch_response=True,
            name="sign in",
        ) as answer:
            if answer.status_code != 302 or "/accounts/login/" in answer.headers["Location"]:
                answer.failure(f"sign-in refused: {answer.status_code}")

    def page(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} {r.headers.get('Location', '')} {r.error or ''}")
            return r.text

    def confirmed(self, kind: str, **what) -> None:
        self.log.write(json.dumps({"kind": kind, "conversation": self.talk_id, **what}) + "\n")
        self.log.flush()

    @property
    def talk_id(self) -> int:
        return int(self.talk.strip("/").split("/")[-1])


class Employee(Person):
    weight = 7
    role = "guest"
    wait_time = between(2, 6)

    def on_start(self) -> None:
        super().on_start()
        self.answers: dict[str, str] = {}
        self.version = 0
        self.typed = 0
        self.open_conversation()

    def open_conversation(self) -> None:
        page = self.page(self.talk, "conversation page")
        found = re.search(r'data-version="(\d+)"', page)
        self.version = int(found.group(1)) if found else self.version
        for key in re.findall(r'name="answer-([\w-]+)"', page):
            self.answers.setdefault(key, "")

    @task(3)
    def read_my_pages(self) -> None:
        me = self.page("/me/", "me")
        career = re.search(r'href="(/people/\d+/)career/"', me)
        if career:
            self.page(f"{career.group(1)}career/", "career page")
        self.page("/conversations/", "conversations")

    @task(2)
    def reread_conversation(self) -> None:
        self.open_conversation()

    @task(6)
    def write_reflection(self) -> None:
        if not self.answers:
            return
        self.typed += 1
        key = sorted(self.answers)[self.typed % len(self.answers)]
        self.answers[key] += f" thought {self.typed}."
        with self.client.post(
            f"{self.talk}reflection/",
            data={**{f"answer-{k}": v for k, v in self.answers.items()}, "version": self.version},
            headers={
                "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
                "Referer": self.client.base_url + self.talk,
            },
            name="autosave reflection",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code == 200:
                self.version = answer.json()["version"]
                saved = {"version": self.version, "answers": dict(self.answers)}
                self.confirmed("reflection", author=self.email, **saved)
            else:
                answer.failure(f"not saved: {answer.status_code} {answer.error or ''}")
                self.open_conversation()  # the page offers to copy and reload

    @task(1)
    def add_agenda_item(self) -> None:
        text = f"Topic {self.number}.{time.monotonic_ns()}"
        with self.client.post(
            f"{self.talk}agenda/",
            data={"text": text, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": self.client.base_url + self.talk},
            name="add to agenda",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code == 302 and "/accounts/login/" not in answer.headers["Location"]:
                self.confirmed("agenda", text=text)
            else:
                answer.failure(f"not added: {answer.status_code} {answer.error or ''}")


class Manager(Person):
    weight = 3
    role = "host"
    wait_time = between(1, 3)

    def on_start(self) -> None:
        super().on_start()
        self.notes = NoteCopy(Browser(self.client), self.talk)
        self.typed = 0
        self.page(self.talk, "conversation page")
        self.notes.sync()

    @task(8)
    def take_notes(self) -> None:
        # A few words typed, then sent a quarter of a second later, as the page does; what was
        # typed stays in the page's copy until a save goes through.
        self.typed += 1
        token = f"[{self.number}.{self.typed}]"
        self.notes.append(f" {token}")
        time.sleep(0.25)
        before = set(re.findall(r"\[\d+\.\d+\]", self.notes.value()))
        if self.notes.sync() == 200:
            mine = [t for t in before if t.startswith(f"[{self.number}.")]
            self.confirmed("notes", tokens=sorted(mine))

    @task(1)
    def open_conversation(self) -> None:
        self.page(self.talk, "conversation page")

    @task(1)
    def look_at_team(self) -> None:
        self.page("/team/", "my team")
