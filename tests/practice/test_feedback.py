"""Feedback at the end of a role-play is honest, specific and repeatable: it counts what kind of
lines the practiser used, what they found and missed, and quotes their own lines back with a
better question."""

import json
from dataclasses import dataclass

import pytest

from careermap.practice import feedback, persona, scenarios

KEYS = list(scenarios.library())


@dataclass(frozen=True)
class Classification:
    """The classifier's result (careermap/practice/classifier.py), built by hand here."""

    kind: str
    topics: tuple[str, ...] = ()
    probing: bool = False
    grow: str | None = None


def transcript(scenario, lines):
    """Turns as the practice page stores them: (speaker, text, classification, revealed)."""
    state, opening = persona.start(scenario)
    turns = [("persona", opening, None, ())]
    for text, classification in lines:
        answer = persona.reply(scenario, state, text, classification)
        state = answer.state
        turns.append(("manager", text, classification, ()))
        turns.append(("persona", answer.text, None, answer.revealed))
    return turns


def scripted(scenario, manner):
    return [
        (line.text, Classification(line.kind, line.topics, line.probing, line.grow))
        for line in persona.script(scenario, manner)
    ]


def manager_lines(turns):
    return [text for speaker, text, _, _ in turns if speaker == "manager"]


def test_a_poor_conversation_is_told_so_plainly():
    maya = scenarios.library()["aspirations-and-workload"]
    turns = transcript(maya, scripted(maya, "poor"))
    result = feedback.feedback(maya, turns)
    assert result.notes[0] == "You asked 7 questions: 0 open, 4 closed and 3 leading."
    assert "You found 0 of the 7 things Maya would have shared if asked well." in result.notes
    assert (result.found, result.total) == (0, 7)
    shares = {k.kind: k for k in result.kinds}
    assert (shares["closed"].count, shares["closed"].percent) == (4, 57)
    assert shares["closed"].examples == (
        "Are you happy in your current role?",
        "Is your workload OK?",
    )
    assert not any(g.met for g in result.goals)
    workload = next(t for t in result.topics if t.topic == "workload")
    assert workload.wanted and not workload.covered and workload.touched
    assert result.score < 20


def test_a_poor_conversations_suggestions_quote_its_closed_and_leading_lines():
    maya = scenarios.library()["aspirations-and-workload"]
    result = feedback.feedback(maya, transcript(maya, scripted(maya, "poor")))
    assert len(result.suggestions) == 3
    quotes = [s.quote for s in result.suggestions]
    assert quotes == [
        "Are you happy in your current role?",
        "You'd like to be promoted at some point, right?",
        "Is your workload OK?",
    ]
    assert "closed question" in result.suggestions[0].why
    assert "leading question" in result.suggestions[1].why
    # the better questions are the ones that would have found what Maya kept back
    better = [s.better for s in result.suggestions]
    assert better[0] == maya.fact("refunds-rebuild").hint
    assert better[2] == maya.fact("stretched-thin").hint
    assert len(set(better)) == 3


def test_a_good_conversation_gets_credit_and_still_three_ways_to_improve():
    maya = scenarios.library()["aspirations-and-workload"]
    turns = transcript(maya, scripted(maya, "good"))
    result = feedback.feedback(maya, turns)
    assert (result.found, result.total) == (7, 7)
    assert all(g.met for g in result.goals)
    assert result.notes[0].startswith("You asked 8 questions: 8 open, 0 closed and 0 leading.")
    assert result.score >= 90
    assert result.talk_percent < 40 and "did most of the talking" in " ".join(result.notes)
    assert len(result.suggestions) == 3
    mine = manager_lines(turns)
    assert all(s.quote in mine for s in result.suggestions)
    assert len({s.better for s in result.suggestions}) == 3
    assert all(s.better not in mine for s in result.suggestions)


@pytest.mark.parametrize("key", KEYS)
def test_every_scenario_gets_three_quoting_suggestions_either_way(key):
    scenario = scenarios.library()[key]
    good = feedback.feedback(scenario, transcript(scenario, scripted(scenario, "good")))
    poor_turns = transcript(scenario, scripted(scenario, "poor"))
    poor = feedback.feedback(scenario, poor_turns)
    assert good.found == good.total and poor.found == 0
    assert good.score > poor.score + 50
    for result in (good, poor):
        assert len(result.suggestions) == 3
        assert len({s.better for s in result.suggestions}) == 3
    assert all(s.quote in manager_lines(poor_turns) for s in poor.suggestions)


