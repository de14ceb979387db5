"""The simulated person in a role-play: a small deterministic state machine.

Each line the practiser says arrives with its Classification (classifier.py: kind, topics,
probing, grow); the persona answers in character and reveals a scenario fact only when the line
earned it:

- closed and leading questions earn nothing (a short answer; agreement or push-back);
- an open question on a fact's topic earns an "open" fact;
- a "probing" fact needs a probing follow-up on a topic the person has just talked about (a
  follow-up is about what was just said: "tell me more" has the topics of the last answer);
- an "empathy" fact needs trust as well: trust rises with empathy and summaries, falls with
  leading questions and with a run of closed ones; reserved and guarded people start lower;
- asking the same thing again earns nothing new.

No randomness anywhere: which of a situation's lines is said depends on the turn number, so an
attempt replays identically. State is plain data (to_json/from_json) stored with the attempt.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace

from .scenarios import TOPICS, Fact, Scenario

# Lines that count as covering their topics for the goals: everything but closed and leading
# questions, which only touch a topic without letting the person speak to it.
COVERING_KINDS = ("open", "statement", "empathy", "summary")
TRUST_NEEDED = 2
START_TRUST = {"open": 1, "talkative": 1, "reserved": 0, "guarded": 0}
MAX_TRUST, MIN_TRUST = 4, -2
CLOSED_RUN = 3  # this many closed questions in a row and the person starts to close up


@dataclass
class State:
    turn: int
    trust: int
    revealed: list[str]
    covered: list[str]
    last_topics: list[str]
    closed_run: int = 0
    asked: list[str] = field(default_factory=list)  # the practiser's lines, normalised

    def to_json(self) -> dict:
        """A JSON-ready dict (for a JSONField)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | str) -> State:
        """The state from to_json()'s dict (or its JSON text); unknown keys are ignored and
        fields added later take their defaults, so stored attempts keep loading."""
        if isinstance(data, str):
            data = json.loads(data)
        names = cls.__dataclass_fields__
        return cls(
            **{k: (list(v) if isinstance(v, list) else v) for k, v in data.items() if k in names}
        )


@dataclass(frozen=True)
class Reply:
    text: str
    revealed: tuple[str, ...]
    state: State


@dataclass(frozen=True)
class Line:
    """A scripted line: its text with the classification it was written to have.

    It has the fields of a Classification, so it can be passed to reply() as one.
    """

    text: str
    kind: str
    topics: tuple[str, ...]
    probing: bool = False
    grow: str | None = None


def start(scenario: Scenario) -> tuple[State, str]:
    state = State(
        turn=0,
        trust=START_TRUST[scenario.persona.temperament],
        revealed=[],
        covered=[],
        last_topics=[],
    )
    return state, scenario.opening


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _line(scenario: Scenario, situation: str, turn: int) -> str:
    lines = scenario.replies[situation]
    return lines[turn % len(lines)]


def reply(scenario: Scenario, state: State, text: str, classification) -> Reply:
    """The persona's answer to one line, and the state after it (the given state is unchanged)."""
    kind = classification.kind
    probing = bool(classification.probing)
    topics = [t for t in TOPICS if t in classification.topics]
    if probing:  # a follow-up is about what was just said, whatever other words it uses
        topics = [t for t in TOPICS if t in topics or t in state.last_topics]
    said = _normal(text)
    repeated = bool(said) and said in state.asked
    new = replace(
        state,
        turn=state.turn + 1,
        revealed=list(state.revealed),
        covered=list(state.covered),
        last_topics=list(state.last_topics),
        asked=state.asked if repeated or not said else [*state.asked, said],
    )

    if kind in COVERING_KINDS:
        new.covered = [t for t in TOPICS if t in new.covered or t in topics]
    if kind == "closed":
        new.closed_run += 1
        if new.closed_run >= CLOSED_RUN:
            new.trust, new.closed_run = max(MIN_TRUST, new.trust - 1), 0
    else:
        new.closed_run = 0
    if kind == "leading":
        new.trust = max(MIN_TRUST, new.trust - 1)
    elif kind in ("empathy", "summary") and not repeated:
        new.trust = min(MAX_TRUST, new.trust + 1)

    earning = not repeated and (kind == "open" or (probing and kind not in ("closed", "leading")))
    fact = _earned(scenario, new, topics, probing) if earning else None
    if fact is not None:
        new.revealed.append(fact.key)
        new.last_topics = list(fact.topics)
        # the person has now talked about the fact's topics, whatever words the question used
        new.covered = [t for t in TOPICS if t in new.covered or t in fact.topics]
        answer = f"{fact.text} {fact.invite}".strip()
        return Reply(answer, (fact.key,), new)

    if kind != "open" and kind in scenario.replies:  # closed, leading, statement, empathy…
        situation = kind
    elif not repeated and _held_back(scenario, new, topics):
        situation = "holding_back"
    else:
        situation = "nothing_new"
    if kind != "leading":  # a leading question puts words in their mouth, not a topic
        new.last_topics = topics
    return Reply(_line(scenario, situation, new.turn), (), new)


