"""One person against one role: what is met, what is missing, and how ready that makes them."""

from collections.abc import Iterable
from dataclasses import dataclass

from careermap.engine import scoring
from careermap.engine.model import Framework, Profile, RoleSpec


@dataclass(frozen=True)
class SkillLine:
    skill: str
    have: int
    need: int

    @property
    def steps(self) -> int:
        """Proficiency steps still to go; negative when the person is above the need."""
        return self.need - self.have


@dataclass(frozen=True)
class ScorePart:
    label: str  # "Skills", "Experiences" or "Relationships"
    weight: float
    score: float  # 0..1
    detail: str  # e.g. "14 of 17 proficiency steps"


@dataclass(frozen=True)
class GapReport:
    role: RoleSpec
    met: list[SkillLine]
    exceeded: list[SkillLine]
    gaps: list[SkillLine]  # largest first, then by skill key
    experiences_met: list[str]
    experience_gaps: list[str]
    relationships_met: list[str]
    relationship_gaps: list[str]
    readiness: float  # 0..100, 1 decimal
    parts: list[ScorePart]  # readiness == 100 * sum(weight * score) / sum(weight)


def gap_report(framework: Framework, profile: Profile, role_key: str) -> GapReport:
    role = framework.role(role_key)
    lines = sorted(
        (
            SkillLine(skill, profile.skills.get(skill, 0), need)
            for skill, need in role.skills.items()
        ),
        key=lambda line: line.skill,
    )
    experiences_met = sorted(role.experiences & profile.experiences)
    relationships_met = sorted(role.relationships & profile.relationships)

    counts = {
        "Skills": (
            sum(scoring.steps_met(line.have, line.need) for line in lines),
            sum(role.skills.values()),
        ),
        "Experiences": (len(experiences_met), len(role.experiences)),
        "Relationships": (len(relationships_met), len(role.relationships)),
    }
    return GapReport(
        role=role,
        met=[line for line in lines if line.steps == 0],
        exceeded=[line for line in lines if line.steps < 0],
        gaps=largest_first(line for line in lines if line.steps > 0),
        experiences_met=experiences_met,
        experience_gaps=sorted(role.experiences - profile.experiences),
        relationships_met=relationships_met,
        relationship_gaps=sorted(role.relationships - profile.relationships),
        readiness=float(scoring.readiness(*(n for pair in counts.values() for n in pair))),
        parts=[
            ScorePart(label, scoring.WEIGHTS[label], met / expected, _detail(label, met, expected))
            for label, (met, expected) in counts.items()
            if expected > 0
        ],
    )


def largest_first(lines: Iterable[SkillLine]) -> list[SkillLine]:
    """Gaps in the order to show them: the most steps to go first, then by skill key."""
    return sorted(lines, key=lambda line: (-line.steps, line.skill))


def _detail(label: str, met: int, expected: int) -> str:
    if label == "Skills":
        return f"{met} of {expected} proficiency steps"
    return f"{met} of {expected} {label.lower()}"
