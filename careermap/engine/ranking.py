"""One person against every role: readiness for each, and the roles worth aiming for next."""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from careermap.engine import scoring
from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec


@dataclass(frozen=True)
class Suggestion:
    role: RoleSpec
    readiness: float
    move: MoveSpec | None  # the move from the current role; None when ranking every role


def readiness_all(framework: Framework, profile: Profile) -> np.ndarray:
    """Readiness (0..100) for every role, in `framework.roles` order; the same numbers as
    gap_report gives role by role."""
    needs = framework.requirements
    have = np.zeros(len(framework.skills), dtype=np.int64)
    for skill, level in profile.skills.items():
        # A profile may hold skills from another framework version; they count for nothing here.
        if skill in framework.skill_index:
            have[framework.skill_index[skill]] = level
    # A level above the scale covers no more than the scale does, so clipping to the matrix's
    # small dtype changes no score and keeps the roles x skills minimum cheap.
    have = np.clip(have, 0, framework.scale_max).astype(needs.dtype)

    experiences = _present(profile.experiences, framework.experience_index)
    relationships = _present(profile.relationships, framework.relationship_index)
    return scoring.readiness(
        np.minimum(needs, have).sum(axis=1, dtype=np.int64),
        needs.sum(axis=1, dtype=np.int64),
        (framework.experience_requirements & experiences).sum(axis=1),
        framework.experience_requirements.sum(axis=1),
        (framework.relationship_requirements & relationships).sum(axis=1),
        framework.relationship_requirements.sum(axis=1),
    )


def next_roles(
    framework: Framework, profile: Profile, current_role: str | None, *, limit: int = 5
) -> list[Suggestion]:
    """The roles to aim for, most ready first.

    From a current role: the roles one move away, ties going to promotions before lateral moves,
    then by role key. Without one: every role, ties going to the lower level, then by role key.
    """
    readiness = readiness_all(framework, profile)

    def score(key: str) -> float:
        return float(readiness[framework.role_index[key]])

    if current_role is None:
        suggestions = [Suggestion(role, score(role.key), None) for role in framework.roles]
        suggestions.sort(key=lambda s: (-s.readiness, s.role.level, s.role.key))
    else:
        framework.role(current_role)  # KeyError for an unknown role, as everywhere else
        moves = sorted(
            (data["move"] for _, _, data in framework.graph.out_edges(current_role, data=True)),
            key=lambda move: (-score(move.target), move.kind != "promotion", move.target),
        )
        suggestions = [Suggestion(framework.role(m.target), score(m.target), m) for m in moves]
    return suggestions[: max(limit, 0)]


def _present(keys: frozenset[str], index: Mapping[str, int]) -> np.ndarray:
    flags = np.zeros(len(index), dtype=bool)
    flags[[index[key] for key in keys if key in index]] = True
    return flags
