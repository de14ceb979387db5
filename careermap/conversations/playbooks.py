"""Conversation playbooks: data files in ./playbooks/, checked when they are loaded.

A playbook says what a conversation is for, who leads it, and how to prepare, hold, close and
follow it up, with open-ended questions (each with why it is asked and a follow-up prompt) and
tips for each side. The built-in ones are YAML in this package; `library()` loads and checks
them once per process, and `careermap check` reports any problem at start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).with_name("playbooks")
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PHASES = ("prepare", "hold", "close", "follow-up")
LEADS = {"manager": "The manager", "participant": "The team member", "peers": "Both peers"}
ASKERS = {"manager", "participant", "either"}


class PlaybookError(ValueError):
    def __init__(self, source: str, problems: list[str]):
        super().__init__(f"{source}: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    why: str
    follow_up: str
    asked_by: str


@dataclass(frozen=True)
class Section:
    key: str
    name: str
    guidance: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Phase:
    key: str
    name: str
    guidance: str
    tasks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()  # prepare: the written reflection
    sections: tuple[Section, ...] = ()  # hold: the conversation's flow
    checklist: tuple[str, ...] = ()  # close


@dataclass(frozen=True)
class Tip:
    title: str
    text: str


@dataclass(frozen=True)
class Playbook:
    key: str
    name: str
    version: int
    summary: str
    purpose: str
    led_by: str
    duration_minutes: int
    when_to_use: str
    pros: tuple[str, ...]
    cons: tuple[str, ...]
    success_criteria: tuple[str, ...]
    suggested_topics: tuple[str, ...]
    phases: tuple[Phase, ...]
    tips: dict[str, tuple[Tip, ...]]
    data: dict  # the validated source, kept with each conversation held with it

    @property
    def lead_label(self) -> str:
        return LEADS[self.led_by]

    def phase(self, key: str) -> Phase:
        return next(p for p in self.phases if p.key == key)

    @property
    def by_phase(self) -> dict[str, Phase]:
        """Phases by key, for templates: playbook.by_phase.prepare."""
        return {p.key.replace("-", "_"): p for p in self.phases}

    @property
    def reflection(self) -> tuple[Question, ...]:
        return self.phase("prepare").questions

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.phase("hold").sections

    def questions(self) -> list[Question]:
        return [*self.reflection, *(q for s in self.sections for q in s.questions)]


def parse(data: object, source: str = "playbook") -> Playbook:
    """A Playbook from loaded YAML, or PlaybookError listing every problem found."""
    problems: list[str] = []

    def need(mapping, name, kind, where):
        value = mapping.get(name) if isinstance(mapping, dict) else None
        if not isinstance(value, kind) or (isinstance(value, str | list) and not value):
            problems.append(f"{where}: “{name}” is missing or empty")
            return kind()
        if isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{where}: every item of “{name}” must be text")
        return value

    if not isinstance(data, dict):
        raise PlaybookError(source, ["the file must be a YAML mapping"])
    if data.get("format") != 1:
        problems.append(f"format must be 1 (got {data.get('format')!r})")
    key = need(data, "id", str, "playbook")
    if key and not KEY.match(key):
        problems.append(f"id “{key}” must be lowercase letters, digits and hyphens")
    for name in ("name", "summary", "purpose", "when_to_use"):
        need(data, name, str, "playbook")
    for name in ("pros", "cons"):
        need(data, name, list, "playbook")
    if data.get("led_by") not in LEADS:
        problems.append(f"led_by must be one of {', '.join(LEADS)} (got {data.get('led_by')!r})")
    if not (isinstance(data.get("version"), int) and data["version"] >= 1):
        problems.append("version must be a whole number from 1")
    minutes = data.get("duration_minutes")
    if not (isinstance(minutes, int) and 10 <= minutes <= 240):
        problems.append("duration_minutes must be a whole number from 10 to 240")
    seen: set[str] = set()

    def questions(items, where) -> tuple[Question, ...]:
        out = []
        for i, q in enumerate(items if isinstance(items, list) else []):
            here = f"{where} question {i + 1}"
            qkey = need(q, "id", str, here)
            if qkey in seen:
                problems.append(f"{here}: duplicate question id “{qkey}”")
            seen.add(qkey)
            if isinstance(q, dict) and q.get("asked_by") not in ASKERS:
                problems.append(f"{here}: asked_by must be manager, participant or either")
            out.append(
                Question(
                    qkey,
                    need(q, "text", str, here),
                    need(q, "why", str, here),
                    need(q, "follow_up", str, here),
                    q.get("asked_by", "either") if isinstance(q, dict) else "",
                )
            )
        if not out:
            problems.append(f"{where}: needs at least one question")
        return tuple(out)

    phases = []
    raw_phases = data.get("phases") if isinstance(data.get("phases"), list) else []
    if [p.get("id") if isinstance(p, dict) else None for p in raw_phases] != list(PHASES):
        problems.append("phases must be prepare, hold, close, follow-up, in that order")
    for raw in raw_phases:
        if not isinstance(raw, dict):
            continue
        where = f"phase {raw.get('id')}"
        tasks = raw.get("tasks") or {}
        phase = Phase(
            key=str(raw.get("id")),
            name=need(raw, "name", str, where),
            guidance=need(raw, "guidance", str, where),
            tasks={side: tuple(items) for side, items in tasks.items()}
            if isinstance(tasks, dict)
            else {},
            questions=questions(raw.get("questions"), where) if raw.get("id") == "prepare" else (),
            sections=tuple(
                Section(
                    need(s, "id", str, where),
                    need(s, "name", str, where),
                    need(s, "guidance", str, where),
                    questions(
                        s.get("questions") if isinstance(s, dict) else [],
                        f"{where} section {s.get('id') if isinstance(s, dict) else i}",
                    ),
                )
                for i, s in enumerate(raw.get("sections") or [])
            )
            if raw.get("id") == "hold"
            else (),
            checklist=tuple(need(raw, "checklist", list, where))
            if raw.get("id") == "close"
            else (),
        )
        if phase.key == "hold" and not phase.sections:
            problems.append(f"{where}: needs at least one section")
        phases.append(phase)
    tips = data.get("tips") if isinstance(data.get("tips"), dict) else {}
    parsed_tips = {}
    for side in ("manager", "participant"):
        items = need(tips, side, list, "tips")
        parsed_tips[side] = tuple(
            Tip(*[part.strip() for part in t.split(":", 1)]) if ":" in t else Tip("", t)
            for t in items
            if isinstance(t, str)
        )
    if problems:
        raise PlaybookError(source, problems)
    return Playbook(
        key=key,
        name=data["name"].strip(),
        version=data["version"],
        summary=data["summary"].strip(),
        purpose=data["purpose"].strip(),
        led_by=data["led_by"],
        duration_minutes=minutes,
        when_to_use=data["when_to_use"].strip(),
        pros=tuple(data["pros"]),
        cons=tuple(data["cons"]),
        success_criteria=tuple(data.get("success_criteria") or ()),
        suggested_topics=tuple(data.get("suggested_topics") or ()),
        phases=tuple(phases),
        tips=parsed_tips,
        data=data,
    )


def load(path: Path) -> Playbook:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PlaybookError(path.name, [f"not valid YAML: {exc}"]) from None
    playbook = parse(data, path.name)
    if playbook.key != path.stem:
        raise PlaybookError(path.name, [f"id “{playbook.key}” must match the file name"])
    return playbook


@lru_cache(maxsize=1)
def library() -> dict[str, Playbook]:
    """The built-in playbooks by key, in a fixed order (loaded and checked once)."""
    order = [
        "career-aspirations",
        "career-mapping",
        "peer-career-mapping",
        "career-vision-grow",
        "employee-led-discussion",
        "development-check-in",
    ]
    found = {p.stem: load(p) for p in sorted(FOLDER.glob("*.yaml"))}
    return {key: found[key] for key in [*order, *sorted(set(found) - set(order))] if key in found}


_custom_cache: dict[tuple, Playbook] = {}


def available() -> dict[str, Playbook]:
    """The built-in playbooks and the organisation's own adaptations (one query)."""
    from .models import CustomPlaybook  # the built-in library must load without the database

    found = dict(library())
    for row in CustomPlaybook.objects.only("pk", "key", "version", "source", "updated_at"):
        stamp = (row.pk, row.version, row.updated_at)
        cached = _custom_cache.get(stamp)
        if cached is None:
            data = yaml.safe_load(row.source)
            data["version"] = row.version  # the stored version counts, whatever the text says
            cached = _custom_cache[stamp] = parse(data, row.key)
        found[row.key] = cached
    return found


def to_yaml(playbook: Playbook, *, key: str, name: str) -> str:
    data = {**playbook.data, "id": key, "name": name, "version": 1}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
