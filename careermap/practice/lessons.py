"""The practice course: short lessons in Markdown with YAML front matter, checked when loaded.

A lesson lives in ./lessons/<audience>/<nn>-<key>.md. Its front matter says what it is (key,
title, summary, audience, order, minutes and, optionally, the scenario to practise it with);
its body has four sections, each a level-two heading:

    ## Why it matters        prose
    ## Example               a dialogue, one line each: **Manager:** … / **Team member:** …
    ## Questions that work   a list: **the question?** then why it works
    ## Try it                something to do next

A lesson may add sections of its own (a "Before and after" table, say) wherever it likes.
`parse()` lists every problem it finds at once, so an HR admin adapting a lesson fixes them in one
go; adaptations are stored as Markdown in the database and go through the same `parse()`.
Nothing here imports Django.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

FOLDER = Path(__file__).with_name("lessons")
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FILE_NAME = re.compile(r"^(?P<order>\d{2})-(?P<key>[a-z0-9]+(-[a-z0-9]+)*)\.md$")
AUDIENCES = {"manager": "Managers", "member": "Team members"}
SPEAKERS = {"Manager": "manager", "Team member": "member"}
SPEAKER_NAMES = {value: name for name, value in SPEAKERS.items()}
# The sections every lesson has, by heading, with the key templates use for each.
REQUIRED = {"Why it matters": "why", "Example": "example", "Questions that work": "questions",
            "Try it": "try"}  # fmt: skip
MIN_DIALOGUE = 6
MIN_QUESTIONS = 3
MAX_MINUTES = 60

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*(?:\n|\Z)(?P<body>.*)\Z", re.S)
SPEAKER_LINE = re.compile(r"^\*\*(?P<who>[^*]+?)\s*:\s*\*\*\s*(?P<text>.*)$")

# Lessons are written by us or by an HR admin, and shown to everyone: no raw HTML (it would be a
# way to put scripts on a page) and no images (they would load from anywhere). The structure is
# read with HTML switched on so that raw HTML can be found and refused with a clear reason; pages
# are rendered with it switched off, so even text that slipped through comes out escaped.
_reader = MarkdownIt("commonmark", {"html": True})
_renderer = MarkdownIt("commonmark", {"html": False}).disable("image")


class LessonError(ValueError):
    def __init__(self, source: str, problems: list[str]):
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


@dataclass(frozen=True)
class Section:
    key: str  # "why", "example", "questions", "try", or the slug of a lesson's own heading
    title: str  # the heading as written
    html: str  # the section's body, rendered safely (no raw HTML, no images)


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str
    summary: str
    audience: str  # "manager" | "member"
    order: int
    minutes: int
    practise: str | None  # a scenario key, or None
    sections: tuple[Section, ...]  # in the order written
    dialogue: tuple[tuple[str, str], ...]  # (speaker "manager" | "member", line as plain text)
    questions: tuple[tuple[str, str], ...]  # (question, why it works), plain text
    source: str  # the Markdown as given: what an HR admin starts from when adapting it

    @cached_property
    def by_section(self) -> dict[str, Section]:
        """Sections by key, for templates: lesson.by_section.why.html."""
        return {s.key: s for s in self.sections}

    @property
    def html(self) -> str:
        """The whole body as one HTML fragment, headings included."""
        return "".join(f"<h2>{_escape(s.title)}</h2>\n{s.html}" for s in self.sections)

    @property
    def audience_name(self) -> str:
        return AUDIENCES[self.audience]


def render(markdown: str) -> str:
    """Markdown to HTML with raw HTML escaped and images left out."""
    return _renderer.render(markdown)


def known_scenarios() -> frozenset[str] | None:
    """The keys of the built-in scenarios, or None while there is no scenarios module yet."""
    name = "careermap.practice.scenarios"
    try:
        scenarios = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # the module is there but something it imports is not: say so
            raise
        return None
    library = getattr(scenarios, "library", None)  # a bare folder of YAML files imports too
    if library is None:
        return None
    return frozenset(getattr(s, "key", s) for s in library())


def parse(
    text: str,
    source: str = "lesson",
    *,
    scenarios: Iterable[str] | Callable[[], Iterable[str] | None] | None = known_scenarios,
) -> Lesson:
    """A Lesson from Markdown with front matter, or LessonError listing every problem found.

    `scenarios` are the keys `practise` may name (pass the organisation's own scenarios too when
    checking an adaptation), a function returning them, or None to skip the check.
    """
    problems: list[str] = []
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        raise LessonError(source, ["the lesson must start with front matter between two --- lines"])
    try:
        meta = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as exc:
        raise LessonError(source, [f"the front matter is not valid YAML: {exc}"]) from None
    if not isinstance(meta, dict):
        raise LessonError(source, ["the front matter must be a YAML mapping (name: value lines)"])

    def text_field(name: str) -> str:
        value = meta.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"“{name}” is missing or empty")
            return ""
        return value.strip()

    key = text_field("key")
    if key and not KEY.match(key):
        problems.append(f"key “{key}” must be lowercase letters, digits and hyphens")
    title, summary = text_field("title"), text_field("summary")
    audience = meta.get("audience")
    if audience not in AUDIENCES:
        problems.append(f"audience must be manager or member (got {audience!r})")
    order = meta.get("order")
    if not (isinstance(order, int) and not isinstance(order, bool) and 1 <= order <= 99):
        problems.append("order must be a whole number from 1 to 99")
    minutes = meta.get("minutes")
    if not (isinstance(minutes, int) and not isinstance(minutes, bool)) or not (
        1 <= minutes <= MAX_MINUTES
    ):
        problems.append(f"minutes must be a whole number from 1 to {MAX_MINUTES}")
    practise = meta.get("practise")
    if practise is not None:
        known = scenarios() if callable(scenarios) else scenarios
        if not isinstance(practise, str) or not practise.strip():
            problems.append("practise must be a scenario key (or left out)")
        elif known is not None and practise not in set(known):
            problems.append(f"practise names a scenario that does not exist: “{practise}”")
    unknown = sorted(set(meta) - {"key", "title", "summary", "audience", "order", "minutes",
                                  "practise"})  # fmt: skip
    if unknown:
        problems.append("unknown front matter: " + ", ".join(map(str, unknown)))

    body = match["body"]
    sections = _sections(body, problems)
    dialogue = _dialogue(sections.get("Example", ""), problems)
    questions = _questions(sections.get("Questions that work", ""), problems)
    if problems:
        raise LessonError(source, problems)
    return Lesson(
        key=key,
        title=title,
        summary=summary,
        audience=audience,
        order=order,
        minutes=minutes,
        practise=practise.strip() if practise else None,
        sections=tuple(
            Section(REQUIRED.get(heading) or _slug(heading), heading, render(part))
            for heading, part in sections.items()
        ),
        dialogue=dialogue,
        questions=questions,
        source=text,
    )


def _sections(body: str, problems: list[str]) -> dict[str, str]:
    """The body's level-two sections, heading to Markdown source, in the order written."""
    lines = body.split("\n")
    tokens = _reader.parse(body)
    _refuse_html_and_images(tokens, problems)
    starts: list[tuple[int, str]] = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        if token.tag == "h1":
            problems.append("use ## for sections: the title comes from the front matter")
        elif token.tag == "h2":
            starts.append((token.map[0], tokens[i + 1].content.strip()))
    first = starts[0][0] if starts else len(lines)
    if "\n".join(lines[:first]).strip():
        problems.append("text before the first section: every part sits under a ## heading")
    found: dict[str, str] = {}
    for n, (start, heading) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        part = "\n".join(lines[start + 1 : end]).strip("\n")
        if heading in found:
            problems.append(f"section “{heading}” appears twice")
        elif not part.strip():
            problems.append(f"section “{heading}” is empty")
        found[heading] = part
    missing = [h for h in REQUIRED if h not in found]
    if missing:
        problems.append("missing section: " + ", ".join(f"## {h}" for h in missing))
    elif [h for h in found if h in REQUIRED] != list(REQUIRED):
        problems.append("sections must come in this order: " + ", ".join(REQUIRED))
    return found


