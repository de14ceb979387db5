"""Markdown write-ups show what people wrote as text: no HTML, no link, no image, no heading,
list, quote or table that the writer did not get from Careermap itself."""

import html
import re
from pathlib import Path

import pytest
from django.template import engines
from django.template.base import VariableNode
from django.urls import reverse
from django.utils import timezone
from markdown_it import MarkdownIt

import careermap
from careermap.conversations.models import AgendaItem, NextStep, Note, Reflection
from careermap.plans.models import CheckIn, Objective, ObjectiveProgress, Plan, PlanChange, Step

# One line of each kind of trouble: HTML, a javascript: link, an image that would load from
# elsewhere, and the marks that make emphasis, code, strikethrough, headings, lists, quotes,
# tables and HTML entities.
HOSTILE = [
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "[click me](javascript:alert(1)) <javascript:alert(3)> [ref]: javascript:alert(4)",
    "![pixel](http://tracker.example/p.png)",
    "*star* _under_ `tick` ~~gone~~ \\*kept\\*",
    "# not a heading",
    "- not a list",
    "+ not a list either",
    "1. not numbered",
    "> not a quote",
    "| a | b |",
    "|---|---|",
    "not a heading either",
    "===",
]
TEXT = "\n".join(HOSTILE)
LINE = " ".join(HOSTILE)  # for one-line fields
# What Careermap's own templates may make; anything else came from someone's text.
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "br", "input"}

markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def render(source: str) -> str:
    return markdown.render(source)


def assert_inert(source: str, *, headings: set[str]) -> None:
    """The raw file carries no live markup, and a renderer that allows HTML shows every hostile
    line word for word, inside no tag but those the template made."""
    assert "<script" not in source and "<img" not in source
    assert not re.search(r"(?<!\\)\]\(javascript:", source)
    rendered = render(source)
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for line in HOSTILE:
        assert line in shown, line
    found = {
        html.unescape(re.sub(r"<[^>]+>", "", h))
        for h in re.findall(r"<h\d>(.*?)</h\d>", rendered, re.S)
    }
    assert found == headings


def test_conversation_write_up_shows_hostile_text_as_text(client, conversation_with_text):
    conversation, report = conversation_with_text
    client.force_login(report.user)
    response = client.get(
        reverse("conversations:write_up", args=[conversation.pk]), {"format": "md"}
    )
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    source = response.content.decode()
    assert_inert(
        source,
        headings={
            conversation.title,
            "Summary",
            "Next steps",
            "Agenda",
            "Shared notes",
            f"{report.name}'s reflection",
        },
    )


def test_plan_write_up_shows_hostile_text_as_text(client, report, plan_with_text):
    client.force_login(report.user)
    response = client.get(reverse("plans:write_up", args=[report.pk]), {"format": "md"})
    source = response.content.decode()
    assert_inert(
        source,
        headings={
            f"{report.name}'s development plan",
            "Goal",
            "Reality",
            "Options",
            "Way forward",
            "Support agreed",
            "Objectives and steps",
            LINE[:200],
            "Check-ins",
            timezone.localdate().strftime("%-d %B %Y"),
            "History",
        },
    )


def test_plain_words_stay_readable_in_the_file(client, report, db):
    Plan.objects.create(person=report, goal="Lead the R&D team (2.5 days a week) - soon!")
    client.force_login(report.user)
    source = client.get(reverse("plans:write_up", args=[report.pk]), {"format": "md"}).content
    assert "Lead the R&D team (2.5 days a week) - soon!" in source.decode()


MARKDOWN_TEMPLATES = sorted(Path(careermap.__file__).parent.glob("*/templates/**/*.md"))
# Values Careermap makes itself (numbers, its own choice labels): nobody writes these.
OURS = re.compile(
    r"^(forloop\.counter|counts\.\w+|plan\.hours_agreed|o\.hours_per_week"
    r"|\w+\.get_\w+_display\|lower|\w+\.\w+_label\|lower)$"
)


def _variables(nodelist):
    for node in nodelist:
        if isinstance(node, VariableNode):
            yield node
        for attr in node.child_nodelists:
            yield from _variables(getattr(node, attr, None) or [])


@pytest.mark.parametrize("path", MARKDOWN_TEMPLATES, ids=lambda p: p.name)
def test_every_value_a_markdown_template_prints_is_escaped(path):
    assert len(MARKDOWN_TEMPLATES) >= 2
    template = engines["django"].from_string(path.read_text())
    for node in _variables(template.template.nodelist):
        token = node.filter_expression.token
        filters = [f.__name__ for f, _ in node.filter_expression.filters]
        # A date written by |date or |when is digits, names of days and months, and spaces.
        assert filters[-1:] in (["md_escape"], ["date"], ["when"]) or OURS.match(token), token


@pytest.fixture
def conversation_with_text(career_content, report):
    """The report's conversation, closed, with hostile text in everything the write-up shows."""
    conversation = career_content
    report.name = "Rita <b>Report</b> *star*"
    report.save()
    conversation.summary = TEXT
    conversation.status = conversation.CLOSED
    conversation.save()
    AgendaItem.objects.filter(conversation=conversation).update(text=LINE[:300])
    NextStep.objects.filter(conversation=conversation).update(what=LINE[:300], support=LINE[:300])
    Note.objects.filter(conversation=conversation, private_to=None).update(text=TEXT)
    questions = conversation.playbook_data["phases"][0]["questions"]
    Reflection.objects.filter(conversation=conversation).update(
        answers={questions[0]["id"]: TEXT}, shared_at=timezone.now()
    )
    return conversation, report


@pytest.fixture
def plan_with_text(report, db):
    plan = Plan.objects.create(
        person=report,
        goal=TEXT,
        reality=TEXT,
        options=TEXT,
        this_week=TEXT,
        this_month=TEXT,
        likelihood=TEXT,
        support=TEXT,
    )
    objective = Objective.objects.create(plan=plan, title=LINE[:200], measure=LINE[:300])
    Step.objects.create(
        objective=objective, what=LINE[:300], owner_name=LINE[:120], roadblock=TEXT, evidence=TEXT
    )
    check_in = CheckIn.objects.create(
        plan=plan, held_on=timezone.localdate(), summary=TEXT, roadblocks=TEXT, goal_change=TEXT
    )
    ObjectiveProgress.objects.create(check_in=check_in, objective=objective, note=TEXT)
    PlanChange.objects.create(plan=plan, summary=LINE[:300])
    return plan
