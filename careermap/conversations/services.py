"""Writes for career conversations. Views, commands and tests come through here.

Every write to a conversation's content locks the conversation's row and checks it is still
open, in the same transaction: once a conversation is closed, nothing reaches it from a tab
left open, a retried save or another device, whichever page or function it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from careermap import access
from careermap.core.errors import Closed, StaleEdit
from careermap.live import events as live

from . import calendar, documents
from .models import AgendaItem, Conversation, NextStep, Note, Reflection
from .playbooks import Playbook, library, parse

CHECK_IN_PLAYBOOK = "development-check-in"
# The longest a note (shared or private) or a reflection answer may be. Longer text is refused
# with a message, never cut: nothing typed disappears without the writer being told.
NOTE_LIMIT = 100_000
ANSWER_LIMIT = 5_000


class TooLong(ValueError):
    """Text over its limit: refused whole, so the writer can shorten it and save again."""

    def __init__(self, message: str, *, field: str = "", limit: int = 0):
        super().__init__(message)
        self.field = field
        self.limit = limit


def _lock_open(conversation: Conversation) -> Conversation:
    """The conversation's row, locked for this transaction, if it is still open."""
    current = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if current.status != Conversation.SCHEDULED:
        raise Closed(
            f"This conversation was {current.get_status_display().lower()}: "
            "nothing more can be changed in it."
        )
    return current


def _announce(conversation, event: str, **data) -> None:
    """Tell both participants' open pages (after commit)."""
    live.publish(f"conversation-{conversation.pk}", event, data)


def _name(actor) -> str:
    person = getattr(actor, "person", None)
    return person.name if person else "Someone"


def _invite_on_commit(conversation: Conversation) -> None:
    """Both calendars get the invite (or its update, or its cancellation) once the change is
    committed: never for a change that rolled back, and from every caller alike."""
    pk = conversation.pk
    transaction.on_commit(
        lambda: calendar.send_invite(
            Conversation.objects.select_related("host", "guest").get(pk=pk)
        )
    )


@transaction.atomic
def schedule(
    *, actor, playbook: Playbook, other, starts_at, duration_minutes, place="", video_link=""
) -> Conversation:
    me = actor.person
    # The manager hosts; between peers, the person who schedules.
    if other.manager_id == me.pk or playbook.led_by == "peers":
        host, guest = me, other
    else:
        host, guest = other, me
    conversation = Conversation.objects.create(
        playbook_key=playbook.key,
        playbook_version=playbook.version,
        playbook_data=playbook.data,
        host=host,
        guest=guest,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        video_link=video_link.strip(),
        created_by=me,
    )
    Note.objects.create(conversation=conversation)
    _invite_on_commit(conversation)
    return conversation


@transaction.atomic
def reschedule(
    conversation, *, actor, version, starts_at, duration_minutes, place, video_link
) -> Conversation:
    _lock_open(conversation)
    updated = Conversation.objects.filter(pk=conversation.pk, version=version).update(
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        video_link=video_link.strip(),
        ics_sequence=F("ics_sequence") + 1,
        version=F("version") + 1,
    )
    if not updated:
        raise StaleEdit(Conversation.objects.get(pk=conversation.pk))
    conversation.refresh_from_db()
    _invite_on_commit(conversation)
    return conversation


