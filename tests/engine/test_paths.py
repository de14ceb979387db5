import pytest

from careermap.engine.gaps import SkillLine
from careermap.engine.model import Profile
from careermap.engine.paths import best_paths
from tests.engine.framework import CY, small_framework


def test_paths_come_shortest_in_months_first():
    """Paths are ordered by typical months, even when a shorter-in-months path has more steps."""
    paths = best_paths(small_framework(), CY, "eng-1", "em-3", k=5)
    assert [(path.roles, path.total_months) for path in paths] == [
        (["eng-2", "eng-3", "em-3"], 42),
        (["eng-2", "data-2", "eng-3", "em-3"], 42),
        (["eng-2", "em-3"], 48),
    ]


def test_paths_equal_in_months_go_fewest_steps_first():
    """Of two paths taking the same months, the one with fewer moves comes first."""
    paths = best_paths(small_framework(), CY, "eng-2", "eng-3")
    assert [path.roles for path in paths] == [["eng-3"], ["data-2", "eng-3"]]
    assert [path.total_months for path in paths] == [24, 24]


def test_no_more_than_k_paths_come_back():
    """Only the k best paths are returned."""
    paths = best_paths(small_framework(), CY, "eng-1", "em-3", k=1)
    assert [path.roles for path in paths] == [["eng-2", "eng-3", "em-3"]]


def test_total_months_is_the_sum_of_the_moves():
    """A path's months are the sum of its moves' typical months."""
    (path, *_) = best_paths(small_framework(), CY, "eng-1", "em-3")
    assert [m.months for m in path.milestones] == [12, 24, 6]
    assert path.total_months == 42
    assert [(m.move.source, m.move.target) for m in path.milestones] == [
        ("eng-1", "eng-2"),
        ("eng-2", "eng-3"),
        ("eng-3", "em-3"),
    ]


def test_each_milestone_lists_only_what_that_step_adds():
    """A milestone asks only for skills above what the person has and earlier steps asked for."""
    (path, *_) = best_paths(small_framework(), CY, "eng-1", "em-3")
    eng_2, eng_3, em_3 = path.milestones
    assert eng_2.skills_to_build == [
        SkillLine("design", 0, 2),
        SkillLine("coding", 2, 3),
        SkillLine("delivery", 1, 2),
    ]
    # Engineer II already asked for coding 3, design 2 and delivery 2.
    assert eng_3.skills_to_build == [
        SkillLine("mentoring", 0, 2),
        SkillLine("coding", 3, 4),
        SkillLine("delivery", 2, 3),
        SkillLine("design", 2, 3),
    ]
    # Senior Engineer already asked for more design and as much delivery as a manager needs.
    assert em_3.skills_to_build == [SkillLine("mentoring", 2, 3)]


def test_each_milestone_lists_only_new_experiences_and_relationships():
    """Experiences and relationships asked for by an earlier step are not asked for again."""
    (path, *_) = best_paths(small_framework(), CY, "eng-1", "em-3")
    assert [m.experiences_to_gain for m in path.milestones] == [
        ["on-call"],
        ["led-project"],
        ["hiring-panel"],
    ]
    assert [m.relationships_to_build for m in path.milestones] == [
        [],
        ["product-partner"],
        ["recruiter"],
    ]


def test_what_the_person_already_has_is_not_a_milestone():
    """Skills, experiences and relationships the person already has are left off the steps."""
    profile = Profile(
        {"coding": 5, "design": 1, "delivery": 3},
        experiences=frozenset({"on-call"}),
        relationships=frozenset({"product-partner"}),
    )
    (path, *_) = best_paths(small_framework(), profile, "eng-1", "eng-3")
    eng_2, eng_3 = path.milestones
    assert eng_2.skills_to_build == [SkillLine("design", 1, 2)]
    assert eng_2.experiences_to_gain == []
    assert eng_3.skills_to_build == [SkillLine("mentoring", 0, 2), SkillLine("design", 2, 3)]
    assert eng_3.relationships_to_build == []


def test_a_shortfall_in_the_start_role_shows_on_the_first_milestone():
    """The start role is where the person is, not a step taken: its expectations are not assumed
    met, so what the next role needs is measured against the person alone."""
    (path, *_) = best_paths(small_framework(), CY, "eng-2", "eng-3")
    assert SkillLine("design", 0, 3) in path.milestones[0].skills_to_build
    assert path.milestones[0].experiences_to_gain == ["led-project", "on-call"]


def test_no_route_gives_no_paths():
    """When no sequence of moves leads to the target there are no paths."""
    assert best_paths(small_framework(), CY, "em-3", "eng-1") == []


def test_the_same_role_gives_no_paths():
    """Going from a role to itself takes no path."""
    assert best_paths(small_framework(), CY, "eng-2", "eng-2") == []


@pytest.mark.parametrize(("source", "target"), [("cto", "eng-1"), ("eng-1", "cto")])
def test_unknown_roles_are_a_key_error(source, target):
    """An unknown source or target is a KeyError."""
    with pytest.raises(KeyError):
        best_paths(small_framework(), CY, source, target)
