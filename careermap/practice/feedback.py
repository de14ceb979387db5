"""Feedback at the end of a role-play: what the practiser did, in plain numbers, and three
concrete suggestions that quote their own lines and offer a better question.

Deterministic: the same transcript always gives the same feedback, so an attempt's feedback can
be recomputed and a history compared. A turn is (speaker, text, classification, revealed keys):
speaker "manager" (whoever practises, also a team member or a peer) or "persona"; the
classification is the practiser's line's (classifier.Classification, or anything with its
fields) and None for the persona's lines.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from . import persona as engine
from .scenarios import TOPIC_NAMES, TOPICS, Scenario

KINDS = ("open", "closed", "leading", "statement", "empathy", "summary")  # as classifier.KINDS
KIND_NAMES = {
    "open": "Open question",
    "closed": "Closed question",
    "leading": "Leading question",
    "statement": "Statement",
    "empathy": "Empathy or acknowledgement",
    "summary": "Summary",
}
QUESTION_KINDS = ("open", "closed", "leading")
STAGES = {"goal": "Goal", "reality": "Reality", "options": "Options", "will": "Way forward"}

# Better questions per topic, used when no missed fact offers its own (our own words).
BANK = {
    "past": (
        "Which piece of work from the last year are you proudest of, and what was your part?",
        "When did work last feel really absorbing for you? What were you doing?",
        "What problems have you enjoyed solving in the past, even when they were hard?",
    ),
    "future": (
        "If the next two years went really well for you, what would you be doing?",
        "What would you like to be known for in a few years' time?",
        "Which future roles, here or elsewhere, make you curious?",
    ),
    "skills": (
        "Which skills would you most like to build next, and why those?",
        "What do colleagues come to you for?",
        "Which of your skills do you feel least sure of at the moment?",
    ),
    "opportunities": (
        "What kind of project would stretch you in a way you'd welcome?",
        "Which upcoming projects in the team would you most like a hand in?",
        "What opportunities would you add to your role if you could shape it a little?",
    ),
    "support": (
        "What support would make it easier for you to take the next step?",
        "What could I do differently to back you on this?",
        "Who else could help you get there, and how can I connect you?",
    ),
    "workload": (
        "How does your workload feel at the moment, honestly?",
        "What would need to come off your plate to make room for something new?",
        "Which parts of your workload drain you most?",
    ),
}
GROW_BANK = {
    "goal": "What is your long-term goal, ten years from now?",
    "reality": "Where are you right now, and what have you already tried?",
    "options": "What could you try next? And what else, if that didn't work out?",
    "will": "Which first step will you take this month, and how will we know it happened?",
}
DEEPER = (
    "What makes that important to you?",
    "Can you tell me more about that?",
    "What specifically would that look like in practice for you?",
)
SUMMARY_TRY = "So, what I'm hearing is … have I got that right?"


@dataclass(frozen=True)
class KindShare:
    kind: str
    name: str
    count: int
    percent: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class TopicCover:
    topic: str
    name: str
    wanted: bool  # one of the goals' topics
    covered: bool  # raised with an open question, a remark or a summary
    touched: bool  # raised only with closed or leading questions


@dataclass(frozen=True)
class FactResult:
    key: str
    text: str
    found: bool
    hint: str


@dataclass(frozen=True)
class GoalResult:
    key: str
    text: str
    met: bool


@dataclass(frozen=True)
class StageResult:
    stage: str
    name: str
    reached: bool
    example: str


@dataclass(frozen=True)
class Suggestion:
    quote: str  # the practiser's own line
    why: str
    better: str  # a better question to ask instead


@dataclass(frozen=True)
class Feedback:
    lines: int
    questions: int
    kinds: tuple[KindShare, ...]
    topics: tuple[TopicCover, ...]
    facts: tuple[FactResult, ...]
    found: int
    total: int
    goals: tuple[GoalResult, ...]
    grow: tuple[StageResult, ...] | None  # None when the scenario does not use GROW
    words_spoken: int  # by the practiser
    words_heard: int  # by the persona
    talk_percent: int  # the practiser's share of the words
    suggestions: tuple[Suggestion, ...]  # exactly three
    notes: tuple[str, ...]  # the headline findings, in plain sentences
    score: int  # 0-100, for the history

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Feedback:
        parts = {
            "kinds": KindShare,
            "topics": TopicCover,
            "facts": FactResult,
            "goals": GoalResult,
            "grow": StageResult,
            "suggestions": Suggestion,
        }
        values = dict(data)
        for name, kind in parts.items():
            if values.get(name) is not None:
                values[name] = tuple(
                    kind(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()})
                    for item in values[name]
                )
        values["notes"] = tuple(values.get("notes", ()))
        return cls(**values)


def _words(text: str) -> int:
    return len(text.split())


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def feedback(scenario: Scenario, turns) -> Feedback:
    mine = [(text, c) for speaker, text, c, _ in turns if speaker == "manager" and c is not None]
    # What the person said in answer: their opening line is not the practiser's listening.
    started = next((i for i, turn in enumerate(turns) if turn[0] == "manager"), len(turns))
    heard = [text for speaker, text, _, _ in turns[started:] if speaker != "manager"]
    revealed = {k for *_, keys in turns for k in (keys or ())}
    first = scenario.persona.first_name

    # Replay the persona's rules for what counts as covered (a follow-up covers what was just
    # talked about), so the feedback agrees with the side panel during the attempt.
    state, _ = engine.start(scenario)
    touched: set[str] = set()
    for text, c in mine:
        state = engine.reply(scenario, state, text, c).state
        if c.kind in ("closed", "leading"):
            touched.update(c.topics)
    state.revealed = [f.key for f in scenario.facts if f.key in revealed]
    covered = set(state.covered)
    met = engine.goals_met(scenario, state)

    counts = {k: [text for text, c in mine if c.kind == k] for k in KINDS}
    total_lines = len(mine)
    kinds = tuple(
        KindShare(
            k,
            KIND_NAMES[k],
            len(counts[k]),
            round(100 * len(counts[k]) / total_lines) if total_lines else 0,
            tuple(counts[k][:2]),
        )
        for k in KINDS
    )
    questions = sum(len(counts[k]) for k in QUESTION_KINDS)
    probing = sum(1 for _, c in mine if c.probing and c.kind not in ("closed", "leading"))
    wanted = set(scenario.topics)
    topics = tuple(
        TopicCover(t, TOPIC_NAMES[t], t in wanted, t in covered, t in touched and t not in covered)
        for t in TOPICS
    )
    facts = tuple(FactResult(f.key, f.text, f.key in revealed, f.hint) for f in scenario.facts)
    found = sum(f.found for f in facts)
    goals = tuple(GoalResult(g.key, g.text, met[g.key]) for g in scenario.goals)
    grow = None
    if scenario.grow:
        grow = tuple(
            StageResult(
                stage,
                name,
                any(c.grow == stage for _, c in mine),
                next((text for text, c in mine if c.grow == stage), ""),
            )
            for stage, name in STAGES.items()
        )
    spoken = sum(_words(text) for text, _ in mine)
    listened = sum(_words(text) for text in heard)
    talk = round(100 * spoken / (spoken + listened)) if spoken + listened else 0

    notes = _notes(first, counts, probing, found, len(facts), met, wanted, covered, touched, talk)
    if grow is not None:
        reached = [s.name for s in grow if s.reached]
        notes.append(
            f"You reached {len(reached)} of the 4 GROW stages"
            + (f" ({', '.join(reached)})." if reached else ".")
        )

    suggestions = _suggestions(scenario, turns, mine, revealed, covered, grow)

    score = _score(found, len(facts), met, counts, spoken, listened, wanted, covered, grow)
    return Feedback(
        lines=total_lines,
        questions=questions,
        kinds=kinds,
        topics=topics,
        facts=facts,
        found=found,
        total=len(facts),
        goals=goals,
        grow=grow,
        words_spoken=spoken,
        words_heard=listened,
        talk_percent=talk,
        suggestions=suggestions,
        notes=tuple(notes),
        score=score if mine else 0,
    )


def _notes(first, counts, probing, found, total, met, wanted, covered, touched, talk) -> list:
    """The headline findings in plain sentences, the numbers first."""
    notes = []
    questions = sum(len(counts[k]) for k in QUESTION_KINDS)
    if questions:
        notes.append(
            f"You asked {_count(questions, 'question')}: {len(counts['open'])} open, "
            f"{len(counts['closed'])} closed and {len(counts['leading'])} leading."
            + (
                f" {_count(probing, 'was a follow-up', 'were follow-ups')} asking for more."
                if probing
                else ""
            )
        )
    else:
        notes.append("You did not ask a single question.")
    notes.append(
        f"You found {found} of the {total} things {first} would have shared if asked well."
    )
    notes.append(f"You met {sum(met.values())} of {_count(len(met), 'goal')}.")
    missed = [
        TOPIC_NAMES[t].lower()
        for t in TOPICS
        if t in wanted and t not in covered and t not in touched
    ]
    if missed:
        notes.append(f"You did not really get to: {', '.join(missed)}.")
    shallow = [TOPIC_NAMES[t].lower() for t in TOPICS if t in touched and t not in covered]
    if shallow:
        notes.append(f"You raised {', '.join(shallow)} only with closed or leading questions.")
    if talk > 50:
        notes.append(
            f"You spoke {talk}% of the words. {first} should do most of the talking in a "
            "career conversation."
        )
    elif talk > 40:
        notes.append(
            f"You spoke {talk}% of the words: about even. Aim for {first} to do most of the "
            "talking."
        )
    elif talk:
        notes.append(
            f"You spoke {talk}% of the words. {first} did most of the talking, which is what "
            "you want."
        )
    return notes


def _score(found, total, met, counts, spoken, listened, wanted, covered, grow) -> int:
    """0-100: facts found 40, goals met 20, open share of questions 20, listening 10,
    topics covered 10 (half of it GROW stages reached, in a GROW scenario)."""
    questions = sum(len(counts[k]) for k in QUESTION_KINDS)
    score = 40 * found / total if total else 0
    score += 20 * sum(met.values()) / len(met) if met else 0
    score += 20 * len(counts["open"]) / questions if questions else 0
    # full marks for listening once the other person says 60% of the words
    score += 10 * min(1.0, listened / (spoken + listened) / 0.6) if spoken + listened else 0
    topic_share = len(wanted & covered) / len(wanted) if wanted else 1
    if grow is None:
        score += 10 * topic_share
    else:
        score += 5 * topic_share + 5 * sum(s.reached for s in grow) / len(grow)
    return max(0, min(100, round(score)))


def _suggestions(scenario, turns, mine, revealed, covered, grow) -> tuple[Suggestion, ...]:
    """Exactly three: closed and leading lines first, then missed facts and topics, then ways
    to go deeper; each quotes one of the practiser's lines and offers a different question."""
    first = scenario.persona.first_name
    missed = [f for f in scenario.facts if f.key not in revealed]
    offered: list[str] = []  # better questions already suggested (or pending), never twice

    def better_for(topics) -> str:
        for fact in missed:  # on the line's topics, or any when the line had none
            if (set(fact.topics) & set(topics) or not topics) and fact.hint not in offered:
                return fact.hint
        for topic in [*topics, *TOPICS]:
            for question in BANK[topic]:
                if question not in offered:
                    return question
        return next(q for q in DEEPER if q not in offered)

    candidates: list[tuple[str, str, object]] = []  # quote, why, better (text, or topics)
    for text, c in mine:
        if c.kind == "closed":
            candidates.append(
                (
                    text,
                    f"A closed question can be answered in a word, and {first} did. "
                    "An open one lets them tell you what matters.",
                    c.topics,
                )
            )
        elif c.kind == "leading":
            candidates.append(
                (
                    text,
                    "A leading question suggests the answer you hope for, so you hear your own "
                    f"view back instead of {first}'s.",
                    c.topics,
                )
            )
    for fact in missed:
        on_topic = [text for text, c in mine if set(c.topics) & set(fact.topics)]
        told = [text for text, c in mine if c.kind != "open" and set(c.topics) & set(fact.topics)]
        # Quote where it slipped: an open fact where the practiser told or asked closed instead;
        # a probing one where they moved on; a trusted one where they asked without the trust.
        places = {
            "open": [*told, _moment(turns, fact.topics)],
            "probing": [_moment(turns, fact.topics), *on_topic],
            "empathy": [*on_topic, _moment(turns, fact.topics)],
        }[fact.needs]
        quote = next((q for q in places if q), mine[-1][0] if mine else "")
        why = {
            "open": f"{first} had more to say about {_topic_words(fact.topics)}, but nobody "
            "asked an open question about it.",
            "probing": f"{first} touched on {_topic_words(fact.topics)}; a follow-up asking for "
            "more would have found what lay underneath.",
            "empathy": f"{first} was holding something back about {_topic_words(fact.topics)}. "
            "Acknowledging how things feel first builds the trust to share it.",
        }[fact.needs]
        candidates.append((quote, why, fact.hint))
    for topic in TOPICS:
        if topic in scenario.topics and topic not in covered:
            quote = mine[-1][0] if mine else ""
            candidates.append(
                (
                    quote,
                    f"The conversation never really reached {_topic_words((topic,))}.",
                    (topic,),
                )
            )
    if grow is not None:
        for stage in grow:
            if not stage.reached:
                quote = mine[-1][0] if mine else ""
                candidates.append(
                    (
                        quote,
                        f"You did not reach the GROW stage “{stage.name}”.",
                        GROW_BANK[stage.stage],
                    )
                )
    if not any(c.kind == "summary" for _, c in mine):
        quote = mine[-1][0] if mine else ""
        candidates.append(
            (
                quote,
                f"You never summarised what you heard; a summary shows {first} you listened and "
                "lets them correct you.",
                SUMMARY_TRY,
            )
        )
    if not any(c.kind == "empathy" for _, c in mine):
        quote = next(
            (text for text, c in mine if "workload" in c.topics), mine[-1][0] if mine else ""
        )
        candidates.append(
            (
                quote,
                f"You never acknowledged how things feel for {first}; a short acknowledgement "
                "makes harder things easier to say.",
                "That sounds like a lot to carry. How are you finding it?",
            )
        )
    deeper = iter(DEEPER * 3)
    for i, (text, c) in enumerate(mine):
        followed = i + 1 < len(mine) and mine[i + 1][1].probing
        if c.kind == "open" and not c.probing and not followed:
            candidates.append(
                (
                    text,
                    f"A good open question. {first} answered and you moved on; a follow-up "
                    "would have gone a level deeper.",
                    next(deeper),
                )
            )
    for text, c in mine:
        candidates.append(
            (text, "This worked. Another question on the same theme to keep in mind:", c.topics)
        )

    chosen: list[Suggestion] = []
    quoted: set[str] = set()
    distinct_quotes = len({text for text, _ in mine})
    for unique_quote in (True, False):
        for quote, why, better in candidates:
            if len(chosen) == 3:
                break
            if unique_quote and quote in quoted and len(quoted) < distinct_quotes:
                continue
            if any(s.quote == quote and s.why == why for s in chosen):
                continue
            question = better if isinstance(better, str) else better_for(better)
            if question in offered:
                question = better_for(())
            offered.append(question)
            chosen.append(Suggestion(quote, why, question))
            quoted.add(quote)
    for question in (*DEEPER, *BANK["past"]):  # no lines at all
        if len(chosen) == 3:
            break
        if question not in offered:
            offered.append(question)
            chosen.append(
                Suggestion("", "You said nothing yet; start with an open question.", question)
            )
    return tuple(chosen[:3])


def _moment(turns, topics) -> str:
    """The practiser's line that moved on just after the persona spoke on these topics: where a
    follow-up would have fitted. Empty when there was no such moment."""
    last_topics: set[str] = set()
    waiting = False
    for speaker, text, c, _ in turns:
        if speaker == "manager" and c is not None:
            if waiting and not (set(c.topics) & set(topics)):
                return text
            last_topics = set(c.topics)
        else:
            waiting = bool(last_topics & set(topics))
    return ""


def _topic_words(topics) -> str:
    names = [TOPIC_NAMES[t].lower() for t in TOPICS if t in topics]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