@transaction.atomic
def book_check_in(*, actor, host, guest, starts_at, place="", video_link="") -> Conversation:
    """Put the development check-in between these two people in both calendars.

    There is only ever one upcoming check-in between two people: one already booked is moved
    to the new time (its invite updated), never doubled, whichever path asks for it (a
    conversation's close-out, a check-in recorded on the plan) and however often.
    """
    # Locking the two people's rows makes two bookings at the same moment queue, so the second
    # finds the first's conversation instead of adding its own.
    list(type(host).objects.select_for_update().filter(pk__in=[host.pk, guest.pk]))
    # Either of them may have hosted the one booked (a peer conversation the report scheduled
    # with their manager books its follow-up the other way round).
    between = Q(host=host, guest=guest) | Q(host=guest, guest=host)
    booked = (
        Conversation.objects.filter(
            between,
            playbook_key=CHECK_IN_PLAYBOOK,
            status=Conversation.SCHEDULED,
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    if booked is None:
        return book(
            actor=actor,
            playbook=library()[CHECK_IN_PLAYBOOK],
            host=host,
            guest=guest,
            starts_at=starts_at,
            place=place,
            video_link=video_link,
        )
    if booked.starts_at == starts_at:
        return booked
    return reschedule(
        booked,
        actor=actor,
        version=booked.version,
        starts_at=starts_at,
        duration_minutes=booked.duration_minutes,
        place=booked.place,
        video_link=booked.video_link,
    )


@transaction.atomic
def book(
    *, actor, playbook: Playbook, host, guest, starts_at, place="", video_link=""
) -> Conversation:
    """A conversation between two given people (a follow-up, a plan's next check-in), for the
    playbook's usual length."""
    booked = Conversation.objects.create(
        playbook_key=playbook.key,
        playbook_version=playbook.version,
        playbook_data=playbook.data,
        host=host,
        guest=guest,
        starts_at=starts_at,
        duration_minutes=playbook.duration_minutes,
        place=place,
        video_link=video_link,
        created_by=getattr(actor, "person", None),
    )
    Note.objects.create(conversation=booked)
    _invite_on_commit(booked)
    return booked


@transaction.atomic
def cancel(conversation, *, actor) -> Conversation:
    _lock_open(conversation)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Conversation.CANCELLED,
        ics_sequence=F("ics_sequence") + 1,
        version=F("version") + 1,
    )
    conversation.refresh_from_db()
    _invite_on_commit(conversation)
    _announce(conversation, "closed", message=f"{_name(actor)} cancelled this conversation.")
    return conversation


@transaction.atomic
def add_agenda_item(conversation, *, actor, text: str) -> AgendaItem:
    _lock_open(conversation)
    item = AgendaItem.objects.create(
        conversation=conversation, author=actor.person, text=text.strip()
    )
    _announce(conversation, "changed", message=f"{_name(actor)} added to the agenda.")
    return item


def reflection_questions(conversation) -> dict[str, str]:
    """The preparation questions (as scheduled) by id: each has an answer in a reflection."""
    return {
        q["id"]: q["text"] for q in conversation.playbook_data["phases"][0].get("questions", [])
    }


@transaction.atomic
def save_reflection(
    conversation, *, actor, answers: dict[str, str], version: int, share: bool = False
) -> Reflection:
    """Save a draft of my reflection (autosave), and share it when asked; `version` is the
    draft the page last saw. Sharing cannot be taken back."""
    if not access.writes_reflection(actor, conversation):
        raise PermissionDenied("Only the team member (or each peer) writes a reflection.")
    questions = reflection_questions(conversation)
    for key, text in answers.items():
        if key in questions and len(text) > ANSWER_LIMIT:
            raise TooLong(
                f"This answer is {len(text):,} characters long; the limit is {ANSWER_LIMIT:,}. "
                "Shorten it and it will be saved.",
                field=key,
                limit=ANSWER_LIMIT,
            )
    _lock_open(conversation)
    reflection, _ = Reflection.objects.select_for_update().get_or_create(
        conversation=conversation, author=actor.person
    )
    if reflection.version != version:
        raise StaleEdit(reflection, "Changed in another window meanwhile.")
    reflection.answers = {k: v for k, v in answers.items() if k in questions}
    reflection.version += 1
    newly_shared = share and reflection.shared_at is None
    if newly_shared:
        reflection.shared_at = timezone.now()
    reflection.save()
    if newly_shared:
        _announce(
            conversation,
            "changed",
            message=f"{_name(actor)} shared their reflection.",
        )
    return reflection


def hold_questions(conversation) -> dict[str, str]:
    """The conversation's questions (as scheduled) by id: each has a shared answer area."""
    hold = next(p for p in conversation.playbook_data["phases"] if p["id"] == "hold")
    return {q["id"]: q["text"] for s in hold.get("sections", []) for q in s.get("questions", [])}


def note_documents(conversation) -> dict[str, str]:
    """The conversation's shared documents by name, with what each is for: the general
    notes, and the answer area under each of the playbook's questions (as scheduled)."""
    return {
        "notes": "Shared notes",
        **{f"answer-{key}": text for key, text in hold_questions(conversation).items()},
    }


@dataclass
class Synced:
    update: bytes  # what the browser's copy lacks
    state_vector: bytes  # the server's copy, for the browser's next update
    text: str


@transaction.atomic
def sync_note(conversation, *, actor, document: str, update: bytes, state_vector: bytes) -> Synced:
    """Merge a browser's edits into a shared document (`notes`, `answer-<question>`) or into
    the author's private note (`private`), and answer what that browser lacks.

    Any number of browsers may edit at once, offline for a while, repeat an update or send
    them out of order: the document merges them all, and nothing typed is lost. An update that
    brings nothing new (a repeat, or a page only catching up) is answered even when the
    conversation is closed; one that changes the text is refused then.
    """
    me = actor.person
    private = document == "private"
    if not private and document not in note_documents(conversation):
        raise ValueError(f"There is no “{document}” in this conversation.")
    question = document.removeprefix("answer-") if document.startswith("answer-") else ""
    current = Conversation.objects.select_for_update().get(pk=conversation.pk)
    which = {
        "conversation": conversation,
        "private_to": me if private else None,
        "question_key": question,
    }
    note = Note.objects.select_for_update().filter(**which).first()
    applied = documents.apply(bytes(note.state) if note else b"", update)
    if applied.changed:
        if current.status != Conversation.SCHEDULED:
            raise Closed(
                f"This conversation was {current.get_status_display().lower()} before your "
                "last changes reached it, so they were not saved."
            )
        if len(applied.text) > NOTE_LIMIT:
            raise TooLong(
                f"This would make it {len(applied.text):,} characters long; the limit is "
                f"{NOTE_LIMIT:,}. Shorten it and your changes will be saved.",
                limit=NOTE_LIMIT,
            )
        if note is None:  # the first words in this area: its note is made now
            note, made = Note.objects.get_or_create(**which)
            if not made:  # made by someone else a moment ago: merge into theirs
                note = Note.objects.select_for_update().get(pk=note.pk)
                applied = documents.apply(bytes(note.state), update)
        Note.objects.filter(pk=note.pk).update(
            state=applied.state, text=applied.text, updated_by=me, updated_at=timezone.now()
        )
        channel = f"conversation-{conversation.pk}" + (f"-person-{me.pk}" if private else "")
        live.publish(
            channel,
            "update",
            {"document": document, "update": _b64(applied.news), "by": me.name},
        )
    missing, server_vector = documents.missing(applied.state, state_vector)
    return Synced(update=missing, state_vector=server_vector, text=applied.text)


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()


@transaction.atomic
def add_next_step(
    conversation,
    *,
    actor,
    what: str,
    owner=None,
    owner_name: str = "",
    due_on: dt.date | None = None,
    support: str = "",
) -> NextStep:
    _lock_open(conversation)
    step = NextStep.objects.create(
        conversation=conversation,
        what=what.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
        support=support.strip(),
    )
    _announce(conversation, "changed", message=f"{_name(actor)} added a next step.")
    return step


@transaction.atomic
def remove_next_step(step, *, actor) -> None:
    _lock_open(step.conversation)
    step.delete()
    _announce(step.conversation, "changed", message=f"{_name(actor)} removed a next step.")


@transaction.atomic
def close(
    conversation, *, actor, version: int, summary: str, follow_up_on, write_up_wanted: bool
) -> Conversation:
    """Close the conversation with its summary and book the follow-up check-in on the agreed
    date (same time of day and place, same people), all or nothing."""
    _lock_open(conversation)
    updated = Conversation.objects.filter(pk=conversation.pk, version=version).update(
        summary=summary.strip(),
        follow_up_on=follow_up_on,
        write_up_wanted=write_up_wanted,
        status=Conversation.CLOSED,
        closed_at=timezone.now(),
        version=F("version") + 1,
    )
    if not updated:
        raise StaleEdit(Conversation.objects.get(pk=conversation.pk))
    conversation.refresh_from_db()
    if follow_up_on is not None:
        when = timezone.localtime(conversation.starts_at)
        book_check_in(
            actor=actor,
            host=conversation.host,
            guest=conversation.guest,
            starts_at=timezone.make_aware(dt.datetime.combine(follow_up_on, when.time())),
            place=conversation.place,
            video_link=conversation.video_link,
        )
    _announce(conversation, "closed", message=f"{_name(actor)} closed this conversation.")
    return conversation


@transaction.atomic
def save_custom_playbook(custom, *, actor, source: str, version: int | None):
    """Save an adapted playbook after checking it like a built-in one; `version` is the one the
    form was opened with (None for a new copy)."""
    from .models import CustomPlaybook

    data = yaml.safe_load(source)  # a YAMLError or PlaybookError reaches the form
    if isinstance(data, dict):
        data["id"] = custom.key
        data.setdefault("version", 1)
    parse(data, custom.key)
    if custom.pk is None:
        custom.source, custom.created_by = source, actor.person
        custom.save()
        return custom
    if not CustomPlaybook.objects.filter(pk=custom.pk, version=version).update(
        source=source, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise StaleEdit(CustomPlaybook.objects.get(pk=custom.pk))
    custom.refresh_from_db()
    return custom
