import pytest

from careermap.engine.gaps import SkillLine, gap_report
from careermap.engine.model import Framework, Profile, RoleSpec
from tests.engine.framework import ADA, BO, small_framework


def test_skills_are_sorted_into_met_exceeded_and_gaps():
    """Each expected skill is met, exceeded or a gap; gaps come largest first, then by key."""
    report = gap_report(small_framework(), ADA, "eng-3")
    assert report.met == [SkillLine("coding", 4, 4), SkillLine("delivery", 3, 3)]
    assert report.exceeded == []
    assert report.gaps == [SkillLine("mentoring", 0, 2), SkillLine("design", 2, 3)]
    assert [line.steps for line in report.gaps] == [2, 1]


def test_gaps_of_equal_size_are_ordered_by_skill_key():
    """Gaps with the same number of steps to go are listed by skill key."""
    profile = Profile({"coding": 3, "design": 2, "delivery": 2})
    report = gap_report(small_framework(), profile, "eng-3")
    assert [line.skill for line in report.gaps] == ["mentoring", "coding", "delivery", "design"]


def test_skills_above_the_need_are_exceeded():
    """A proficiency above what the role expects is listed as exceeded, with negative steps."""
    report = gap_report(small_framework(), ADA, "eng-2")
    assert report.exceeded == [SkillLine("coding", 4, 3), SkillLine("delivery", 3, 2)]
    assert report.exceeded[0].steps == -1
    assert report.met == [SkillLine("design", 2, 2)]


def test_experiences_and_relationships_are_split_into_met_and_missing():
    """Expected experiences and relationships are listed as had or missing, sorted."""
    report = gap_report(small_framework(), ADA, "em-3")
    assert report.experiences_met == []
    assert report.experience_gaps == ["hiring-panel", "led-project"]
    assert report.relationships_met == []
    assert report.relationship_gaps == ["product-partner", "recruiter"]
    report = gap_report(small_framework(), ADA, "eng-3")
    assert report.experiences_met == ["on-call"]
    assert report.experience_gaps == ["led-project"]


def test_readiness_weighs_skills_experiences_and_relationships():
    """Readiness is 0.7 x skills + 0.2 x experiences + 0.1 x relationships, as a percentage."""
    # Skills 9 of 12 steps, experiences 1 of 2, relationships 0 of 1.
    report = gap_report(small_framework(), ADA, "eng-3")
    assert report.readiness == 62.5
    assert [(part.label, part.weight, part.score) for part in report.parts] == [
        ("Skills", 0.7, 0.75),
        ("Experiences", 0.2, 0.5),
        ("Relationships", 0.1, 0.0),
    ]
    assert [part.detail for part in report.parts] == [
        "9 of 12 proficiency steps",
        "1 of 2 experiences",
        "0 of 1 relationships",
    ]


def test_exceeding_one_skill_does_not_make_up_for_another():
    """Steps above the need on one skill add nothing; the gap on another still counts."""
    framework = small_framework()
    exact = Profile({"coding": 2, "delivery": 2, "statistics": 1})
    strong = Profile({"coding": 5, "delivery": 5, "statistics": 1})
    # 2 + 2 + 1 of 7 steps, however far coding and delivery go past their need.
    assert gap_report(framework, strong, "data-2").parts[0].score == 5 / 7
    assert gap_report(framework, strong, "data-2").readiness == (
        gap_report(framework, exact, "data-2").readiness
    )


def test_parts_expected_of_nobody_are_left_out_and_weights_renormalised():
    """A role expecting no relationships scores skills and experiences out of 0.9."""
    # Engineer II: skills 6 of 7 steps, experiences 0 of 1, no relationships expected.
    report = gap_report(small_framework(), BO, "eng-2")
    assert [part.label for part in report.parts] == ["Skills", "Experiences"]
    assert report.readiness == round(100 * (0.7 * 6 / 7) / 0.9, 1) == 66.7


def test_a_role_expecting_only_skills_scores_on_skills_alone():
    """With neither experiences nor relationships expected, readiness is the skills score."""
    # Engineer I expects coding 2 and delivery 1: one of its three steps is covered.
    report = gap_report(small_framework(), Profile({"coding": 1}), "eng-1")
    assert [part.label for part in report.parts] == ["Skills"]
    assert report.readiness == round(100 * 1 / 3, 1)


def test_a_role_expecting_nothing_is_fully_reachable():
    """A role with no expectations at all has readiness 100 and nothing to explain."""
    framework = Framework(
        skills=["coding"], roles=[RoleSpec("intern", "Intern", "engineering", 1, {})], moves=[]
    )
    report = gap_report(framework, Profile({}), "intern")
    assert report.readiness == 100.0
    assert report.parts == []


@pytest.mark.parametrize("profile", [ADA, BO, Profile({})])
@pytest.mark.parametrize("role", ["eng-1", "eng-2", "eng-3", "em-3", "data-2"])
def test_parts_explain_the_readiness(profile, role):
    """The weighted mean of the parts reproduces the readiness shown."""
    report = gap_report(small_framework(), profile, role)
    weights = sum(part.weight for part in report.parts)
    weighted = sum(part.weight * part.score for part in report.parts)
    # Readiness is rounded to 1 decimal, so it is within half a tenth of the exact mean.
    assert report.readiness == pytest.approx(100 * weighted / weights, abs=0.05 + 1e-9)


def test_unknown_roles_are_a_key_error():
    """Asking about a role the framework does not have is a KeyError."""
    with pytest.raises(KeyError):
        gap_report(small_framework(), ADA, "cto")
