"""Role-play scenarios: data files in ./scenarios/, checked when they are loaded.

A scenario is a simulated person (who they are, what they enjoy, want and worry about, how
readily they talk), the situation the practiser walks into, what they should achieve (goals),
and the facts the person only shares when asked well. Like the playbooks, the built-in ones are
YAML in this package, `library()` loads and checks them once per process, and an HR admin's
adaptation is the same YAML text checked by the same `parse()`; every problem in a file is
reported at once so a writer can fix them in one go.

The file (every text is our own words; topics are past, future, skills, opportunities, support,
workload):

    format: 1
    id: the-file-name            # lowercase letters, digits, hyphens
    title / summary / situation / opening: text
    audience: manager | member | peer
    playbook: a playbook key      # conversations/playbooks/
    grow: false                   # true: feedback reports the GROW stages
    persona: {name, role, history, enjoys: [..], aspirations: [..], worries: [..],
              temperament: open | reserved | guarded | talkative}
    goals: [{id, text, topics: [..], facts: [fact ids, optional]}]
    facts: [{id, text, topics: [..], needs: open | probing | empathy, hint: a question?,
             invite: optional text said after it}]
    replies: {closed, leading, statement, empathy, summary, nothing_new, holding_back,
              goodbye: [at least two lines each]}

A goal is met when all of its topics are covered (raised by the practiser with anything but a
closed or leading question, see persona.COVERING_KINDS, or talked about by the person in a fact
they revealed) and the person has revealed all of its facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).with_name("scenarios")
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The same tuple as classifier.TOPICS (a test keeps them equal): scenarios are checked without
# loading the classifier's model.
TOPICS = ("past", "future", "skills", "opportunities", "support", "workload")
TOPIC_NAMES = {
    "past": "Past experiences",
    "future": "Future goals",
    "skills": "Skills",
    "opportunities": "Opportunities",
    "support": "Support",
    "workload": "Workload",
}
AUDIENCES = {
    "manager": "A manager with a team member",
    "member": "A team member leading their own discussion",
    "peer": "Two peers",
}
TEMPERAMENTS = ("open", "reserved", "guarded", "talkative")
NEEDS = {
    "open": "an open question on the topic",
    "probing": "a probing follow-up on a topic the person has just talked about",
    "empathy": "trust (an empathetic remark earlier) and an open question on the topic",
}
# Every situation the persona answers without revealing a fact; "holding_back" is what a person
# says when asked about something they would only share once they trust the practiser.
REPLY_SITUATIONS = (
    "closed",
    "leading",
    "statement",
    "empathy",
    "summary",
    "nothing_new",
    "holding_back",
    "goodbye",
)
# Neutral lines for a persona written without its own (a rehearsal built from a real
# conversation): a scenario may start from these and replace them in character.
DEFAULT_REPLIES = {
    "closed": ["Yes, I think so.", "Not really, no.", "Mostly, yes."],
    "leading": ["I suppose so.", "Maybe. I'm not sure that's quite it.", "If you think so."],
    "statement": ["Okay, I see.", "Right, that's useful to know.", "Fair enough."],
    "empathy": ["Thanks, I appreciate that.", "That helps, thank you.", "Thanks for saying so."],
    "summary": ["Yes, that's about right.", "That's a fair summary.", "Yes, more or less."],
    "nothing_new": [
        "I'm not sure what else to add.",
        "Sorry, I'm not sure what you mean.",
        "I think I've covered that.",
    ],
    "holding_back": ["It's fine, really.", "I'd rather not go into that just now."],
    "goodbye": ["Thanks, that was helpful.", "Thanks for making the time."],
}
FIELDS = {
    "scenario": {
        "format",
        "id",
        "title",
        "summary",
        "audience",
        "playbook",
        "grow",
        "persona",
        "situation",
        "goals",
        "facts",
        "opening",
        "replies",
    },
    "persona": {"name", "role", "history", "enjoys", "aspirations", "worries", "temperament"},
    "goal": {"id", "text", "topics", "facts"},
    "fact": {"id", "text", "topics", "needs", "hint", "invite"},
}
MAX_GOALS, MAX_FACTS = 8, 12


class ScenarioError(ValueError):
    def __init__(self, source: str, problems: list[str]):
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


@dataclass(frozen=True)
class Persona:
    name: str
    role: str
    history: str
    enjoys: tuple[str, ...]
    aspirations: tuple[str, ...]
    worries: tuple[str, ...]
    temperament: str  # one of TEMPERAMENTS

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


@dataclass(frozen=True)
class Goal:
    key: str
    text: str
    topics: tuple[str, ...]  # all must be covered...
    facts: tuple[str, ...] = ()  # ...and all of these revealed


@dataclass(frozen=True)
class Fact:
    key: str
    text: str  # first person, what the persona says when it is revealed
    topics: tuple[str, ...]
    needs: str  # one of NEEDS
    hint: str  # a question that would have found it (feedback offers it)
    invite: str = ""  # said after the fact, where a follow-up would come naturally


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    summary: str
    audience: str
    playbook: str
    persona: Persona
    situation: str
    goals: tuple[Goal, ...]
    facts: tuple[Fact, ...]
    opening: str
    replies: dict[str, tuple[str, ...]]
    grow: bool
    data: dict = field(default_factory=dict, compare=False, repr=False)  # the validated source

    def fact(self, key: str) -> Fact:
        return next(f for f in self.facts if f.key == key)

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics the goals ask for, in TOPICS order."""
        wanted = {t for g in self.goals for t in g.topics}
        return tuple(t for t in TOPICS if t in wanted)


