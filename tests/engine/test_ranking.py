import random

import numpy as np
import pytest

from careermap.engine.gaps import gap_report
from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec
from careermap.engine.ranking import next_roles, readiness_all
from tests.engine.framework import ADA, BO, random_framework, random_profile, small_framework


@pytest.mark.parametrize("profile", [ADA, BO, Profile({})])
def test_readiness_all_matches_gap_report_role_by_role(profile):
    """Every role's readiness from readiness_all is the one gap_report gives."""
    framework = small_framework()
    expected = [gap_report(framework, profile, role.key).readiness for role in framework.roles]
    assert readiness_all(framework, profile).tolist() == expected


def test_readiness_all_matches_gap_report_on_a_large_random_framework():
    """On 50 random roles over 200 skills, readiness_all equals gap_report exactly."""
    framework = random_framework(seed=7)
    rng = random.Random(7)
    for _ in range(20):
        profile = random_profile(framework, rng)
        expected = [gap_report(framework, profile, role.key).readiness for role in framework.roles]
        assert np.array_equal(readiness_all(framework, profile), expected)


def test_skills_from_another_framework_count_for_nothing():
    """A profile's skills the framework does not know leave every readiness unchanged."""
    framework = small_framework()
    extra = Profile({**ADA.skills, "juggling": 5}, experiences=ADA.experiences | {"sailing"})
    assert readiness_all(framework, extra).tolist() == readiness_all(framework, ADA).tolist()


def test_next_roles_from_a_role_are_its_moves_most_ready_first():
    """From Engineer II the candidates are the three roles one move away, most ready first."""
    suggestions = next_roles(small_framework(), ADA, "eng-2")
    assert [(s.role.key, s.readiness) for s in suggestions] == [
        ("eng-3", 62.5),
        ("data-2", 62.5),
        ("em-3", 43.8),
    ]
    assert [s.move.kind for s in suggestions] == ["promotion", "lateral", "promotion"]
    assert all(s.move.source == "eng-2" for s in suggestions)


def test_next_roles_from_a_role_with_no_moves_is_empty():
    """A role nothing leads on from has no next roles."""
    assert next_roles(small_framework(), ADA, "em-3") == []


def test_next_roles_without_a_role_ranks_every_role():
    """Without a current role every role is ranked, ties going to the lower level."""
    suggestions = next_roles(small_framework(), ADA, None)
    assert [(s.role.key, s.readiness) for s in suggestions] == [
        ("eng-1", 100.0),
        ("eng-2", 100.0),
        ("data-2", 62.5),
        ("eng-3", 62.5),
        ("em-3", 43.8),
    ]
    assert all(s.move is None for s in suggestions)


def test_next_roles_stops_at_the_limit():
    """No more than `limit` suggestions come back, the best ones."""
    suggestions = next_roles(small_framework(), ADA, None, limit=2)
    assert [s.role.key for s in suggestions] == ["eng-1", "eng-2"]


@pytest.fixture
def even_framework():
    """Four roles asking the same, so that every readiness ties."""
    skills = {"coding": 2}
    return Framework(
        skills=["coding"],
        roles=[
            RoleSpec("start", "Start", "engineering", 1, skills),
            RoleSpec("alpha", "Alpha", "engineering", 2, skills),
            RoleSpec("beta", "Beta", "engineering", 2, skills),
            RoleSpec("gamma", "Gamma", "engineering", 1, skills),
        ],
        moves=[
            MoveSpec("start", "alpha", "lateral", 12),
            MoveSpec("start", "gamma", "promotion", 12),
            MoveSpec("start", "beta", "promotion", 12),
        ],
    )


def test_tied_moves_put_promotions_first_then_role_key(even_framework):
    """Equally ready moves list promotions before lateral moves, then by role key."""
    suggestions = next_roles(even_framework, Profile({"coding": 1}), "start")
    assert [s.role.key for s in suggestions] == ["beta", "gamma", "alpha"]


def test_tied_roles_put_lower_levels_first_then_role_key(even_framework):
    """Without a current role, equally ready roles go lowest level first, then by role key."""
    suggestions = next_roles(even_framework, Profile({"coding": 1}), None)
    assert [s.role.key for s in suggestions] == ["gamma", "start", "alpha", "beta"]


def test_next_roles_from_an_unknown_role_is_a_key_error():
    """An unknown current role is a KeyError, not an empty list."""
    with pytest.raises(KeyError):
        next_roles(small_framework(), ADA, "cto")