def _earned(scenario: Scenario, state: State, topics: list[str], probing: bool) -> Fact | None:
    """The fact this line earns, if any: deeper answers first, then the closest match."""
    best, best_rank = None, None
    for order, fact in enumerate(scenario.facts):
        if fact.key in state.revealed:
            continue
        overlap = len(set(fact.topics) & set(topics))
        if not overlap:
            continue
        if fact.needs == "probing":
            if not (probing and set(fact.topics) & set(state.last_topics)):
                continue
            depth = 0
        elif fact.needs == "empathy":
            if state.trust < TRUST_NEEDED:
                continue
            depth = 1
        else:
            depth = 2
        rank = (depth, -overlap, order)
        if best_rank is None or rank < best_rank:
            best, best_rank = fact, rank
    return best


def _held_back(scenario: Scenario, state: State, topics: list[str]) -> bool:
    """Whether the person is keeping something on these topics back for want of trust."""
    return any(
        f.needs == "empathy" and f.key not in state.revealed and set(f.topics) & set(topics)
        for f in scenario.facts
    )


def goals_met(scenario: Scenario, state: State) -> dict[str, bool]:
    covered, revealed = set(state.covered), set(state.revealed)
    return {g.key: set(g.topics) <= covered and set(g.facts) <= revealed for g in scenario.goals}


def farewell(scenario: Scenario, state: State) -> str:
    """The persona's last line when the practiser finishes."""
    return _line(scenario, "goodbye", state.turn)


# Lines for scripted runs (tests, the benchmark, a demo attempt): an open question and an
# empathetic remark per topic, used to set up probing and empathy facts.
OPENERS = {
    "past": "What has been the most satisfying piece of work for you in the past year?",
    "future": "Where would you like your work to take you over the next few years?",
    "skills": "Which of your skills do you think you use most, and which least?",
    "opportunities": "What kind of opportunity would you like to see come your way?",
    "support": "What support would make the biggest difference for you right now?",
    "workload": "How is your workload feeling at the moment?",
}
EMPATHY = {
    "past": "That sounds like it meant a lot to you.",
    "future": "It's understandable that you're thinking hard about your future.",
    "skills": "I appreciate you being honest about where you feel less sure.",
    "opportunities": "I can see why that matters to you.",
    "support": "Thank you for telling me what you need; that helps me.",
    "workload": "I hear that things have been heavy lately, and that's fair to say.",
}
# Which GROW stage a scripted question on a topic serves (goal, reality, options, will).
GROW_BY_TOPIC = {
    "future": "goal",
    "past": "reality",
    "skills": "reality",
    "opportunities": "options",
    "support": "will",
    "workload": "will",
}
POOR = (
    Line("Are you happy in your current role?", "closed", ("past",)),
    Line("You'd like to be promoted at some point, right?", "leading", ("future",)),
    Line("Is your workload OK?", "closed", ("workload",)),
    Line("You're fine to take on a bit more, aren't you?", "leading", ("opportunities",)),
    Line("Do you need any training?", "closed", ("skills", "support")),
    Line("So the plan is to keep going as we are, yes?", "leading", ("future",)),
    Line("Did you enjoy the last project?", "closed", ("past",)),
)


def script(scenario: Scenario, manner: str = "good") -> list[Line]:
    """A scripted practiser: "good" earns every fact in turn; "poor" asks only closed and
    leading questions. Deterministic, so tests and benchmarks replay the same conversation."""
    if manner == "poor":
        return list(POOR)
    lines: list[Line] = []
    trust = START_TRUST[scenario.persona.temperament]
    # Open facts first, then probing, then those that need trust: empathy raises trust for good,
    # and from then on an open question would find the trusted fact before a plain one.
    phases = {"open": 0, "probing": 1, "empathy": 2}
    for fact in sorted(scenario.facts, key=lambda f: phases[f.needs]):
        topic = fact.topics[0]
        if fact.needs == "empathy":
            while trust < TRUST_NEEDED:  # a remark said twice earns nothing: say a new one
                said = {line.text for line in lines}
                remark = next(text for t in (topic, *TOPICS) if (text := EMPATHY[t]) not in said)
                lines.append(Line(remark, "empathy", (topic,)))
                trust += 1
        if fact.needs == "probing":
            lines.append(Line(OPENERS[topic], "open", (topic,)))
        stage = GROW_BY_TOPIC[topic] if scenario.grow else None
        lines.append(
            Line(fact.hint, "open", fact.topics, probing=fact.needs == "probing", grow=stage)
        )
    lines.append(
        Line(
            "Let me check I have understood what matters most to you before we agree next steps.",
            "summary",
            scenario.topics,
        )
    )
    return lines
