"""Writes for practice: starting an attempt, saying a line, finishing, marking a lesson done.

The engine (classifier, persona, feedback) is plain Python; these functions put its answers in
the database, each in one transaction that locks the attempt's row, so two tabs sending lines
at once take turns and a finished attempt takes nothing more from any of them.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from careermap.core.errors import Closed, StaleEdit

from . import classifier, generative, persona, snapshots
from . import feedback as feedback_engine
from .models import (
    Attempt,
    CustomLesson,
    CustomScenario,
    LessonProgress,
    PairPractice,
    Turn,
)
from .scenarios import Scenario, ScenarioError

logger = logging.getLogger(__name__)

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


def endpoint_from_settings() -> generative.Endpoint | None:
    """The organisation's model server for the persona's wording, if one is configured."""
    if not settings.PRACTICE_MODEL_URL:
        return None
    return generative.Endpoint(
        url=settings.PRACTICE_MODEL_URL,
        model=settings.PRACTICE_MODEL_NAME,
        api_key=settings.PRACTICE_MODEL_API_KEY,
        timeout=settings.PRACTICE_MODEL_TIMEOUT,
    )


def say(attempt: Attempt, *, actor, text: str) -> Turn:
    """The practiser says `text`; returns the persona's answer. Both lines and the persona's
    new state are stored together, or none of them. With a model server configured, the
    answer is then reworded by it; if it gives nothing usable, the engine's own wording stays
    and the returned turn has `fallback` set, for the page to say so."""
    reply = _say(attempt, actor=actor, text=text)
    reply.fallback = False
    endpoint = endpoint_from_settings()
    if endpoint is None:
        return reply
    # Outside the transaction: a slow model server never holds the attempt's row locked.
    scenario = scenario_of(attempt)
    try:
        worded = generative.reword(
            endpoint, scenario, list(_state(attempt.state).revealed), text, reply.text
        )
    except generative.Unavailable:
        logger.warning("The practice model server gave no usable wording; the engine's is used.")
        reply.fallback = True
        return reply
    # Only while the attempt is open: a practice finished meanwhile stays as it was finished.
    changed = Turn.objects.filter(
        attempt_id=attempt.pk, number=reply.number, attempt__finished_at__isnull=True
    ).update(text=worded)
    if changed:
        reply.text = worded
    return reply


@transaction.atomic
def _say(attempt: Attempt, *, actor, text: str) -> Turn:
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
    scenario = scenario_of(current)
    result = feedback_engine.feedback(scenario, engine_turns(turns))
    # The persona says goodbye, after the feedback is drawn: a closing courtesy is not
    # listening the practiser earned.
    goodbye = persona.farewell(scenario, _state(current.state))
    Turn.objects.create(
        attempt=current, number=turns[-1].number + 1, speaker=Turn.PERSONA, text=goodbye
    )
    current.feedback = _plain(result)
    current.score = result.score
    current.finished_at = timezone.now()
    current.save(update_fields=["feedback", "score", "finished_at"])
    return current


def _plain(result) -> dict:
    """The engine's Feedback as JSON-ready data (tuples as lists, as it is read back)."""
    return json.loads(json.dumps(result.to_json()))


@transaction.atomic
def mark_lesson_done(*, actor, lesson_key: str) -> LessonProgress:
    done, _ = LessonProgress.objects.get_or_create(person=actor.person, lesson_key=lesson_key)
    return done


# Practice with a colleague ------------------------------------------------------------------

# What the one playing the team member watches for, in our own words: the course's habits.
CHECKLIST = {
    "past-first": "Asked about past work they enjoyed before suggesting anything",
    "future": "Asked where they want to go, in their own words",
    "open": "Used open questions more than closed or leading ones",
    "probing": "Followed an answer with a question that went deeper",
    "heard": "Acknowledged a worry before moving on",
    "summary": "Summarised what they heard and checked it",
    "workload": "Talked about workload and support before agreeing anything new",
    "next-step": "Ended with a concrete next step",
}


@transaction.atomic
def book_pair(*, actor, partner, scenario: Scenario, starts_at, leader: str) -> PairPractice:
    """A practice session with a colleague. Nothing is sent: the two agree it between them."""
    me = actor.person
    if partner.pk == me.pk:
        raise ValueError("Practise with a colleague: choose someone other than yourself.")
    return PairPractice.objects.create(
        organiser=me,
        partner=partner,
        scenario_key=scenario.key,
        scenario_title=scenario.title,
        starts_at=starts_at,
        leader=leader,
    )


@transaction.atomic
def save_pair_feedback(pair: PairPractice, *, actor, checklist: dict, feedback: dict):
    """The observer's checklist and feedback form, from the one who played the team member;
    saved again as often as they like (they may fill it in during the session)."""
    current = PairPractice.objects.select_for_update().get(pk=pair.pk)
    if getattr(actor, "person", None) is None or current.player.pk != actor.person.pk:
        raise PermissionDenied("The one who plays the team member writes the feedback.")
    current.checklist = {key: bool(checklist.get(key)) for key in CHECKLIST}
    current.feedback = feedback
    current.feedback_at = timezone.now()
    current.save(update_fields=["checklist", "feedback", "feedback_at"])
    return current


# The organisation's own scenarios ------------------------------------------------------------


@transaction.atomic
def save_custom_scenario(custom, *, actor, source: str, version: int | None):
    """Save an adapted scenario after checking it like a built-in one (a ScenarioError lists
    every problem); `version` is the one the form was opened with (None for a new copy)."""
    from careermap.conversations import playbooks

    from .scenarios import from_yaml

    scenario = from_yaml(source, custom.key, playbooks=set(playbooks.available()))
    if scenario.key != custom.key:
        raise ScenarioError(custom.key, [f"id “{scenario.key}” must be “{custom.key}”"])
    if custom.pk is None:
        custom.source, custom.created_by = source, actor.person
        custom.save()
        return custom
    if not CustomScenario.objects.filter(pk=custom.pk, version=version).update(
        source=source, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise StaleEdit(CustomScenario.objects.get(pk=custom.pk))
    custom.refresh_from_db()
    return custom


@transaction.atomic
def save_custom_lesson(custom, *, actor, source: str, version: int | None):
    """Save an adapted lesson after checking it like a built-in one (a LessonError lists every
    problem); `version` is the one the form was opened with (None for a new copy)."""
    from .lessons import LessonError, parse
    from .queries import available_scenarios

    lesson = parse(source, custom.key, scenarios=set(available_scenarios()))
    if lesson.key != custom.key:
        raise LessonError(custom.key, [f"key “{lesson.key}” must be “{custom.key}”"])
    if custom.pk is None:
        custom.source, custom.created_by = source, actor.person
        custom.save()
        return custom
    if not CustomLesson.objects.filter(pk=custom.pk, version=version).update(
        source=source, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise StaleEdit(CustomLesson.objects.get(pk=custom.pk))
    custom.refresh_from_db()
    return custom
