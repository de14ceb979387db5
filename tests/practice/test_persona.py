"""The simulated person answers in character and reveals what they know only when the line
earned it; every scenario can be completed, and an attempt replays identically."""

import json
from dataclasses import dataclass

import pytest

from careermap.practice import persona, scenarios

KEYS = list(scenarios.library())


@dataclass(frozen=True)
class Classification:
    """The classifier's result (careermap/practice/classifier.py), built by hand here."""

    kind: str
    topics: tuple[str, ...] = ()
    probing: bool = False
    grow: str | None = None


def _as_classification(line):
    return Classification(line.kind, tuple(line.topics), line.probing, line.grow)


def play(scenario, lines):
    """Say each (text, classification) in turn; the final state and what was said back."""
    state, _ = persona.start(scenario)
    said = []
    for text, classification in lines:
        answer = persona.reply(scenario, state, text, classification)
        said.append(answer)
        state = answer.state
    return state, said


def scripted(scenario, manner):
    return [(line.text, _as_classification(line)) for line in persona.script(scenario, manner)]


@pytest.mark.parametrize("key", KEYS)
def test_a_good_conversation_finds_every_fact_and_meets_every_goal(key):
    scenario = scenarios.library()[key]
    state, said = play(scenario, scripted(scenario, "good"))
    assert sorted(state.revealed) == sorted(f.key for f in scenario.facts)
    assert all(persona.goals_met(scenario, state).values()), persona.goals_met(scenario, state)
    # each fact is said in the persona's own words, once
    for fact in scenario.facts:
        assert sum(fact.text in answer.text for answer in said) == 1, fact.key


@pytest.mark.parametrize("key", KEYS)
def test_closed_and_leading_questions_find_nothing(key):
    scenario = scenarios.library()[key]
    state, said = play(scenario, scripted(scenario, "poor"))
    assert state.revealed == [] and not any(answer.revealed for answer in said)
    assert not any(persona.goals_met(scenario, state).values())
    for answer, line in zip(said, persona.script(scenario, "poor"), strict=True):
        assert answer.text in scenario.replies[line.kind]


def test_a_closed_question_gets_a_short_answer_and_an_open_one_the_story():
    maya = scenarios.library()["aspirations-and-workload"]
    state, _ = persona.start(maya)
    closed = persona.reply(
        maya, state, "Did you enjoy last year?", Classification("closed", ("past",))
    )
    assert closed.text in maya.replies["closed"] and closed.revealed == ()
    opened = persona.reply(
        maya, state, "What work did you enjoy most last year?", Classification("open", ("past",))
    )
    assert opened.revealed == ("refunds-rebuild",)
    assert "refunds rebuild" in opened.text
    assert opened.text.endswith(maya.fact("refunds-rebuild").invite)  # room for a follow-up


def test_a_deeper_fact_needs_a_follow_up_on_what_was_just_said():
    maya = scenarios.library()["aspirations-and-workload"]
    follow_up = Classification("open", (), probing=True)  # "What made it so rewarding?"
    state, said = play(
        maya,
        [
            ("What work did you enjoy most?", Classification("open", ("past",))),
            ("Where do you want to be in three years?", Classification("open", ("future",))),
            ("What made it so rewarding?", follow_up),  # moved on: about the future now
        ],
    )
    assert "what-made-it-work" not in state.revealed
    state, said = play(
        maya,
        [
            ("What work did you enjoy most?", Classification("open", ("past",))),
            ("What made it so rewarding?", follow_up),
        ],
    )
    assert said[-1].revealed == ("what-made-it-work",)


def test_trust_comes_before_the_hard_things():
    maya = scenarios.library()["aspirations-and-workload"]
    workload = ("How is your workload, honestly?", Classification("open", ("workload",)))
    _, said = play(maya, [workload])
    assert said[-1].revealed == () and said[-1].text in maya.replies["holding_back"]
    empathy = ("That sounds like a heavy few months.", Classification("empathy", ("workload",)))
    _, said = play(maya, [empathy, ("And how is your workload these days?", workload[1])])
    assert said[0].text in maya.replies["empathy"]
    assert said[-1].revealed == ("stretched-thin",)


def test_leading_questions_and_a_run_of_closed_ones_cost_trust():
    maya = scenarios.library()["aspirations-and-workload"]
    start, _ = persona.start(maya)
    state, said = play(
        maya, [("You're fine with the workload, aren't you?", Classification("leading"))]
    )
    assert state.trust == start.trust - 1
    assert said[0].text in maya.replies["leading"]
    closed = [(f"Is thing {n} okay?", Classification("closed")) for n in range(3)]
    state, _ = play(maya, closed)
    assert state.trust == start.trust - 1
    # after that, one kind remark is no longer enough to hear about the workload
    state, said = play(
        maya,
        [
            ("You're fine with the workload, aren't you?", Classification("leading")),
            ("That sounds tough.", Classification("empathy")),
            ("How is your workload really?", Classification("open", ("workload",))),
        ],
    )
    assert "stretched-thin" not in state.revealed


