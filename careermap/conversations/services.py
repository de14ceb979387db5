"""Writes for career conversations. Views and tests come through here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import calendar, merging
from .models import AgendaItem, Conversation, NextStep, Note, Reflection
from .playbooks import Playbook, library, parse

CHECK_IN_PLAYBOOK = "development-check-in"


class Stale(Exception):
    """The record changed since the form was opened."""

    def __init__(self, current):
        super().__init__("Changed by someone else meanwhile.")
        self.current = current


class NotOpen(Exception):
    """The conversation is closed or cancelled: nothing more can be written to it."""


def _open(conversation: Conversation) -> None:
    if conversation.status != Conversation.SCHEDULED:
        raise NotOpen(f"This conversation is {conversation.get_status_display().lower()}.")


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
    _open(conversation)
    updated = Conversation.objects.filter(pk=conversation.pk, version=version).update(
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        video_link=video_link.strip(),
        ics_sequence=F("ics_sequence") + 1,
        version=F("version") + 1,
    )
    if not updated:
        raise Stale(Conversation.objects.get(pk=conversation.pk))
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
    booked = (
        Conversation.objects.filter(
            playbook_key=CHECK_IN_PLAYBOOK,
            status=Conversation.SCHEDULED,
            host=host,
            guest=guest,
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
    _open(conversation)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Conversation.CANCELLED,
        ics_sequence=F("ics_sequence") + 1,
        version=F("version") + 1,
    )
    conversation.refresh_from_db()
    _invite_on_commit(conversation)
    return conversation


@transaction.atomic
def add_agenda_item(conversation, *, actor, text: str) -> AgendaItem:
    _open(conversation)
    return AgendaItem.objects.create(
        conversation=conversation, author=actor.person, text=text.strip()
    )


@transaction.atomic
def save_reflection(
    conversation, *, actor, answers: dict[str, str], version: int, share: bool = False
) -> Reflection:
    """Save a draft of my reflection (autosave); `version` is the draft the page last saw."""
    reflection, _ = Reflection.objects.select_for_update().get_or_create(
        conversation=conversation, author=actor.person
    )
    if reflection.version != version:
        raise Stale(reflection)
    keys = {q["id"] for q in conversation.playbook_data["phases"][0].get("questions", [])}
    reflection.answers = {k: v for k, v in answers.items() if k in keys}
    reflection.version += 1
    if share and reflection.shared_at is None:
        reflection.shared_at = timezone.now()
    reflection.save()
    return reflection


def hold_questions(conversation) -> dict[str, str]:
    """The conversation's questions (as scheduled) by id: each has a shared answer area."""
    hold = next(p for p in conversation.playbook_data["phases"] if p["id"] == "hold")
    return {q["id"]: q["text"] for s in hold.get("sections", []) for q in s.get("questions", [])}


@dataclass
class NoteSave:
    note: Note
    merged: bool  # my edit was merged with someone else's
    conflict: str | None = None  # my text, when it could not be merged


@transaction.atomic
def save_note(
    conversation,
    *,
    actor,
    private: bool,
    text: str,
    base_version: int,
    base_text: str,
    question_key: str = "",
) -> NoteSave:
    """Save shared notes (the general ones, or the answer under `question_key`) or my private
    note, edited from `base_version`/`base_text`.

    When the other person saved in between, my edit is merged into theirs; if both changed the
    same passage, theirs stays and mine comes back as a conflict for me to resolve.
    """
    _open(conversation)
    if question_key and (private or question_key not in hold_questions(conversation)):
        raise ValueError(f"No shared answer “{question_key}” in this conversation.")
    note, _ = Note.objects.select_for_update().get_or_create(
        conversation=conversation,
        private_to=actor.person if private else None,
        question_key=question_key,
    )
    if note.version == base_version:
        note.text, merged, conflict = text, False, None
    else:
        note.text, clean = merging.merge(base_text, text, note.text)
        merged, conflict = True, (None if clean else text)
        if conflict:
            note.text = Note.objects.get(pk=note.pk).text
    if conflict is None:
        note.version += 1
        note.updated_by = actor.person
        note.save()
    return NoteSave(note=note, merged=merged, conflict=conflict)


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
    return NextStep.objects.create(
        conversation=conversation,
        what=what.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
        support=support.strip(),
    )


@transaction.atomic
def remove_next_step(step, *, actor) -> None:
    step.delete()


@transaction.atomic
def close(
    conversation, *, actor, version: int, summary: str, follow_up_on, write_up_wanted: bool
) -> Conversation:
    """Close the conversation with its summary and book the follow-up check-in on the agreed
    date (same time of day and place, same people), all or nothing."""
    _open(conversation)
    updated = Conversation.objects.filter(pk=conversation.pk, version=version).update(
        summary=summary.strip(),
        follow_up_on=follow_up_on,
        write_up_wanted=write_up_wanted,
        status=Conversation.CLOSED,
        closed_at=timezone.now(),
        version=F("version") + 1,
    )
    if not updated:
        raise Stale(Conversation.objects.get(pk=conversation.pk))
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
        raise Stale(CustomPlaybook.objects.get(pk=custom.pk))
    custom.refresh_from_db()
    return custom