def test_missed_facts_are_listed_with_the_question_that_would_have_found_them():
    maya = scenarios.library()["aspirations-and-workload"]
    lines = [("What have you enjoyed most this year?", Classification("open", ("past",)))]
    result = feedback.feedback(maya, transcript(maya, lines))
    missed = [f for f in result.facts if not f.found]
    assert [f.key for f in result.facts if f.found] == ["refunds-rebuild"]
    assert {f.hint for f in missed} == {f.hint for f in maya.facts[1:]}
    # one line only: every suggestion quotes it
    assert [s.quote for s in result.suggestions] == ["What have you enjoyed most this year?"] * 3


def test_grow_stages_are_reported_only_for_a_grow_scenario():
    kofi = scenarios.library()["grow-career-vision"]
    lines = [
        ("Where do you want to be in ten years?", Classification("open", ("future",), grow="goal")),
        ("Where are you now?", Classification("open", ("past",), grow="reality")),
    ]
    result = feedback.feedback(kofi, transcript(kofi, lines))
    assert [(s.name, s.reached) for s in result.grow] == [
        ("Goal", True),
        ("Reality", True),
        ("Options", False),
        ("Way forward", False),
    ]
    assert result.grow[0].example == "Where do you want to be in ten years?"
    assert "You reached 2 of the 4 GROW stages (Goal, Reality)." in result.notes
    maya = scenarios.library()["aspirations-and-workload"]
    assert feedback.feedback(maya, transcript(maya, lines)).grow is None


def test_talk_and_listen_counts_words_on_each_side():
    """The persona's opening line is not counted as listening: only what they said in answer."""
    maya = scenarios.library()["aspirations-and-workload"]
    turns = [
        ("persona", "a long opening line that was not earned", None, ()),
        ("manager", "a b c d e f", Classification("statement"), ()),
        ("persona", "one two three four", None, ()),
    ]
    result = feedback.feedback(maya, turns)
    assert (result.words_spoken, result.words_heard, result.talk_percent) == (6, 4, 60)
    assert "Maya should do most of the talking" in " ".join(result.notes)


def test_nothing_said_gives_zero_and_still_three_suggestions():
    maya = scenarios.library()["aspirations-and-workload"]
    result = feedback.feedback(maya, [("persona", maya.opening, None, ())])
    assert result.score == 0 and result.questions == 0
    assert result.notes[0] == "You did not ask a single question."
    assert len(result.suggestions) == 3


@pytest.mark.parametrize("key", KEYS)
def test_feedback_is_repeatable_and_survives_json(key):
    scenario = scenarios.library()[key]
    turns = transcript(scenario, scripted(scenario, "good")[:5])
    result = feedback.feedback(scenario, turns)
    assert feedback.feedback(scenario, turns) == result
    stored = json.loads(json.dumps(result.to_json()))  # as an attempt keeps it
    assert feedback.Feedback.from_json(stored) == result


def test_the_better_questions_offered_are_open_by_our_own_classifier():
    """A suggestion never offers a question the classifier would call closed or leading, and a
    fact's hint is on that fact's topics (a probing hint asks for depth)."""
    classifier = pytest.importorskip("careermap.practice.classifier")
    wrong = []
    for scenario in scenarios.library().values():
        for fact in scenario.facts:
            found = classifier.classify(fact.hint)
            # a follow-up with no topic words of its own is about what was just said
            on_topic = set(found.topics) & set(fact.topics) or (
                fact.needs == "probing" and found.probing and not found.topics
            )
            if found.kind != "open" or not on_topic:
                wrong.append((scenario.key, fact.hint, found))
            if fact.needs == "probing" and not found.probing:
                wrong.append((scenario.key, fact.hint, found))
    for topic, questions in feedback.BANK.items():
        for question in questions:
            found = classifier.classify(question)
            if found.kind != "open" or topic not in found.topics:
                wrong.append((topic, question, found))
    for stage, question in feedback.GROW_BANK.items():
        found = classifier.classify(question)
        if found.kind != "open" or found.grow != stage:
            wrong.append((stage, question, found))
    for question in feedback.DEEPER:
        found = classifier.classify(question)
        if found.kind != "open" or not found.probing:
            wrong.append(("deeper", question, found))
    assert wrong == []
