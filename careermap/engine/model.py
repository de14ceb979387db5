"""A career framework compiled for analysis, and the person being analysed."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import networkx as nx
import numpy as np

MOVE_KINDS = ("promotion", "lateral")


@dataclass(frozen=True)
class RoleSpec:
    key: str
    name: str
    track: str
    level: int  # rank within the framework, 1 = lowest
    skills: Mapping[str, int] = field(hash=False)  # skill key -> expected proficiency
    experiences: frozenset[str] = frozenset()
    relationships: frozenset[str] = frozenset()

    def __post_init__(self):
        # Frozen means frozen: a caller keeping the dict it passed in cannot change the role.
        object.__setattr__(self, "skills", MappingProxyType(dict(self.skills)))
        object.__setattr__(self, "experiences", frozenset(self.experiences))
        object.__setattr__(self, "relationships", frozenset(self.relationships))


@dataclass(frozen=True)
class MoveSpec:
    source: str
    target: str
    kind: str  # "promotion" | "lateral"
    months: int  # typical time in `source` before the move


@dataclass(frozen=True)
class Profile:
    """One person. A skill that is absent has not been assessed and counts as 0."""

    skills: Mapping[str, int] = field(hash=False)
    experiences: frozenset[str] = frozenset()
    relationships: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "skills", MappingProxyType(dict(self.skills)))
        object.__setattr__(self, "experiences", frozenset(self.experiences))
        object.__setattr__(self, "relationships", frozenset(self.relationships))


class Framework:
    """Compiled once per framework version (the app caches it); immutable.

    Besides the specs it keeps the arrays the vectorised code works on:
    `requirements` (roles x skills, expected proficiency, 0 = not expected),
    `experience_requirements` and `relationship_requirements` (roles x keys, boolean, columns in
    `experiences` / `relationships` order) and `graph`, a DiGraph of role keys whose edges carry
    `move` (the MoveSpec) and `weight` (its months).
    """

    def __init__(
        self,
        *,
        skills: Sequence[str],
        roles: Sequence[RoleSpec],
        moves: Sequence[MoveSpec],
        scale_max: int = 5,
    ):
        self._skills = tuple(skills)
        self._roles = tuple(roles)
        self._moves = tuple(moves)
        self.scale_max = scale_max
        self.skill_index = _index(self._skills, "skill")
        self.role_index = _index([role.key for role in self._roles], "role")
        self._by_key = {role.key: role for role in self._roles}

        # Experiences and relationships have no catalogue of their own here: only the ones some
        # role expects can change a score, so those are the columns.
        self._experiences = tuple(sorted({e for role in self._roles for e in role.experiences}))
        self._relationships = tuple(sorted({r for role in self._roles for r in role.relationships}))
        self.experience_index = _index(self._experiences, "experience")
        self.relationship_index = _index(self._relationships, "relationship")

        self.requirements = self._requirement_matrix()
        self.experience_requirements = _flags(
            [role.experiences for role in self._roles], self.experience_index
        )
        self.relationship_requirements = _flags(
            [role.relationships for role in self._roles], self.relationship_index
        )
        self.graph = self._move_graph()

    @property
    def skills(self) -> tuple[str, ...]:
        return self._skills

    @property
    def roles(self) -> tuple[RoleSpec, ...]:
        return self._roles

    @property
    def moves(self) -> tuple[MoveSpec, ...]:
        return self._moves

    @property
    def experiences(self) -> tuple[str, ...]:
        """Every experience key some role expects, sorted."""
        return self._experiences

    @property
    def relationships(self) -> tuple[str, ...]:
        """Every relationship key some role expects, sorted."""
        return self._relationships

    def role(self, key: str) -> RoleSpec:
        return self._by_key[key]

    def _requirement_matrix(self) -> np.ndarray:
        matrix = np.zeros(
            (len(self._roles), len(self._skills)), dtype=np.min_scalar_type(self.scale_max)
        )
        for row, role in enumerate(self._roles):
            for skill, need in role.skills.items():
                if skill not in self.skill_index:
                    raise ValueError(f"role {role.key!r} expects unknown skill {skill!r}")
                if not 1 <= need <= self.scale_max:
                    raise ValueError(
                        f"role {role.key!r} expects {skill!r} at {need}, "
                        f"outside 1..{self.scale_max}"
                    )
                matrix[row, self.skill_index[skill]] = need
        matrix.flags.writeable = False
        return matrix

    def _move_graph(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_nodes_from(self.role_index)
        for move in self._moves:
            for end in (move.source, move.target):
                if end not in self.role_index:
                    raise ValueError(f"move {move.source!r} -> {move.target!r}: no role {end!r}")
            if move.kind not in MOVE_KINDS:
                raise ValueError(f"move {move.source!r} -> {move.target!r}: kind {move.kind!r}")
            # Path finding needs non-negative weights, and a graph keeps one edge per pair.
            if move.months < 0:
                raise ValueError(f"move {move.source!r} -> {move.target!r}: negative months")
            if move.source == move.target or graph.has_edge(move.source, move.target):
                raise ValueError(f"move {move.source!r} -> {move.target!r} repeated or circular")
            graph.add_edge(move.source, move.target, move=move, weight=move.months)
        return nx.freeze(graph)


def _index(keys: Sequence[str], what: str) -> dict[str, int]:
    index = {key: position for position, key in enumerate(keys)}
    if len(index) != len(keys):
        raise ValueError(f"duplicate {what} keys")
    return index


def _flags(rows: Sequence[frozenset[str]], index: Mapping[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), len(index)), dtype=bool)
    for row, keys in enumerate(rows):
        matrix[row, [index[key] for key in keys]] = True
    matrix.flags.writeable = False
    return matrix
