"""The ways from one role to another, and what each step asks of the person."""

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from careermap.engine.gaps import SkillLine, largest_first
from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec


@dataclass(frozen=True)
class Milestone:
    move: MoveSpec
    role: RoleSpec
    # Only what this step adds: above what the person has and above what earlier steps on the
    # path already asked for (`have` = the higher of the two), sorted like gaps.
    skills_to_build: list[SkillLine]
    experiences_to_gain: list[str]
    relationships_to_build: list[str]
    months: int  # the move's typical months


@dataclass(frozen=True)
class CareerPath:
    milestones: list[Milestone]
    total_months: int

    @property
    def roles(self) -> list[str]:
        """The role keys along the path, without the start."""
        return [milestone.role.key for milestone in self.milestones]


def best_paths(
    framework: Framework, profile: Profile, source: str, target: str, *, k: int = 3
) -> list[CareerPath]:
    """Up to k simple paths from `source` to `target`, shortest in typical months first and
    then fewest steps. Empty when source is target or no path exists."""
    framework.role(source)
    framework.role(target)
    if source == target or k <= 0:
        return []

    # Order by months, then by steps: a simple path has fewer steps than there are roles, so
    # with a month worth len(roles) and a step worth 1, steps never outweigh a month.
    per_month = len(framework.roles)

    def cost(_source, _target, data):
        return data["weight"] * per_month + 1

    try:
        routes = list(islice(nx.shortest_simple_paths(framework.graph, source, target, cost), k))
    except nx.NetworkXNoPath:
        return []
    return [_career_path(framework, profile, route) for route in routes]


def _career_path(framework: Framework, profile: Profile, route: list[str]) -> CareerPath:
    # The start role is where the person is, not a step they took: its expectations are not
    # assumed met, so a shortfall there shows up on the first milestone.
    skills = dict(profile.skills)
    experiences = set(profile.experiences)
    relationships = set(profile.relationships)
    milestones = []
    for source, target in pairwise(route):
        move = framework.graph.edges[source, target]["move"]
        role = framework.role(target)
        milestones.append(
            Milestone(
                move=move,
                role=role,
                skills_to_build=largest_first(
                    SkillLine(skill, skills.get(skill, 0), need)
                    for skill, need in role.skills.items()
                    if need > skills.get(skill, 0)
                ),
                experiences_to_gain=sorted(role.experiences - experiences),
                relationships_to_build=sorted(role.relationships - relationships),
                months=move.months,
            )
        )
        # Whoever has taken this step has built what it asked for.
        for skill, need in role.skills.items():
            skills[skill] = max(skills.get(skill, 0), need)
        experiences |= role.experiences
        relationships |= role.relationships
    return CareerPath(milestones, sum(m.months for m in milestones))
