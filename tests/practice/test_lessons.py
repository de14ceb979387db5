"""The course's lessons load, read well, and a broken or unsafe lesson is refused with reasons."""

import itertools
import re

import pytest

from careermap.practice import lessons

# The role-play scenarios the lessons point to: the keys in careermap/practice/scenarios/ as the
# scenarios helper wrote them (checked against that module itself once it is merged).
SCENARIOS = [
    "aspirations-and-workload",
    "career-mapping-session",
    "grow-career-vision",
    "promotion-not-now",
    "short-answers",
    "wants-to-leave-the-team",
    "peer-career-mapping",
    "aspiration-and-strengths",
    "leading-my-own-discussion",
]

GOOD = """\
---
key: a-small-lesson
title: A small lesson
summary: Just enough to pass the checks.
audience: manager
order: 1
minutes: 5
practise: career-mapping-session
---

## Why it matters

Because *open* questions let people choose what to talk about.

## Example

**Manager:** What did you enjoy most last year?

**Team member:** The migration.

**Manager:** What made it enjoyable?

**Team member:** Working with finance.
It was the first time they felt heard.

**Manager:** What else?

**Team member:** Being trusted to decide.

## Questions that work

- **What did you enjoy most last year?** It asks for one real episode.
- **What made it enjoyable?** It finds the ingredient.
- **What else?** It gets past the first answer.

## Try it

Ask it in your next one-to-one.
"""


def parse(text, scenarios=SCENARIOS):
    return lessons.parse(text, "test.md", scenarios=scenarios)


def problems_of(text, scenarios=SCENARIOS):
    with pytest.raises(lessons.LessonError) as caught:
        parse(text, scenarios)
    return caught.value.problems


def body_words(lesson):
    return len(lesson.source.split("\n---\n", 1)[1].split())


def every_lesson():
    return [*lessons.course("manager"), *lessons.course("member")]


def test_both_courses_are_in_order_and_cover_the_topics():
    manager = [lesson.key for lesson in lessons.course("manager")]
    assert manager == [
        "past-experiences",
        "future-goals",
        "opportunities-and-workload",
        "open-and-probing-questions",
        "grow-career-vision",
        "honest-answers",
    ]
    member = [lesson.key for lesson in lessons.course("member")]
    assert member == ["preparing-your-reflection", "leading-your-discussion", "asking-for-support"]
    for audience in lessons.AUDIENCES:
        course = lessons.course(audience)
        assert [lesson.order for lesson in course] == list(range(1, len(course) + 1))
        assert {lesson.audience for lesson in course} == {audience}
    assert list(lessons.library()) == [*manager, *member]


def test_every_lesson_is_complete_and_of_a_readable_length():
    for lesson in every_lesson():
        assert 400 <= body_words(lesson) <= 900, (lesson.key, body_words(lesson))
        assert len(lesson.dialogue) >= 6, lesson.key
        assert 4 <= len(lesson.questions) <= 6, lesson.key
        for question, why in lesson.questions:
            assert question.endswith("?") and len(why.split()) >= 8, (lesson.key, question)
        assert {"why", "example", "questions", "try"} <= set(lesson.by_section), lesson.key
        assert lesson.title and lesson.summary and 1 <= lesson.minutes <= 15, lesson.key


def test_dialogues_alternate_between_manager_and_team_member():
    for lesson in every_lesson():
        speakers = [who for who, _ in lesson.dialogue]
        assert set(speakers) == {"manager", "member"}, lesson.key
        assert all(a != b for a, b in itertools.pairwise(speakers)), lesson.key
        assert all(line and "**" not in line for _, line in lesson.dialogue), lesson.key


def test_the_manager_examples_are_built_on_questions():
    """The worked examples show the lesson: most of the manager's lines ask something."""
    for lesson in lessons.course("manager"):
        asked = [line for who, line in lesson.dialogue if who == "manager" and "?" in line]
        assert len(asked) >= 4, lesson.key


def test_every_practise_key_names_a_scenario():
    practised = {lesson.key: lesson.practise for lesson in every_lesson() if lesson.practise}
    assert set(practised.values()) <= set(SCENARIOS)
    assert practised["opportunities-and-workload"] == "aspirations-and-workload"
    assert practised["grow-career-vision"] == "grow-career-vision"
    assert practised["honest-answers"] == "promotion-not-now"
    assert practised["leading-your-discussion"] == "leading-my-own-discussion"
    known = lessons.known_scenarios()
    if known is None:
        pytest.skip("the scenarios module is not there yet")
    assert set(practised.values()) <= known


def test_the_open_questions_lesson_shows_before_and_after():
    lesson = lessons.library()["open-and-probing-questions"]
    assert [s.title for s in lesson.sections][:2] == ["Why it matters", "Before and after"]
    assert lesson.by_section["before-and-after"].html.count("<li>") >= 4


def test_a_lesson_is_rendered_as_html_with_its_structure():
    lesson = parse(GOOD)
    assert lesson.key == "a-small-lesson" and lesson.practise == "career-mapping-session"
    assert lesson.by_section["why"].html == (
        "<p>Because <em>open</em> questions let people choose what to talk about.</p>\n"
    )
    assert "<strong>Manager:</strong> What did you enjoy most last year?" in lesson.html
    assert lesson.dialogue[3] == (
        "member",
        "Working with finance. It was the first time they felt heard.",
    )
    assert lesson.questions[0] == (
        "What did you enjoy most last year?",
        "It asks for one real episode.",
    )