def _refuse_html_and_images(tokens: list[Token], problems: list[str]) -> None:
    kinds = set()
    for token in tokens:
        kinds.add(token.type)
        kinds.update(child.type for child in token.children or ())
    if kinds & {"html_block", "html_inline"}:
        problems.append("raw HTML is not allowed in a lesson: write it in Markdown")
    if "image" in kinds:
        problems.append("images are not allowed in a lesson")


def _dialogue(part: str, problems: list[str]) -> tuple[tuple[str, str], ...]:
    """(speaker, line) pairs from the Example section; other paragraphs are narration."""
    lines: list[list[str]] = []  # [speaker, text] while a line may still continue
    continuing = False
    for raw in part.split("\n"):
        found = SPEAKER_LINE.match(raw.strip())
        if found:
            who = found["who"].strip()
            if who not in SPEAKERS:
                problems.append(f"Example: unknown speaker “{who}” (use Manager or Team member)")
                continuing = False
                continue
            lines.append([SPEAKERS[who], found["text"]])
            continuing = True
        elif not raw.strip():
            continuing = False
        elif continuing:  # a long line wrapped in the source
            lines[-1][1] += " " + raw.strip()
    dialogue = tuple((who, _plain(said)) for who, said in lines)
    if part and len(dialogue) < MIN_DIALOGUE:
        problems.append(
            f"Example: the dialogue needs at least {MIN_DIALOGUE} lines, each starting "
            f"**Manager:** or **Team member:** (found {len(dialogue)})"
        )
    if dialogue and len({who for who, _ in dialogue}) < 2:
        problems.append("Example: both the manager and the team member must speak")
    for n, ((before, _), (who, said)) in enumerate(itertools.pairwise(dialogue), 2):
        if who == before:
            problems.append(f"Example: line {n} has the same speaker as the line before")
        if not said:
            problems.append(f"Example: line {n} says nothing")
    if dialogue and not dialogue[0][1]:
        problems.append("Example: line 1 says nothing")
    return dialogue


