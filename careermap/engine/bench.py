"""Everyone in the organisation against one role: who is closest, and what each still needs.

Column-oriented so that 100,000 people take milliseconds, not seconds: the inputs are the
parallel arrays one SQL query returns, and only the role's own skills become a dense matrix.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from careermap.engine import scoring
from careermap.engine.gaps import SkillLine, largest_first
from careermap.engine.model import Framework


def _no_rows() -> np.ndarray:
    return np.empty(0, dtype=np.intp)


@dataclass(frozen=True, eq=False)
class PeopleSkills:
    """Everyone's effective proficiencies as parallel arrays, as one SQL query returns them.

    `rows` index into `person_ids` (distinct); `skills` are column indices in
    `framework.skills` order, one row per person and skill. Experiences and relationships are
    indices in `framework.experiences` / `framework.relationships` order, paired with their own
    `experience_rows` / `relationship_rows`.
    """

    person_ids: np.ndarray
    rows: np.ndarray
    skills: np.ndarray
    levels: np.ndarray
    experience_rows: np.ndarray = field(default_factory=_no_rows)
    experiences: np.ndarray = field(default_factory=_no_rows)
    relationship_rows: np.ndarray = field(default_factory=_no_rows)
    relationships: np.ndarray = field(default_factory=_no_rows)

    def __post_init__(self):
        # Empty query results come back as float arrays, which cannot index; ints always can.
        object.__setattr__(self, "person_ids", np.asarray(self.person_ids, dtype=np.int64))
        for name in (
            "rows",
            "skills",
            "experience_rows",
            "experiences",
            "relationship_rows",
            "relationships",
        ):
            object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=np.intp))
        object.__setattr__(self, "levels", np.asarray(self.levels, dtype=np.int64))
        for group in (
            ("rows", "skills", "levels"),
            ("experience_rows", "experiences"),
            ("relationship_rows", "relationships"),
        ):
            if len({len(getattr(self, name)) for name in group}) > 1:
                raise ValueError(f"{', '.join(group)} differ in length")

    @classmethod
    def from_records(
        cls,
        framework: Framework,
        person_ids: Iterable[int],
        skill_records: Iterable[tuple[int, str, int]],
        experience_records: Iterable[tuple[int, str]] = (),
        relationship_records: Iterable[tuple[int, str]] = (),
    ) -> "PeopleSkills":
        """Build from (person_id, key[, level]) records; KeyError for a person not in
        `person_ids`. Keys the framework does not use are dropped: they count for no role."""
        ids = np.fromiter(person_ids, dtype=np.int64)
        row_of = {int(person_id): row for row, person_id in enumerate(ids)}
        skills = [
            (row_of[person], framework.skill_index[skill], level)
            for person, skill, level in skill_records
            if skill in framework.skill_index
        ]
        experiences = _pairs(row_of, experience_records, framework.experience_index)
        relationships = _pairs(row_of, relationship_records, framework.relationship_index)
        return cls(
            person_ids=ids,
            rows=[row for row, _, _ in skills],
            skills=[column for _, column, _ in skills],
            levels=[level for _, _, level in skills],
            experience_rows=[row for row, _ in experiences],
            experiences=[column for _, column in experiences],
            relationship_rows=[row for row, _ in relationships],
            relationships=[column for _, column in relationships],
        )


@dataclass(frozen=True)
class BenchEntry:
    person_id: int
    readiness: float
    gaps: list[SkillLine]
    experience_gaps: list[str]
    relationship_gaps: list[str]


def bench(
    framework: Framework,
    role_key: str,
    people: PeopleSkills,
    *,
    limit: int = 20,
    exclude: Iterable[int] = (),
) -> list[BenchEntry]:
    """The `limit` people most ready for the role, by readiness and then person id, leaving out
    the ids in `exclude` (such as the people already in the role). Readiness is gap_report's."""
    role = framework.role(role_key)
    if limit <= 0:
        return []
    n_people = len(people.person_ids)
    skill_keys = sorted(role.skills)
    needs = np.array([role.skills[key] for key in skill_keys], dtype=framework.requirements.dtype)
    # Proficiency is clipped into the scale to fit the small dtype; a level above the scale
    # covers no more steps than the scale does, so no score or gap changes.
    levels = _dense(
        (n_people, len(framework.skills)),
        people.rows,
        people.skills,
        [framework.skill_index[key] for key in skill_keys],
        np.clip(people.levels, 0, framework.scale_max).astype(needs.dtype),
    )
    experience_keys = sorted(role.experiences)
    experiences = _dense(
        (n_people, len(framework.experiences)),
        people.experience_rows,
        people.experiences,
        [framework.experience_index[key] for key in experience_keys],
    )
    relationship_keys = sorted(role.relationships)
    relationships = _dense(
        (n_people, len(framework.relationships)),
        people.relationship_rows,
        people.relationships,
        [framework.relationship_index[key] for key in relationship_keys],
    )
    readiness = scoring.readiness(
        np.minimum(levels, needs).sum(axis=1, dtype=np.int64),
        int(needs.sum(dtype=np.int64)),
        experiences.sum(axis=1),
        len(experience_keys),
        relationships.sum(axis=1),
        len(relationship_keys),
    )

    candidates = np.flatnonzero(~np.isin(people.person_ids, np.fromiter(exclude, dtype=np.int64)))
    if limit < len(candidates):
        top = np.argpartition(-readiness[candidates], limit - 1)[:limit]
        # argpartition picks arbitrarily among people tied at the cut-off: keep all of them so
        # the sort below can give the places to the lowest person ids.
        candidates = candidates[readiness[candidates] >= readiness[candidates[top]].min()]
    order = np.lexsort((people.person_ids[candidates], -readiness[candidates]))
    return [
        BenchEntry(
            person_id=int(people.person_ids[row]),
            readiness=float(readiness[row]),
            gaps=largest_first(
                SkillLine(key, int(levels[row, column]), int(needs[column]))
                for column, key in enumerate(skill_keys)
                if levels[row, column] < needs[column]
            ),
            experience_gaps=[
                key for column, key in enumerate(experience_keys) if not experiences[row, column]
            ],
            relationship_gaps=[
                key
                for column, key in enumerate(relationship_keys)
                if not relationships[row, column]
            ],
        )
        for row in candidates[order[:limit]]
    ]


