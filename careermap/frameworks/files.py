"""Reading and checking framework files (YAML, format 1; see docs/framework-format.md).

`parse()` turns the bytes of a file into a `FrameworkFile` or a list of problems, each with its
place in the file (section, item id, field) and line number. Nothing here touches the database:
`services.import_framework` writes a checked file, `exports.framework_yaml` writes one out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

FORMAT = 1
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SECTIONS = (
    "scale",
    "categories",
    "skills",
    "experiences",
    "relationships",
    "levels",
    "tracks",
    "roles",
    "moves",
)
KINDS = ("promotion", "lateral")
MAX_MONTHS = 120
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    where: str
    line: int | None
    message: str

    def __str__(self) -> str:
        at = f"line {self.line}, " if self.line else ""
        return f"{at}{self.where}: {self.message}"


@dataclass
class FrameworkFile:
    name: str
    scale: list[dict]
    categories: list[dict]
    skills: list[dict]
    experiences: list[dict]
    relationships: list[dict]
    levels: list[dict]  # lowest first, each with its "rank"
    tracks: list[dict]
    roles: list[dict]
    moves: list[dict]


class _Node(dict):
    """A mapping that remembers the line it started on."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Node:
    result = _Node(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@dataclass
class _Checker:
    problems: list[Problem] = field(default_factory=list)

    def bad(self, where: str, node: Any, message: str) -> None:
        self.problems.append(Problem(where, getattr(node, "line", None), message))

    def text(self, where: str, item: dict, name: str, *, required: bool = True) -> str:
        value = item.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.bad(where, item, f"“{name}” is missing.")
            return ""
        if not isinstance(value, str):
            self.bad(f"{where} > {name}", item, "must be text.")
            return ""
        return value.strip()

    def keys(self, section: str, items: list, *, id_field: str = "id") -> dict[str, dict]:
        """The section's items by id, reporting bad and duplicate ids."""
        seen: dict[str, dict] = {}
        for i, item in enumerate(items):
            where = f"{section}[{i + 1}]"
            key = item.get(id_field)
            if not isinstance(key, str) or not KEY.match(key):
                self.bad(
                    where,
                    item,
                    f"“{id_field}” must be lowercase letters, digits and hyphens (got {key!r}).",
                )
                continue
            if key in seen:
                self.bad(
                    f"{section} > {key}",
                    item,
                    f"duplicate id “{key}” (first on line {getattr(seen[key], 'line', '?')}).",
                )
                continue
            seen[key] = item
        return seen

    def ref(self, where: str, node: Any, value: Any, known: dict, what: str) -> bool:
        if value not in known:
            self.bad(where, node, f"unknown {what} “{value}”.")
            return False
        return True


def parse(data: bytes) -> tuple[FrameworkFile | None, list[Problem]]:
    check = _Checker()
    if len(data) > MAX_BYTES:
        return None, [Problem("file", None, "The file is larger than 5 MB.")]
    try:
        doc = yaml.load(data.decode("utf-8-sig"), Loader=_Loader)  # noqa: S506 (safe loader)
    except UnicodeDecodeError:
        return None, [Problem("file", None, "The file is not UTF-8 text.")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem("file", line, f"This is not valid YAML: {reason}.")]
    if not isinstance(doc, dict):
        return None, [Problem("file", None, "The file must be a YAML mapping (see the format).")]
    if doc.get("format") != FORMAT:
        check.bad("format", doc, f"must be {FORMAT} (got {doc.get('format')!r}).")
    for key in doc:
        if key not in {"format", "name", *SECTIONS}:
            check.bad(str(key), doc, "unknown section.")
    sections: dict[str, list] = {}
    for name in SECTIONS:
        value = doc.get(name)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            check.bad(name, doc, "must be a list of entries.")
            value = []
        elif not value and name not in {"experiences", "relationships", "moves"}:
            check.bad(name, doc, "must not be empty.")
        sections[name] = value
    if check.problems:
        return None, check.problems

    scale_max = _check_scale(check, sections["scale"])
    categories = check.keys("categories", sections["categories"])
    skills = check.keys("skills", sections["skills"])
    experiences = check.keys("experiences", sections["experiences"])
    relationships = check.keys("relationships", sections["relationships"])
    levels = check.keys("levels", sections["levels"])
    tracks = check.keys("tracks", sections["tracks"])
    roles = check.keys("roles", sections["roles"])
    for section, items in [
        ("categories", categories),
        ("skills", skills),
        ("experiences", experiences),
        ("relationships", relationships),
        ("levels", levels),
        ("tracks", tracks),
        ("roles", roles),
    ]:
        for key, item in items.items():
            check.text(f"{section} > {key}", item, "name")
    for key, skill in skills.items():
        where = f"skills > {key}"
        check.ref(f"{where} > category", skill, skill.get("category"), categories, "category")
        steps = skill.get("steps") or {}
        if not isinstance(steps, dict):
            check.bad(f"{where} > steps", skill, "must map scale values to text.")
            continue
        for value, text in steps.items():
            if not (isinstance(value, int) and 1 <= value <= scale_max):
                check.bad(
                    f"{where} > steps > {value}",
                    skill,
                    f"{value!r} is not a value of the scale (1-{scale_max}).",
                )
            if not isinstance(text, str) or not text.strip():
                check.bad(f"{where} > steps > {value}", skill, "must be text.")
    ranks = _check_levels(check, levels)
    _check_roles(check, roles, skills, experiences, relationships, levels, tracks, scale_max)
    moves = _check_moves(check, sections["moves"], roles, ranks)
    if check.problems:
        return None, check.problems

    ordered_levels = sorted(levels.values(), key=lambda lv: ranks[lv["id"]])
    for level in ordered_levels:
        level["rank"] = ranks[level["id"]]
    return FrameworkFile(
        name=str(doc.get("name") or "Career framework").strip(),
        scale=sections["scale"],
        categories=list(categories.values()),
        skills=list(skills.values()),
        experiences=list(experiences.values()),
        relationships=list(relationships.values()),
        levels=ordered_levels,
        tracks=list(tracks.values()),
        roles=list(roles.values()),
        moves=moves,
    ), []


def _check_scale(check: _Checker, scale: list[dict]) -> int:
    for i, step in enumerate(scale):
        where = f"scale[{i + 1}]"
        if step.get("value") != i + 1:
            check.bad(
                where,
                step,
                f"values must run 1, 2, 3, ... in order; expected {i + 1}, "
                f"got {step.get('value')!r}.",
            )
        check.text(where, step, "name")
        check.text(where, step, "description")
    return len(scale)


def _check_levels(check: _Checker, levels: dict[str, dict]) -> dict[str, int]:
    """Rank each level by following `follows` down to the lowest; report loops and forks."""
    below: dict[str, str | None] = {}
    for key, level in levels.items():
        follows = level.get("follows")
        if follows is not None and not check.ref(
            f"levels > {key} > follows", level, follows, levels, "level"
        ):
            continue
        below[key] = follows
    lowest = [k for k, f in below.items() if f is None]
    if len(lowest) != 1:
        names = ", ".join(lowest) or "none"
        check.bad("levels", None, f"exactly one level must follow nothing (found: {names}).")
    followers: dict[str, str] = {}
    for key, follows in below.items():
        if follows is None:
            continue
        if follows in followers:
            check.bad(
                f"levels > {key} > follows",
                levels[key],
                f"“{followers[follows]}” already follows “{follows}”; levels form one line.",
            )
        followers[follows] = key
    ranks: dict[str, int] = {}
    for key in below:
        chain = [key]
        while below.get(chain[-1]) is not None and below[chain[-1]] not in chain:
            chain.append(below[chain[-1]])  # type: ignore[arg-type]
        if below.get(chain[-1]) is not None:
            loop = chain[chain.index(below[chain[-1]]) :]  # type: ignore[arg-type]
            message = "the level order loops: " + " → ".join([*loop, loop[0]]) + "."
            if not any(p.message == message for p in check.problems):
                check.bad(f"levels > {key} > follows", levels[key], message)
            continue
        ranks[key] = len(chain)
    return ranks


def _check_roles(check, roles, skills, experiences, relationships, levels, tracks, scale_max):
    placed: dict[tuple, str] = {}
    for key, role in roles.items():
        where = f"roles > {key}"
        track_ok = check.ref(f"{where} > track", role, role.get("track"), tracks, "track")
        level_ok = check.ref(f"{where} > level", role, role.get("level"), levels, "level")
        if track_ok and level_ok:
            spot = (role["track"], role["level"])
            if spot in placed:
                check.bad(
                    where,
                    role,
                    f"“{placed[spot]}” is already the {spot[0]} role at level {spot[1]}.",
                )
            placed[spot] = key
        for name in ("summary", "excellent"):
            check.text(where, role, name, required=False)
        expected = role.get("skills")
        if not isinstance(expected, dict) or not expected:
            check.bad(f"{where} > skills", role, "must map skill ids to proficiencies.")
        else:
            for skill, level in expected.items():
                if check.ref(f"{where} > skills", expected, skill, skills, "skill") and not (
                    isinstance(level, int)
                    and not isinstance(level, bool)
                    and 1 <= level <= scale_max
                ):
                    check.bad(
                        f"{where} > skills > {skill}",
                        expected,
                        f"proficiency {level!r} is outside the scale (1-{scale_max}).",
                    )
        for name, known, what in [
            ("experiences", experiences, "experience"),
            ("relationships", relationships, "relationship"),
        ]:
            values = role.get(name) or []
            if not isinstance(values, list):
                check.bad(f"{where} > {name}", role, "must be a list of ids.")
                continue
            for value in values:
                check.ref(f"{where} > {name}", role, value, known, what)


def _check_moves(check, moves: list[dict], roles: dict, ranks: dict) -> list[dict]:
    seen: set[tuple] = set()
    for i, move in enumerate(moves):
        where = f"moves[{i + 1}]"
        source, target = move.get("from"), move.get("to")
        ok = check.ref(f"{where} > from", move, source, roles, "role")
        ok = check.ref(f"{where} > to", move, target, roles, "role") and ok
        kind = move.get("kind")
        if kind not in KINDS:
            check.bad(f"{where} > kind", move, f"must be promotion or lateral (got {kind!r}).")
        months = move.get("typical_months")
        if not (
            isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= MAX_MONTHS
        ):
            check.bad(
                f"{where} > typical_months",
                move,
                f"must be a whole number of months from 1 to {MAX_MONTHS} (got {months!r}).",
            )
        if not ok:
            continue
        where = f"moves > {source} → {target}"
        if source == target:
            check.bad(where, move, "a move must go to another role.")
        if (source, target) in seen:
            check.bad(where, move, "this move is listed twice.")
        seen.add((source, target))
        a, b = roles[source], roles[target]
        if kind == "promotion":
            if a.get("level") not in ranks or b.get("level") not in ranks:
                pass  # the level order is broken; that problem is reported already
            elif a.get("track") != b.get("track"):
                check.bad(
                    where,
                    move,
                    "a promotion stays in its track; this changes track, so it is a lateral move.",
                )
            elif ranks.get(b.get("level"), 0) <= ranks.get(a.get("level"), 0):
                check.bad(where, move, "a promotion must go to a higher level.")
        elif kind == "lateral" and a.get("track") == b.get("track"):
            check.bad(
                where, move, f"a lateral move changes track; this one stays in “{a.get('track')}”."
            )
    return moves
