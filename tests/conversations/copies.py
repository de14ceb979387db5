"""A page's copy of a note, driven through the same HTTP protocol as conversation.js: the test
stand-in for a browser tab (Yjs in the browser and pycrdt here share one Rust-compatible
format). Offsets are plain ASCII positions: the tests type ASCII."""

from __future__ import annotations

import base64
import json

from django.urls import reverse
from pycrdt import Doc, Text


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class PageCopy:
    def __init__(self, client, conversation, document: str = "notes"):
        self.client = client
        self.url = reverse("conversations:sync_notes", args=[conversation.pk])
        self.document = document
        self.doc = Doc()
        self.root = self.doc.get("text", type=Text)
        self.server_vector = b""  # nothing known of the server yet: the first sync asks all

    @property
    def text(self) -> str:
        return str(self.root)

    def insert(self, index: int, text: str) -> None:
        self.root.insert(index, text)

    def delete(self, index: int, length: int) -> None:
        del self.root[index : index + length]

    def replace(self, new: str) -> None:
        """Type `new` over the whole text, as the page does: the smallest edit."""
        old = self.text
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end_old, end_new = len(old), len(new)
        while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
            end_old -= 1
            end_new -= 1
        if end_old > start:
            self.delete(start, end_old - start)
        if end_new > start:
            self.insert(start, new[start:end_new])

    def outgoing(self) -> dict:
        """The body the page would send for this document now."""
        update = (
            self.doc.get_update(self.server_vector) if self.server_vector else self.doc.get_update()
        )
        return {"update": b64(update), "state_vector": b64(self.doc.get_state())}

    def post(self, body: dict):
        return self.client.post(
            self.url, json.dumps({"documents": {self.document: body}}), "application/json"
        )

    def sync(self) -> dict:
        """Send what the server may lack and take what this copy lacks; the server's answer
        for this document ({"update", "state_vector"} or {"error", "message"})."""
        response = self.post(self.outgoing())
        assert response.status_code == 200, response.content
        answer = response.json()["documents"][self.document]
        if "error" not in answer:
            self.receive(base64.b64decode(answer["update"]))
            self.server_vector = base64.b64decode(answer["state_vector"])
        return answer

    def receive(self, update: bytes) -> None:
        self.doc.apply_update(update)
