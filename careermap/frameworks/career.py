"""Reads for a person's career page: where they are, where they could go, how far it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from careermap.engine.gaps import GapReport, gap_report
from careermap.engine.paths import CareerPath, best_paths
from careermap.engine.ranking import Suggestion, next_roles, readiness_all
from careermap.people.links import fast_url
from careermap.prepared import Prepared

from . import queries
from .models import (
    Achievement,
    Assessment,
    Experience,
    PersonRole,
    Relationship,
    Role,
    RoleSkill,
    Skill,
    SkillRating,
    TargetRole,
)


@dataclass
class CareerView:
    person: object
    current: PersonRole | None
    targets: list[TargetRole]
    suggestions: list[Suggestion]
    target: Role | None = None
    report: GapReport | None = None
    paths: list[CareerPath] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)  # key -> Role, for names and links
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # skills/experiences/...
    profile: object = None


def career_view(person, *, target_key: str | None, for_map: bool = False) -> CareerView:
    """Everything the career page shows; the map needs only the roles, targets and route."""
    framework = queries.compiled_framework()
    profile = queries.profile_of(person)
    current = next(iter(_CURRENT.objects(person=person.pk)), None)
    targets = _TARGETS.objects(person=person.pk)
    for target in targets:
        target.person = person  # as person.target_roles would have it
    current_key = current.role.key if current and not current.role.retired else None
    suggestions = (
        next_roles(framework, profile, current_key, limit=6)
        if framework.roles and not for_map
        else []
    )
    view = CareerView(
        person=person, current=current, targets=targets, suggestions=suggestions, profile=profile
    )
    if target_key is None and targets:
        target_key = targets[0].role.key
    keys = {s.role.key for s in suggestions} | {t.role.key for t in targets}
    if target_key:
        try:
            framework.role(target_key)
        except KeyError:
            target_key = None
    if target_key:
        view.report = gap_report(framework, profile, target_key)
        if current_key and current_key != target_key:
            view.paths = best_paths(framework, profile, current_key, target_key, k=3)
        for path in view.paths:
            keys.update(path.roles)
        keys.add(target_key)
    if current_key:
        keys.add(current_key)
    view.roles = {
        r.key: r for r in Role.objects.filter(key__in=keys).select_related("track", "level")
    }
    view.target = view.roles.get(target_key) if target_key else None
    if not for_map:
        view.names = names()
    return view


# Asked on every career page and map: compiled once per process (careermap/prepared.py), the
# same queries as PersonRole.objects.filter(person=...).first() and person.target_roles.
_CURRENT = Prepared(
    lambda *, variant, person: (
        PersonRole.objects.filter(person_id=person)
        .select_related("role__track", "role__level")
        .order_by("pk")[:1]
    ),
    person=int,
)
_TARGETS = Prepared(
    lambda *, variant, person: TargetRole.objects.filter(person_id=person).select_related(
        "role__track", "role__level"
    ),
    person=int,
)


def names() -> dict[str, dict[str, str]]:
    """Display names by key, for what the engine reports by key."""
    return queries.compiled().names


# The skill profile page -----------------------------------------------------------------------


@dataclass
class SkillRow:
    skill: object
    rating: object | None
    expected: int | None  # what the current role expects
    target_expected: int | None  # the highest any target role expects
    person_id: int | None = None

    @property
    def history_url(self) -> str:
        return fast_url("frameworks:history", self.person_id, self.skill.key)

    @property
    def rate_url(self) -> str:
        return fast_url("frameworks:rate", self.person_id, self.skill.key)


@dataclass
class SkillGroup:
    category: object
    rows: list[SkillRow]


@dataclass(frozen=True)
class RolesInView:
    current: int | None
    targets: list[int]

    @classmethod
    def of(cls, person) -> RolesInView:
        return cls(
            current=PersonRole.objects.filter(person=person)
            .values_list("role_id", flat=True)
            .first(),
            targets=list(person.target_roles.values_list("role_id", flat=True)),
        )


def skill_profile(person, roles: RolesInView | None = None) -> list[SkillGroup]:
    """The skills that matter for this person, by category, with ratings and recent history."""
    roles = roles or RolesInView.of(person)
    current, target_ids = roles.current, roles.targets
    expected = dict(
        RoleSkill.objects.filter(role_id=current).values_list("skill_id", "proficiency")
    )
    wanted: dict[int, int] = {}
    for skill_id, level in RoleSkill.objects.filter(role_id__in=target_ids).values_list(
        "skill_id", "proficiency"
    ):
        wanted[skill_id] = max(level, wanted.get(skill_id, 0))
    ratings = {r.skill_id: r for r in SkillRating.objects.filter(person=person)}
    skill_ids = set(expected) | set(wanted) | set(ratings)
    skills = (
        Skill.objects.filter(pk__in=skill_ids)
        .select_related("category")
        .order_by("category__position", "position")
    )
    groups: dict[int, SkillGroup] = {}
    for skill in skills:
        group = groups.setdefault(skill.category_id, SkillGroup(skill.category, []))
        group.rows.append(
            SkillRow(
                skill,
                ratings.get(skill.pk),
                expected.get(skill.pk),
                wanted.get(skill.pk),
                person.pk,
            )
        )
    return list(groups.values())


def skill_row(person, skill) -> SkillRow:
    for group in skill_profile(person):
        for row in group.rows:
            if row.skill.pk == skill.pk:
                return row
    return SkillRow(
        skill,
        SkillRating.objects.filter(person=person, skill=skill).first(),
        None,
        None,
        person.pk,
    )


def relevant_achievements(person, roles: RolesInView | None = None):
    """Experiences and relationships the person's current and target roles expect, with
    whether the person has them, plus anything else they have recorded."""
    roles = roles or RolesInView.of(person)
    role_ids = [*roles.targets, *([roles.current] if roles.current else [])]
    had = list(
        Achievement.objects.filter(person=person).select_related("experience", "relationship")
    )
    had_experiences = {a.experience_id: a for a in had if a.experience_id}
    had_relationships = {a.relationship_id: a for a in had if a.relationship_id}
    experiences = Experience.objects.filter(
        Q(roles__in=role_ids) | Q(pk__in=list(had_experiences))
    ).distinct()
    relationships = Relationship.objects.filter(
        Q(roles__in=role_ids) | Q(pk__in=list(had_relationships))
    ).distinct()
    return (
        [(e, had_experiences.get(e.pk)) for e in experiences],
        [(r, had_relationships.get(r.pk)) for r in relationships],
    )


# The career map -------------------------------------------------------------------------------


def map_graph(view: CareerView) -> dict:
    """The map's elements for Cytoscape and its table: roles with this person's readiness and
    marks (current role, targets, the first suggested route), and the moves between them."""
    compiled = queries.compiled()
    framework = compiled.engine
    ready = (
        dict(
            zip(
                (r.key for r in framework.roles),
                readiness_all(framework, view.profile),
                strict=True,
            )
        )
        if framework.roles
        else {}
    )
    current = view.current.role.key if view.current else None
    targets = {t.role.key for t in view.targets}
    on_path = {key for path in view.paths[:1] for key in path.roles}
    nodes, rows = [], []
    for role in compiled.layout.roles:
        marks = [
            mark
            for mark, on in [
                ("current", role.key == current),
                ("target", role.key in targets),
                ("path", role.key in on_path),
            ]
            if on
        ]
        score = round(float(ready.get(role.key, 0)))
        nodes.append(
            {
                "data": {
                    "id": role.key,
                    "label": role.name,
                    "track": role.track,
                    "level": role.level,
                    "readiness": score,
                    "marks": " ".join(marks),
                },
                "position": {"x": role.x, "y": role.y},
                "classes": " ".join(marks),
            }
        )
        rows.append({"role": role, "readiness": score, "marks": marks})
    path_edges = {
        (a, b)
        for path in view.paths[:1]
        for a, b in zip([current, *path.roles], path.roles, strict=False)
    }
    edges = [
        {
            "data": {"id": f"{a}>{b}", "source": a, "target": b, "months": months},
            "classes": " ".join([kind, "path" if (a, b) in path_edges else ""]).strip(),
        }
        for a, b, kind, months in compiled.layout.moves
    ]
    return {"elements": nodes + edges, "rows": rows}


def skill_history(person, skill) -> list:
    """Every rating of this skill for this person, newest first."""
    return list(Assessment.objects.filter(person=person, skill=skill).select_related("rater"))