def test_a_broken_lesson_lists_every_problem():
    broken = (
        GOOD.replace("title: A small lesson\n", "")
        .replace("audience: manager", "audience: boss")
        .replace("minutes: 5", "minutes: 0")
        .replace("practise: career-mapping-session", "practise: no-such-scenario")
        .replace("**Team member:** The migration.", "**Coach:** The migration.")
        .replace("- **What else?** It gets past the first answer.", "- What else? Nothing.")
        .replace("## Try it\n\nAsk it in your next one-to-one.\n", "")
    )
    problems = problems_of(broken)
    expected = [
        "“title” is missing",
        "audience must be manager or member",
        "minutes must be a whole number",
        "practise names a scenario that does not exist: “no-such-scenario”",
        "unknown speaker “Coach”",
        "line 2 has the same speaker",
        "item 3 must start with the question in bold",
        "missing section: ## Try it",
    ]
    for message in expected:
        assert any(message in p for p in problems), (message, problems)


def short_dialogue(text):
    before, after = text.split("**Manager:** What else?")
    return before + "## Questions" + after.split("## Questions")[1]


def try_it_before_example(text):
    return text.replace("## Example", "## Try it").replace("## Try it\n\nAsk", "## Example\n\nAsk")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("---\n", "", 1), "must start with front matter"),
        (lambda t: t.replace("order: 1", "order: first"), "order must be a whole number"),
        (lambda t: t.replace("key: a-small-lesson", "key: A Small"), "lowercase letters"),
        (lambda t: t.replace("minutes: 5", "minutes: 5\ncolour: blue"), "unknown front matter"),
        (lambda t: t.replace("## Why", "Intro.\n\n## Why"), "text before the first section"),
        (lambda t: t.replace("## Why it matters", "# Why it matters"), "use ## for sections"),
        (lambda t: t + "\n## Why it matters\n\nAgain.\n", "“Why it matters” appears twice"),
        (short_dialogue, "at least 6 lines"),
        (lambda t: t.replace("**What else?** It", "**What else.** It"), "end it with ?"),
        (lambda t: t.replace("**What else?** It gets past the first answer.", "**What else?**"),
         "must say why"),
        (lambda t: t.replace("- **What else?** It gets past the first answer.\n", ""),
         "at least 3 questions"),
        (try_it_before_example, "sections must come in this order"),
        (lambda t: t.replace("Because", "![chart](https://example.com/x.png) Because"),
         "images are not allowed"),
    ],
)  # fmt: skip
def test_a_broken_lesson_is_refused_with_the_reason(change, message):
    assert any(message in p for p in problems_of(change(GOOD))), problems_of(change(GOOD))


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert('hi')</script>",
        '<img src="x" onerror="alert(1)">',
        'Read <a href="https://example.com" onclick="steal()">this</a> first.',
        "<div>\n\nA block.\n\n</div>",
    ],
)
def test_raw_html_in_a_lesson_is_refused(html):
    text = GOOD.replace("Ask it in your next one-to-one.", html)
    assert any("raw HTML is not allowed" in p for p in problems_of(text))


def test_raw_html_is_escaped_when_rendered_and_links_stay_safe():
    html = lessons.render("Hi <script>alert(1)</script> and [x](javascript:alert(1)) ![i](y.png)")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<img" not in html


def test_no_built_in_lesson_carries_markup_of_its_own():
    for lesson in every_lesson():
        assert not re.search(r"<(script|img|iframe|style|div)\b", lesson.html), lesson.key


def test_practise_is_checked_against_the_given_scenarios_or_skipped():
    assert parse(GOOD, scenarios=["career-mapping-session"]).practise == "career-mapping-session"
    assert "does not exist" in problems_of(GOOD, scenarios=["wants-to-leave-the-team"])[0]
    unchecked = GOOD.replace("practise: career-mapping-session", "practise: written-later")
    assert parse(unchecked, scenarios=None).practise == "written-later"
    assert parse(unchecked, scenarios=lambda: None).practise == "written-later"
    assert parse(GOOD.replace("practise: career-mapping-session\n", "")).practise is None


def test_a_lesson_file_must_be_named_for_its_order_and_key(tmp_path):
    folder = tmp_path / "manager"
    folder.mkdir()
    (folder / "01-a-small-lesson.md").write_text(GOOD)
    assert lessons.load(folder / "01-a-small-lesson.md", scenarios=SCENARIOS).order == 1
    (folder / "02-another-name.md").write_text(GOOD)
    with pytest.raises(lessons.LessonError) as caught:
        lessons.load(folder / "02-another-name.md", scenarios=SCENARIOS)
    assert any("must match the file name" in p for p in caught.value.problems)
    assert any("order 1 must match the file name (02)" in p for p in caught.value.problems)
    member = tmp_path / "member"
    member.mkdir()
    (member / "01-a-small-lesson.md").write_text(GOOD)
    with pytest.raises(lessons.LessonError, match="must match the folder"):
        lessons.load(member / "01-a-small-lesson.md", scenarios=SCENARIOS)


def test_there_is_no_course_for_other_audiences():
    with pytest.raises(ValueError, match="no course"):
        lessons.course("hr")


def test_a_lessons_source_parses_back_to_the_same_lesson():
    """An HR adaptation starts from lesson.source and goes through the same parse()."""
    for lesson in every_lesson():
        assert lessons.parse(lesson.source, lesson.key, scenarios=SCENARIOS) == lesson
