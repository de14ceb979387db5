"""Shared documents under any interleaving: 2 to 5 pages insert and delete at once, go
offline and come back, repeat requests, and receive the server's announcements late, twice or
out of order. At the end every page and the server hold the same text, and every insertion
that nobody deleted is in it, exactly once.

Each insertion is a token such as "[2.17]" put between two tokens (never inside one), and each
deletion removes one whole token a page can see, so the final text can be checked token by
token against what was typed.
"""

import base64
import datetime as dt
import json
import os
import re

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careermap.conversations import playbooks, services
from careermap.conversations.models import Note
from careermap.live.models import Event

from .copies import PageCopy

TOKEN = re.compile(r"\[\d+\.\d+\]")

operations = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 4), st.integers(0, 1000)),
        st.tuples(st.just("delete"), st.integers(0, 4), st.integers(0, 1000)),
        st.tuples(st.just("sync"), st.integers(0, 4), st.just(0)),
        st.tuples(st.just("offline"), st.integers(0, 4), st.just(0)),
        st.tuples(st.just("online"), st.integers(0, 4), st.just(0)),
        st.tuples(st.just("repeat"), st.integers(0, 4), st.integers(0, 1000)),
        st.tuples(st.just("announce"), st.integers(0, 4), st.integers(0, 1000)),
    ),
    min_size=1,
    max_size=60,
)


class Page(PageCopy):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.online = True
        self.sent: list[dict] = []  # every body this page posted, for the network to repeat

    def tokens(self) -> list[str]:
        found = TOKEN.findall(self.text)
        assert "".join(found) == self.text, "a token was split"
        return found

    def insert_token(self, token: str, where: int) -> None:
        boundaries = [0]
        for t in self.tokens():
            boundaries.append(boundaries[-1] + len(t))
        self.insert(boundaries[where % len(boundaries)], token)

    def delete_token(self, which: int) -> str | None:
        tokens = self.tokens()
        if not tokens:
            return None
        index = which % len(tokens)
        self.delete(sum(len(t) for t in tokens[:index]), len(tokens[index]))
        return tokens[index]

    def sync(self):
        if self.online:
            self.sent.append(self.outgoing())
            super().sync()


@settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 60)),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),  # CI reruns the same examples every time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(clients=st.integers(2, 5), steps=operations)
def test_every_page_ends_with_the_same_text_and_nothing_typed_is_lost(
    client, manager, report, clients, steps
):
    conversation = services.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=1),
        duration_minutes=45,
    )
    client.force_login(manager.user)
    pages = [Page(client, conversation) for _ in range(clients)]
    channel = f"conversation-{conversation.pk}"
    typed, deleted = set(), set()
    for number, (action, who, n) in enumerate(steps):
        page = pages[who % clients]
        if action == "insert":
            token = f"[{who % clients}.{number}]"
            page.insert_token(token, n)
            typed.add(token)
        elif action == "delete":
            gone = page.delete_token(n)
            if gone:
                deleted.add(gone)
        elif action == "sync":
            page.sync()
        elif action == "offline":
            page.online = False
        elif action == "online":
            page.online = True
            page.sync()
        elif action == "repeat" and page.online and page.sent:
            # The network delivers an earlier request of this page again, late.
            assert page.post(page.sent[n % len(page.sent)]).status_code == 200
        elif action == "announce" and page.online:
            # The event stream hands this page an announcement: any one, possibly again,
            # possibly before ones published earlier.
            published = list(
                Event.objects.filter(channel=channel).values_list("payload", flat=True)
            )
            if published:
                body = json.loads(published[n % len(published)])
                page.receive(base64.b64decode(body["data"]["update"]))
    for page in pages:
        page.online = True
    for _ in range(2):  # everyone sends what they have, then catches up with everyone else
        for page in pages:
            page.sync()
    stored = Note.objects.get(conversation=conversation, private_to=None, question_key="").text
    for page in pages:
        assert page.text == stored
    final = pages[0].tokens()
    assert len(final) == len(set(final)), "an insertion appears twice"
    assert set(final) == typed - deleted