def parse(data: object, source: str = "scenario", *, playbooks: set[str] | None = None) -> Scenario:
    """A Scenario from loaded YAML, or ScenarioError listing every problem found.

    `playbooks` are the keys a scenario may name; the built-in library by default (an HR
    adaptation may name the organisation's own playbooks too).
    """
    problems: list[str] = []

    def text(mapping, name, where) -> str:
        value = mapping.get(name) if isinstance(mapping, dict) else None
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: “{name}” is missing or empty")
            return ""
        return " ".join(value.split())

    def texts(mapping, name, where, *, least=1) -> tuple[str, ...]:
        value = mapping.get(name) if isinstance(mapping, dict) else None
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{where}: “{name}” must be a list of texts")
            return ()
        if len(value) < least:
            problems.append(f"{where}: “{name}” needs at least {least}")
        return tuple(" ".join(v.split()) for v in value)

    def unknown(mapping, kind, where):
        if isinstance(mapping, dict):
            extra = sorted(str(k) for k in mapping if k not in FIELDS[kind])
            if extra:
                problems.append(f"{where}: unknown field(s) {', '.join(extra)}")

    def topics(mapping, where, *, least=1) -> tuple[str, ...]:
        value = mapping.get("topics") if isinstance(mapping, dict) else None
        if not isinstance(value, list) or len(value) < least:
            problems.append(f"{where}: “topics” must list at least {least} of {', '.join(TOPICS)}")
            return ()
        wrong = [str(t) for t in value if t not in TOPICS]
        if wrong:
            problems.append(f"{where}: unknown topic(s) {', '.join(wrong)}")
        return tuple(t for t in TOPICS if t in value)

    def key(mapping, where) -> str:
        value = text(mapping, "id", where)
        if value and not KEY.match(value):
            problems.append(f"{where}: id “{value}” must be lowercase letters, digits and hyphens")
        return value

    if not isinstance(data, dict):
        raise ScenarioError(source, ["the file must be a YAML mapping"])
    unknown(data, "scenario", "scenario")
    if data.get("format") != 1:
        problems.append(f"format must be 1 (got {data.get('format')!r})")
    scenario_key = key(data, "scenario")
    title = text(data, "title", "scenario")
    summary = text(data, "summary", "scenario")
    situation = text(data, "situation", "scenario")
    opening = text(data, "opening", "scenario")
    audience = data.get("audience")
    if audience not in AUDIENCES:
        problems.append(f"audience must be one of {', '.join(AUDIENCES)} (got {audience!r})")
    if playbooks is None:
        from careermap.conversations.playbooks import library  # pure: no database

        playbooks = set(library())
    playbook = data.get("playbook")
    if playbook not in playbooks:
        problems.append(f"playbook {playbook!r} is not a known playbook")
    grow = data.get("grow", False)
    if not isinstance(grow, bool):
        problems.append("grow must be true or false")

    raw = data.get("persona")
    if not isinstance(raw, dict):
        problems.append("persona: must be a mapping")
        raw = {}
    unknown(raw, "persona", "persona")
    temperament = raw.get("temperament")
    if temperament not in TEMPERAMENTS:
        problems.append(
            f"persona: temperament must be one of {', '.join(TEMPERAMENTS)} (got {temperament!r})"
        )
    persona = Persona(
        name=text(raw, "name", "persona"),
        role=text(raw, "role", "persona"),
        history=text(raw, "history", "persona"),
        enjoys=texts(raw, "enjoys", "persona"),
        aspirations=texts(raw, "aspirations", "persona"),
        worries=texts(raw, "worries", "persona", least=0),
        temperament=str(temperament),
    )

    facts: list[Fact] = []
    raw_facts = data.get("facts")
    if not isinstance(raw_facts, list) or not 1 <= len(raw_facts) <= MAX_FACTS:
        problems.append(f"facts: must list from 1 to {MAX_FACTS} facts")
        raw_facts = raw_facts if isinstance(raw_facts, list) else []
    for i, item in enumerate(raw_facts):
        where = f"fact {i + 1}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        unknown(item, "fact", where)
        needs = item.get("needs")
        if needs not in NEEDS:
            problems.append(f"{where}: needs must be one of {', '.join(NEEDS)} (got {needs!r})")
        hint = text(item, "hint", where)
        if hint and not hint.endswith("?"):
            problems.append(f"{where}: the hint must be a question (ending with “?”)")
        invite = item.get("invite", "")
        if not isinstance(invite, str):
            problems.append(f"{where}: “invite” must be text")
            invite = ""
        facts.append(
            Fact(
                key=key(item, where),
                text=text(item, "text", where),
                topics=topics(item, where),
                needs=str(needs),
                hint=hint,
                invite=" ".join(invite.split()),
            )
        )
    fact_keys = [f.key for f in facts]
    for dup in sorted({k for k in fact_keys if k and fact_keys.count(k) > 1}):
        problems.append(f"facts: duplicate id “{dup}”")
    fact_topics = {t for f in facts for t in f.topics}

    goals: list[Goal] = []
    raw_goals = data.get("goals")
    if not isinstance(raw_goals, list) or not 1 <= len(raw_goals) <= MAX_GOALS:
        problems.append(f"goals: must list from 1 to {MAX_GOALS} goals")
        raw_goals = raw_goals if isinstance(raw_goals, list) else []
    for i, item in enumerate(raw_goals):
        where = f"goal {i + 1}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        unknown(item, "goal", where)
        goal_topics = topics(item, where)
        # A goal on a topic the person has nothing to say about could never be met honestly.
        stranded = [t for t in goal_topics if t not in fact_topics]
        if stranded:
            problems.append(
                f"{where}: no fact is on topic(s) {', '.join(stranded)}, "
                "so no question could cover it"
            )
        needed = item.get("facts", [])
        if not isinstance(needed, list):
            problems.append(f"{where}: “facts” must be a list of fact ids")
            needed = []
        missing = [str(k) for k in needed if k not in fact_keys]
        if missing:
            problems.append(f"{where}: unknown fact(s) {', '.join(missing)}")
        goals.append(
            Goal(
                key=key(item, where),
                text=text(item, "text", where),
                topics=goal_topics,
                facts=tuple(str(k) for k in needed),
            )
        )
    goal_keys = [g.key for g in goals]
    for dup in sorted({k for k in goal_keys if k and goal_keys.count(k) > 1}):
        problems.append(f"goals: duplicate id “{dup}”")

    raw_replies = data.get("replies")
    if not isinstance(raw_replies, dict):
        problems.append("replies: must be a mapping of situations to lines")
        raw_replies = {}
    extra = sorted(str(k) for k in raw_replies if k not in REPLY_SITUATIONS)
    if extra:
        problems.append(f"replies: unknown situation(s) {', '.join(extra)}")
    replies = {}
    for situation_key in REPLY_SITUATIONS:
        replies[situation_key] = texts(
            raw_replies, situation_key, f"replies {situation_key}", least=2
        )

    if problems:
        raise ScenarioError(source, problems)
    return Scenario(
        key=scenario_key,
        title=title,
        summary=summary,
        audience=audience,
        playbook=playbook,
        persona=persona,
        situation=situation,
        goals=tuple(goals),
        facts=tuple(facts),
        opening=opening,
        replies=replies,
        grow=grow,
        data=data,
    )