def test_asking_the_same_thing_again_earns_nothing_new():
    maya = scenarios.library()["aspirations-and-workload"]
    question = Classification("open", ("past",))
    _, said = play(
        maya,
        [
            ("What have you enjoyed most?", question),
            ("What have you enjoyed most?", question),
            ("What have you  ENJOYED most??", question),
        ],
    )
    assert [a.revealed for a in said] == [("refunds-rebuild",), (), ()]
    assert said[1].text in maya.replies["nothing_new"]
    # a different question on the same topic is not a repeat
    _, said = play(
        maya,
        [
            ("What have you enjoyed most?", question),
            ("Which work drew on your best skills?", Classification("open", ("past", "skills"))),
        ],
    )
    assert said[1].revealed == ("planning-gap",)


def test_kind_words_said_twice_raise_trust_once():
    sam = scenarios.library()["short-answers"]
    kind = ("Thanks for being here.", Classification("empathy"))
    state, _ = play(sam, [kind, kind])
    assert state.trust == persona.START_TRUST["guarded"] + 1


def test_goals_need_their_topics_covered_and_their_facts_found():
    maya = scenarios.library()["aspirations-and-workload"]
    state, _ = play(
        maya,
        [
            ("Tell me about work you loved.", Classification("open", ("past",))),
            ("What made it good?", Classification("open", (), probing=True)),
        ],
    )
    met = persona.goals_met(maya, state)
    assert met["what-energises-her"] and not met["where-she-is-heading"]
    state, _ = play(maya, [("Is your workload fine?", Classification("closed", ("workload",)))])
    assert "workload" not in state.covered


@pytest.mark.parametrize("key", KEYS)
def test_the_state_survives_json_mid_conversation(key):
    scenario = scenarios.library()[key]
    lines = scripted(scenario, "good")
    half = len(lines) // 2
    straight, _ = play(scenario, lines)
    state, _ = play(scenario, lines[:half])
    for text, classification in lines[half:]:
        stored = json.loads(json.dumps(state.to_json()))
        answer = persona.reply(scenario, persona.State.from_json(stored), text, classification)
        state = answer.state
    assert state == straight
    assert persona.State.from_json(json.dumps(state.to_json())) == state


def test_a_stored_state_from_before_new_fields_still_loads():
    old = {"turn": 3, "trust": 1, "revealed": ["a"], "covered": ["past"], "last_topics": []}
    state = persona.State.from_json({**old, "retired_field": 1})
    assert state.revealed == ["a"] and state.asked == [] and state.closed_run == 0


@pytest.mark.parametrize("key", KEYS)
def test_the_same_attempt_replays_identically(key):
    scenario = scenarios.library()[key]
    for manner in ("good", "poor"):
        first = play(scenario, scripted(scenario, manner))
        second = play(scenario, scripted(scenario, manner))
        assert first == second


def test_reply_leaves_the_given_state_alone():
    maya = scenarios.library()["aspirations-and-workload"]
    state, opening = persona.start(maya)
    assert opening == maya.opening
    before = persona.State.from_json(state.to_json())
    persona.reply(maya, state, "What did you enjoy?", Classification("open", ("past",)))
    assert state == before


def test_the_persona_says_goodbye_in_character():
    for scenario in scenarios.library().values():
        state, _ = persona.start(scenario)
        assert persona.farewell(scenario, state) in scenario.replies["goodbye"]


# Lines a manager might type in the browser for aspirations-and-workload, with what they find.
NATURAL = [
    ("Which piece of work have you enjoyed most over the last year?", "refunds-rebuild"),
    ("What was it about that work that made it so satisfying?", "what-made-it-work"),
    ("What would you like to be doing in three years' time?", "tech-lead"),
    ("What skills would you like to develop to get there?", "planning-gap"),
    ("What upcoming projects would you be most interested in?", "supplier-project"),
    ("It sounds like you have a lot on at the moment, and I appreciate you saying so.", None),
    ("How are you finding your workload at the moment?", "stretched-thin"),
    ("What support would you need from me to make room for it?", "what-would-help"),
]


def test_natural_lines_through_the_real_classifier_find_the_facts():
    """The browser test's good run: what a manager types, classified for real."""
    classifier = pytest.importorskip("careermap.practice.classifier")
    maya = scenarios.library()["aspirations-and-workload"]
    state, said = play(maya, [(text, classifier.classify(text)) for text, _ in NATURAL])
    assert sorted(state.revealed) == sorted(f.key for f in maya.facts), [
        (text, classifier.classify(text)) for text, _ in NATURAL
    ]
    assert [a.revealed[0] if a.revealed else None for a in said] == [k for _, k in NATURAL]


@pytest.mark.parametrize("key", KEYS)
def test_the_scripted_runs_play_the_same_through_the_real_classifier(key):
    """Every scenario can be completed with the words of the script, classified for real, and
    the poor run still finds nothing."""
    classifier = pytest.importorskip("careermap.practice.classifier")
    scenario = scenarios.library()[key]
    for manner in ("good", "poor"):
        lines = persona.script(scenario, manner)
        assert [classifier.classify(line.text).kind for line in lines] == [
            line.kind for line in lines
        ]
    state, _ = play(scenario, [(line.text, classifier.classify(line.text)) for line in lines])
    assert state.revealed == []
    good = persona.script(scenario, "good")
    state, _ = play(scenario, [(line.text, classifier.classify(line.text)) for line in good])
    assert sorted(state.revealed) == sorted(f.key for f in scenario.facts)
    assert all(persona.goals_met(scenario, state).values())
