"""Writes for practice: starting an attempt, saying a line, finishing, marking a lesson done.

The engine (classifier, persona, feedback) is plain Python; these functions put its answers in
the database, each in one transaction that locks the attempt's row, so two tabs sending lines
at once take turns and a finished attempt takes nothing more from any of them.
"""

from __future__ import annotations

import dataclasses
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from careermap.core.errors import Closed

from . import classifier, persona, snapshots
from . import feedback as feedback_engine
from .models import Attempt, LessonProgress, Turn
from .scenarios import Scenario

# The longest line a practiser may send: a career conversation is spoken, and a paragraph
# longer than this is a speech, not a turn.
LINE_LIMIT = 1_000


class NothingSaid(ValueError):
    """An empty line, or a finish with nothing said: there is nothing to answer or assess."""


class TooLong(ValueError):
    """A line over LINE_LIMIT: refused whole, so the practiser can shorten it."""


def scenario_of(attempt: Attempt) -> Scenario:
    """The scenario as it was when the attempt started."""
    return snapshots.from_data(Scenario, attempt.scenario_data)


def _owner(attempt: Attempt, actor) -> None:
    person = getattr(actor, "person", None)
    if person is None or person.pk != attempt.person_id:
        raise PermissionDenied("A practice attempt is its practiser's alone.")


def _lock(attempt: Attempt, actor) -> Attempt:
    """The attempt's row, locked for this transaction, if it is the actor's and not finished."""
    current = Attempt.objects.select_for_update().get(pk=attempt.pk)
    _owner(current, actor)
    if current.finished_at is not None:
        raise Closed("This practice is finished: start a new one to practise again.")
    return current


def _state_data(state) -> dict:
    data = state.to_json()
    return json.loads(data) if isinstance(data, str) else data


def _state(data) -> persona.State:
    return persona.State.from_json(data)


@transaction.atomic
def start_attempt(*, actor, scenario: Scenario, conversation=None) -> Attempt:
    """A new attempt at `scenario` (a rehearsal of `conversation` when given), opened with
    the persona's first line."""
    state, opening = persona.start(scenario)
    attempt = Attempt.objects.create(
        person=actor.person,
        scenario_key=scenario.key,
        scenario_title=scenario.title,
        scenario_data=snapshots.to_data(scenario),
        conversation=conversation,
        state=_state_data(state),
    )
    Turn.objects.create(attempt=attempt, number=1, speaker=Turn.PERSONA, text=opening)
    return attempt


@transaction.atomic
def say(attempt: Attempt, *, actor, text: str) -> Turn:
    """The practiser says `text`; returns the persona's answer. Both lines and the persona's
    new state are stored together, or none of them."""
    text = text.strip()
    if not text:
        raise NothingSaid("Write what you would say first.")
    if len(text) > LINE_LIMIT:
        raise TooLong(
            f"This is {len(text):,} characters long; keep a turn under {LINE_LIMIT:,} "
            "characters, as you would when speaking."
        )
    current = _lock(attempt, actor)
    scenario = scenario_of(current)
    reading = classifier.classify(text)
    reply = persona.reply(scenario, _state(current.state), text, reading)
    last = current.turns.aggregate(last=Max("number"))["last"] or 0
    mine = Turn(
        attempt=current,
        number=last + 1,
        speaker=Turn.MANAGER,
        text=text,
        kind=reading.kind,
        topics=list(reading.topics),
        probing=reading.probing,
        grow=reading.grow or "",
    )
    theirs = Turn(
        attempt=current,
        number=last + 2,
        speaker=Turn.PERSONA,
        text=reply.text,
        revealed=list(reply.revealed),
    )
    Turn.objects.bulk_create([mine, theirs])
    current.state = _state_data(reply.state)
    current.save(update_fields=["state"])
    attempt.state = current.state
    return theirs


def engine_turns(turns) -> list[tuple]:
    """Stored turns as the feedback engine takes them: (speaker, text, reading, revealed)."""
    return [
        (
            t.speaker,
            t.text,
            classifier.Classification(
                kind=t.kind, topics=tuple(t.topics), probing=t.probing, grow=t.grow or None
            )
            if t.speaker == Turn.MANAGER
            else None,
            tuple(t.revealed),
        )
        for t in turns
    ]


@transaction.atomic
def finish(attempt: Attempt, *, actor) -> Attempt:
    """End the attempt and store its feedback and score. Finishing is final: a finished
    attempt takes no more lines, and finishing it again changes nothing."""
    current = Attempt.objects.select_for_update().get(pk=attempt.pk)
    _owner(current, actor)
    if current.finished_at is not None:
        return current
    turns = list(current.turns.all())
    if not any(t.speaker == Turn.MANAGER for t in turns):
        raise NothingSaid("Say at least one thing before finishing: there is nothing to assess.")
    result = feedback_engine.feedback(scenario_of(current), engine_turns(turns))
    current.feedback = _plain(result)
    current.score = int(round(result.score))
    current.finished_at = timezone.now()
    current.save(update_fields=["feedback", "score", "finished_at"])
    return current


def _plain(result) -> dict:
    """The engine's Feedback as JSON-ready data."""
    if hasattr(result, "to_json"):
        data = result.to_json()
        return json.loads(data) if isinstance(data, str) else data
    return json.loads(json.dumps(dataclasses.asdict(result), default=list))


@transaction.atomic
def mark_lesson_done(*, actor, lesson_key: str) -> LessonProgress:
    done, _ = LessonProgress.objects.get_or_create(person=actor.person, lesson_key=lesson_key)
    return done
