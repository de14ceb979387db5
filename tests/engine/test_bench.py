import random

import numpy as np
import pytest

from careermap.engine.bench import PeopleSkills, bench
from careermap.engine.gaps import SkillLine, gap_report
from careermap.engine.model import Profile
from tests.engine.framework import ADA, BO, CY, random_framework, random_profile, small_framework

SENIOR = Profile(
    {"coding": 4, "design": 3, "delivery": 3, "mentoring": 2},
    experiences=frozenset({"on-call", "led-project"}),
    relationships=frozenset({"product-partner"}),
)
UNASSESSED = Profile({}, experiences=frozenset({"on-call"}))


def people_from(framework, profiles):
    """PeopleSkills for {person_id: Profile}, the way the services layer builds it."""
    return PeopleSkills.from_records(
        framework,
        profiles,
        [(pid, skill, level) for pid, p in profiles.items() for skill, level in p.skills.items()],
        [(pid, key) for pid, p in profiles.items() for key in p.experiences],
        [(pid, key) for pid, p in profiles.items() for key in p.relationships],
    )


@pytest.fixture
def framework():
    return small_framework()


@pytest.fixture
def people(framework):
    profiles = {1: ADA, 2: BO, 3: CY, 4: UNASSESSED, 5: SENIOR, 6: ADA, 7: Profile({})}
    return people_from(framework, profiles)


def test_the_bench_is_ordered_by_readiness_then_person_id(framework, people):
    """Most ready first; people equally ready are listed by person id."""
    entries = bench(framework, "eng-3", people)
    assert [(e.person_id, e.readiness) for e in entries] == [
        (5, 100.0),
        (1, 62.5),
        (6, 62.5),
        (2, 35.0),
        (3, 17.5),
        (4, 10.0),
        (7, 0.0),
    ]


def test_people_without_assessments_score_nothing_on_skills(framework, people):
    """Someone never assessed has every skill as a gap from 0; only experiences count."""
    (entry,) = [e for e in bench(framework, "eng-3", people) if e.person_id == 4]
    # Experiences 1 of 2 is the only part above zero: 0.2 x 0.5 = 10%.
    assert entry.readiness == 10.0
    assert entry.gaps == [
        SkillLine("coding", 0, 4),
        SkillLine("delivery", 0, 3),
        SkillLine("design", 0, 3),
        SkillLine("mentoring", 0, 2),
    ]
    assert entry.experience_gaps == ["led-project"]
    assert entry.relationship_gaps == ["product-partner"]


def test_bench_entries_carry_the_same_gaps_as_gap_report(framework, people):
    """Each entry's gaps are gap_report's for that person."""
    entries = {e.person_id: e for e in bench(framework, "eng-3", people)}
    report = gap_report(framework, ADA, "eng-3")
    assert entries[1].gaps == report.gaps
    assert entries[1].experience_gaps == report.experience_gaps
    assert entries[1].relationship_gaps == report.relationship_gaps
    assert entries[5].gaps == entries[5].experience_gaps == entries[5].relationship_gaps == []


def test_excluded_people_are_left_out(framework, people):
    """People in `exclude`, such as those already in the role, are not on the bench."""
    entries = bench(framework, "eng-3", people, exclude=[5, 6])
    assert [e.person_id for e in entries] == [1, 2, 3, 4, 7]


def test_the_bench_stops_at_the_limit(framework, people):
    """Only the `limit` most ready come back, a tie at the cut-off going to the lower id."""
    assert [e.person_id for e in bench(framework, "eng-3", people, limit=2)] == [5, 1]
    assert bench(framework, "eng-3", people, limit=0) == []


def test_a_tie_across_the_cut_off_goes_to_the_lowest_ids(framework):
    """Among many equally ready people the places go to the lowest person ids."""
    ids = list(range(1000, 1200))
    random.Random(3).shuffle(ids)
    profiles = dict.fromkeys(ids, BO) | {5000: SENIOR}
    entries = bench(framework, "eng-3", people_from(framework, profiles), limit=4)
    assert [e.person_id for e in entries] == [5000, 1000, 1001, 1002]


def test_records_for_skills_the_framework_does_not_know_are_dropped(framework):
    """Proficiencies in skills outside the framework change nothing."""
    people = PeopleSkills.from_records(
        framework, [1], [(1, "coding", 4), (1, "juggling", 5)], [(1, "sailing")]
    )
    assert people.skills.tolist() == [framework.skill_index["coding"]]
    assert people.experiences.tolist() == []


def test_records_for_people_not_listed_are_a_key_error(framework):
    """A record for a person id missing from person_ids is a KeyError."""
    with pytest.raises(KeyError):
        PeopleSkills.from_records(framework, [1], [(2, "coding", 4)])


def test_bench_readiness_equals_gap_report_on_a_large_random_framework():
    """For sampled people on random roles, bench readiness is exactly gap_report's."""
    framework = random_framework(seed=11)
    rng = random.Random(11)
    profiles = {person_id: random_profile(framework, rng) for person_id in range(500)}
    people = people_from(framework, profiles)
    for role in rng.sample(framework.roles, 10):
        entries = bench(framework, role.key, people, limit=len(profiles))
        assert len(entries) == len(profiles)
        for entry in rng.sample(entries, 25):
            report = gap_report(framework, profiles[entry.person_id], role.key)
            assert entry.readiness == report.readiness
            assert entry.gaps == report.gaps
        readiness = np.array([e.readiness for e in entries])
        assert np.all(np.diff(readiness) <= 0)