class _UniqueKeyLoader(yaml.SafeLoader):
    """safe_load that refuses a key written twice in one mapping (YAML keeps the last silently)."""


def _mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        name = loader.construct_object(key_node, deep=deep)
        if name in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key “{name}” is written twice", key_node.start_mark
            )
        seen.add(name)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def from_yaml(source_text: str, source: str = "scenario", **options) -> Scenario:
    """A Scenario from YAML text (a file's, or an HR adaptation stored in the database)."""
    try:
        data = yaml.load(source_text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise ScenarioError(source, [f"not valid YAML: {exc}"]) from None
    return parse(data, source, **options)


def load(path: Path) -> Scenario:
    scenario = from_yaml(path.read_text(encoding="utf-8"), path.name)
    if scenario.key != path.stem:
        raise ScenarioError(path.name, [f"id “{scenario.key}” must match the file name"])
    return scenario


ORDER = (
    "aspirations-and-workload",
    "career-mapping-session",
    "grow-career-vision",
    "promotion-not-now",
    "short-answers",
    "wants-to-leave-the-team",
    "peer-career-mapping",
    "aspiration-and-strengths",
    "leading-my-own-discussion",
)


@lru_cache(maxsize=1)
def library() -> dict[str, Scenario]:
    """The built-in scenarios by key, in a fixed order (loaded and checked once)."""
    found = {p.stem: load(p) for p in sorted(FOLDER.glob("*.yaml"))}
    return {key: found[key] for key in [*ORDER, *sorted(set(found) - set(ORDER))] if key in found}


def to_yaml(scenario: Scenario, *, key: str | None = None, title: str | None = None) -> str:
    """The scenario's YAML source, optionally under a new id and title (an HR adaptation)."""
    data = {**scenario.data, "id": key or scenario.key, "title": title or scenario.title}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