def _questions(part: str, problems: list[str]) -> tuple[tuple[str, str], ...]:
    """(question, why) pairs from the first list in Questions that work."""
    tokens = _reader.parse(part)
    items: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items:
                break  # the first list is the questions; what follows is commentary
        elif token.type == "list_item_open" and depth == 1:
            items.append([])
        elif token.type == "inline" and depth >= 1 and items:
            items[-1].append(token)
    pairs = []
    for n, inlines in enumerate(items, 1):
        # markdown-it starts an inline run with an empty text token: it says nothing
        children = [c for t in inlines for c in (t.children or ()) if c.type != "text" or c.content]
        if not children or children[0].type != "strong_open":
            problems.append(f"Questions that work: item {n} must start with the question in bold")
            continue
        close = next((i for i, c in enumerate(children) if c.type == "strong_close"), 1)
        question = _text(children[1:close])
        why = _text(children[close + 1 :]).lstrip(
            " \u2014\u2013-:"
        )  # dashes or a colon after the question.strip()
        if not question.endswith("?"):
            problems.append(f"Questions that work: item {n} must be a question (end it with ?)")
        if not why:
            problems.append(f"Questions that work: item {n} must say why the question works")
        pairs.append((question, why))
    if part and len(items) < MIN_QUESTIONS:
        problems.append(
            f"Questions that work: needs a list of at least {MIN_QUESTIONS} questions, each "
            f"with why it works (found {len(items)})"
        )
    return tuple(pairs)


def _plain(markdown: str) -> str:
    """Inline Markdown as plain text: templates escape it, so emphasis marks are dropped."""
    tokens = _reader.parseInline(markdown.strip())
    return _text([c for t in tokens for c in (t.children or ())])


def _text(children: list[Token]) -> str:
    out = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") or "section"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def load(path: Path, *, scenarios=known_scenarios) -> Lesson:
    """A built-in lesson file; its name must say its order and key: 03-fitting-opportunities.md."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LessonError(path.name, ["the file must be UTF-8 text"]) from None
    lesson = parse(text, f"{path.parent.name}/{path.name}", scenarios=scenarios)
    problems = []
    named = FILE_NAME.match(path.name)
    if not named:
        problems.append("the file name must be nn-key.md, nn being the order: 01-first-lesson.md")
    else:
        if lesson.key != named["key"]:
            problems.append(f"key “{lesson.key}” must match the file name (“{named['key']}”)")
        if lesson.order != int(named["order"]):
            problems.append(f"order {lesson.order} must match the file name ({named['order']})")
    if path.parent.name in AUDIENCES and lesson.audience != path.parent.name:
        problems.append(f"audience {lesson.audience} must match the folder ({path.parent.name})")
    if problems:
        raise LessonError(f"{path.parent.name}/{path.name}", problems)
    return lesson


@lru_cache(maxsize=1)
def library() -> dict[str, Lesson]:
    """Every built-in lesson by key: the manager course, then the team member course."""
    found: dict[str, Lesson] = {}
    problems = []
    known = known_scenarios()  # once, not once per lesson
    for audience in AUDIENCES:
        lessons = sorted(
            (load(p, scenarios=known) for p in (FOLDER / audience).glob("*.md")),
            key=lambda lesson: lesson.order,
        )
        orders = [lesson.order for lesson in lessons]
        if len(set(orders)) != len(orders):
            problems.append(f"two {audience} lessons share an order")
        for lesson in lessons:
            if lesson.key in found:
                problems.append(f"two lessons share the key “{lesson.key}”")
            found[lesson.key] = lesson
    if problems:
        raise LessonError(str(FOLDER), problems)
    return found


def course(audience: str) -> tuple[Lesson, ...]:
    """One audience's lessons in order. They come from library(), loaded and checked once per
    process; no cache of its own, so library.cache_clear() (careermap check) resets both."""
    if audience not in AUDIENCES:
        raise ValueError(f"no course for {audience!r}: manager or member")
    return tuple(lesson for lesson in library().values() if lesson.audience == audience)
