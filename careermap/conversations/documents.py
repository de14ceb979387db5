"""Shared text as a CRDT: the conversation's notes and the answer under each question.

Each text area is a Yjs document (the browser runs Yjs; the server runs the same Rust core
through pycrdt). Concurrent edits merge by construction: every character has an identity, so
two people typing in the same line, one offline for a while, both keep what they typed, and
applying the same update twice, or updates out of order, changes nothing. The server keeps
each document's merged state and, beside it, its plain text for pages, write-ups and records.
docs/conversations.md explains the protocol.
"""

from __future__ import annotations

from dataclasses import dataclass

from pycrdt import Doc, Text

ROOT = "text"  # the name of the one Y.Text in each document, the same in the browser


@dataclass
class Applied:
    state: bytes  # the merged document, to store
    text: str  # its plain text
    changed: bool  # whether the update brought anything new
    news: bytes  # the update others need: what this one added to the stored document


def _open(state: bytes) -> tuple[Doc, Text]:
    doc = Doc()
    text = doc.get(ROOT, type=Text)
    if state:
        doc.apply_update(state)
    return doc, text


def new_state(text: str = "") -> bytes:
    """A document holding `text` (documents written before notes were collaborative)."""
    doc, root = _open(b"")
    if text:
        root += text
    return doc.get_update()


def text_of(state: bytes) -> str:
    return str(_open(state)[1])


def apply(state: bytes, update: bytes) -> Applied:
    """Merge an update from a browser into the stored document. Raises ValueError for bytes
    that are not a Yjs update."""
    doc, root = _open(state)
    before_text = str(root)
    before = doc.get_state()
    if update:
        try:
            doc.apply_update(update)
        except Exception as exc:
            raise ValueError("This is not an update of a shared text.") from exc
    text = str(root)
    changed = doc.get_state() != before or text != before_text
    return Applied(
        state=doc.get_update() if changed else state,
        text=text,
        changed=changed,
        news=doc.get_update(before) if changed else b"",
    )


def missing(state: bytes, state_vector: bytes) -> tuple[bytes, bytes]:
    """What a browser whose document is at `state_vector` lacks, and the server's own state
    vector, so its next update can carry only what the server lacks."""
    doc, _root = _open(state)
    try:
        update = doc.get_update(state_vector) if state_vector else doc.get_update()
    except Exception as exc:
        raise ValueError("This is not a state vector of a shared text.") from exc
    return update, doc.get_state()
