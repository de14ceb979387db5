"""The built-in role-play scenarios load, are complete, and a broken one is refused with every
reason at once."""

import copy

import pytest
import yaml

from careermap.practice import scenarios

EXPECTED = [
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


def test_every_scenario_file_loads_in_a_fixed_order():
    assert list(scenarios.library()) == EXPECTED
    assert sorted(p.stem for p in scenarios.FOLDER.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("key", EXPECTED)
def test_each_scenario_has_a_full_persona_goals_and_facts_found_by_asking_well(key):
    scenario = scenarios.library()[key]
    persona = scenario.persona
    assert persona.name and persona.role and persona.history and persona.temperament
    assert persona.enjoys and persona.aspirations and persona.worries
    assert scenario.situation and scenario.opening
    assert 3 <= len(scenario.goals) <= 5
    assert 4 <= len(scenario.facts) <= 7
    # a mix: something an open question finds, something deeper, something only trust finds
    assert {f.needs for f in scenario.facts} == {"open", "probing", "empathy"}
    for fact in scenario.facts:
        assert fact.hint.endswith("?") and fact.topics, fact.key
    for situation in scenarios.REPLY_SITUATIONS:
        assert len(scenario.replies[situation]) >= 2, situation


def test_the_library_covers_the_situations_managers_asked_for():
    library = scenarios.library()
    aspirations = library["aspirations-and-workload"]
    assert aspirations.playbook == "career-aspirations"
    assert any(f.needs == "empathy" and "workload" in f.topics for f in aspirations.facts)
    assert library["career-mapping-session"].playbook == "career-mapping"
    assert library["grow-career-vision"].grow
    assert [s.key for s in library.values() if s.grow] == ["grow-career-vision"]
    assert library["short-answers"].persona.temperament in ("reserved", "guarded")
    peer = library["peer-career-mapping"]
    assert (peer.audience, peer.playbook) == ("peer", "peer-career-mapping")
    member = library["leading-my-own-discussion"]
    assert (member.audience, member.playbook) == ("member", "employee-led-discussion")
    for key in ("promotion-not-now", "wants-to-leave-the-team", "aspiration-and-strengths"):
        assert library[key].audience == "manager"


def test_topics_are_the_classifiers():
    classifier = pytest.importorskip("careermap.practice.classifier")
    assert scenarios.TOPICS == classifier.TOPICS


def _data(key="aspirations-and-workload"):
    return copy.deepcopy(scenarios.library()[key].data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(mood="cheerful"), "unknown field(s) mood"),
        (lambda d: d["persona"].update(shoe_size=9), "persona: unknown field(s) shoe_size"),
        (lambda d: d.pop("situation"), "“situation” is missing"),
        (lambda d: d["persona"].pop("history"), "persona: “history” is missing"),
        (lambda d: d["persona"].update(temperament="grumpy"), "temperament must be one of"),
        (lambda d: d.update(audience="board"), "audience must be one of"),
        (lambda d: d.update(playbook="no-such-playbook"), "is not a known playbook"),
        (lambda d: d["facts"][0].update(topics=["hobbies"]), "unknown topic(s) hobbies"),
        (lambda d: d["facts"][0].update(needs="bribery"), "needs must be one of"),
        (lambda d: d["facts"][1].update(id=d["facts"][0]["id"]), "duplicate id"),
        (lambda d: d["goals"][1].update(id=d["goals"][0]["id"]), "goals: duplicate id"),
        (lambda d: d["goals"][0].update(facts=["nope"]), "unknown fact(s) nope"),
        (lambda d: d["replies"].update(closed=["Yes."]), "“closed” needs at least 2"),
        (lambda d: d["replies"].pop("goodbye"), "“goodbye” must be a list of texts"),
        (lambda d: d["replies"].update(shrug=["Meh.", "Eh."]), "unknown situation(s) shrug"),
        (lambda d: d["facts"][0].update(hint="Tell me a story."), "the hint must be a question"),
    ],
)
def test_a_broken_scenario_is_refused_with_the_reason(change, message):
    data = _data()
    change(data)
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(data, "test.yaml")
    assert any(message in p for p in caught.value.problems), caught.value.problems


def test_every_problem_in_a_file_is_listed_at_once():
    data = _data()
    data["facts"] = [f for f in data["facts"] if "workload" not in f["topics"]]
    data["facts"][0]["needs"] = "luck"
    data["persona"].pop("name")
    data["playbook"] = "interrogation"
    data["replies"]["summary"] = ["Yes."]
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(data, "broken.yaml")
    problems = caught.value.problems
    assert str(caught.value).startswith("broken.yaml: ")
    expected = [
        "fact 1: needs must be one of",
        "persona: “name” is missing",
        "playbook 'interrogation' is not a known playbook",
        "“summary” needs at least 2",
        # a goal about workload, with nothing left on workload to find
        "no fact is on topic(s) workload, so no question could cover it",
    ]
    for message in expected:
        assert any(message in p for p in problems), (message, problems)


def test_a_key_written_twice_in_the_yaml_is_refused():
    source = scenarios.to_yaml(scenarios.library()["short-answers"]) + "title: Again\n"
    with pytest.raises(scenarios.ScenarioError, match="written twice"):
        scenarios.from_yaml(source, "twice.yaml")


def test_file_name_must_match_the_id(tmp_path):
    path = tmp_path / "another-name.yaml"
    path.write_text(scenarios.to_yaml(scenarios.library()["short-answers"]))
    with pytest.raises(scenarios.ScenarioError, match="must match the file name"):
        scenarios.load(path)


@pytest.mark.parametrize("key", EXPECTED)
def test_a_scenario_survives_a_round_trip_through_its_yaml(key):
    scenario = scenarios.library()[key]
    assert scenarios.from_yaml(scenarios.to_yaml(scenario)) == scenario


def test_an_adaptation_gets_its_own_id_and_title_and_may_use_the_organisations_playbook():
    original = scenarios.library()["promotion-not-now"]
    source = scenarios.to_yaml(original, key="promotion-not-this-year", title="Not this year")
    data = yaml.safe_load(source)
    data["playbook"] = "our-promotion-talk"
    with pytest.raises(scenarios.ScenarioError, match="not a known playbook"):
        scenarios.parse(data)
    adapted = scenarios.parse(data, playbooks={"our-promotion-talk"})
    assert (adapted.key, adapted.title) == ("promotion-not-this-year", "Not this year")
    assert adapted.facts == original.facts


def test_a_persona_written_from_defaults_is_valid():
    """A rehearsal persona may start from the neutral replies and only its own facts."""
    data = {
        "format": 1,
        "id": "rehearse-42",
        "title": "Rehearse with Ada",
        "summary": "Built from what Ada shared.",
        "audience": "manager",
        "playbook": "career-aspirations",
        "persona": {
            "name": "Ada Lovelace",
            "role": "Analyst",
            "history": "Shared: two years in the team.",
            "enjoys": ["Puzzles"],
            "aspirations": ["Lead the analysis guild"],
            "worries": [],
            "temperament": "open",
        },
        "situation": "Your scheduled career conversation with Ada.",
        "goals": [{"id": "aim", "text": "Hear her aim", "topics": ["future"]}],
        "facts": [
            {
                "id": "guild",
                "text": "I'd like to lead the analysis guild.",
                "topics": ["future"],
                "needs": "open",
                "hint": "Where would you like to go next?",
            }
        ],
        "opening": "Hello!",
        "replies": scenarios.DEFAULT_REPLIES,
    }
    scenario = scenarios.parse(data, "rehearsal")
    assert scenario.topics == ("future",) and scenario.grow is False