def _dense(shape, rows, columns, wanted, values=None) -> np.ndarray:
    """A (people x wanted columns) matrix of `values` (or True) from sparse (row, column)
    entries; entries in other columns are ignored and missing ones are 0 / False."""
    position = np.full(shape[1], -1, dtype=np.intp)
    position[wanted] = np.arange(len(wanted))
    slots = position[columns]
    keep = slots >= 0
    dense = np.zeros((shape[0], len(wanted)), dtype=bool if values is None else values.dtype)
    dense[rows[keep], slots[keep]] = True if values is None else values[keep]
    return dense


def _pairs(row_of, records, index) -> list[tuple[int, int]]:
    return [(row_of[person], index[key]) for person, key in records if key in index]


def rank_by_totals(
    framework: Framework,
    role_key: str,
    person_ids: np.ndarray,
    skill_steps: np.ndarray,
    experiences: np.ndarray,
    relationships: np.ndarray,
    *,
    limit: int = 20,
    exclude: Iterable[int] = (),
) -> list[int]:
    """The ids of the `limit` people most ready for the role, from per-person totals.

    For an organisation too large to move every rating into Python: the database sums, per
    person, the proficiency steps met for this role's skills (min(have, need), as
    scoring.steps_met) and counts the role's experiences and relationships they have; the
    score itself is still scoring.readiness. Ties go to the lower person id, as in bench().
    """
    role = framework.role(role_key)
    if limit <= 0:
        return []
    ids = np.asarray(person_ids, dtype=np.int64)
    readiness = scoring.readiness(
        np.asarray(skill_steps, dtype=np.int64),
        sum(role.skills.values()),
        np.asarray(experiences, dtype=np.int64),
        len(role.experiences),
        np.asarray(relationships, dtype=np.int64),
        len(role.relationships),
    )
    keep = np.flatnonzero(~np.isin(ids, np.fromiter(exclude, dtype=np.int64)))
    if limit < len(keep):
        top = np.argpartition(-readiness[keep], limit - 1)[:limit]
        keep = keep[readiness[keep] >= readiness[keep[top]].min()]
    order = np.lexsort((ids[keep], -readiness[keep]))
    return [int(i) for i in ids[keep[order[:limit]]]]
