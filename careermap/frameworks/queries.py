"""Reads of the framework, and the engine's view of it and of people."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Prefetch

from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec

from .models import (
    Achievement,
    FrameworkInfo,
    Level,
    Move,
    Role,
    RoleSkill,
    ScaleStep,
    Skill,
    SkillCategory,
    SkillRating,
    Track,
)

_cache_lock = threading.Lock()
_compiled: dict[int, Framework] = {}


def framework_version() -> int:
    return FrameworkInfo.objects.values_list("version", flat=True).first() or 0


def compiled_framework() -> Framework:
    """The engine's framework, built once per framework version and kept per process."""
    version = framework_version()
    with _cache_lock:
        if version in _compiled:
            return _compiled[version]
    framework = build_engine_framework()
    with _cache_lock:
        _compiled.clear()  # only the current version is worth keeping
        _compiled[version] = framework
    return framework


def build_engine_framework() -> Framework:
    roles = list(
        Role.objects.filter(retired=False)
        .select_related("track", "level")
        .prefetch_related(
            Prefetch("skill_levels", queryset=RoleSkill.objects.select_related("skill")),
            "experiences",
            "relationships",
        )
    )
    specs = [
        RoleSpec(
            key=r.key,
            name=r.name,
            track=r.track.key,
            level=r.level.rank,
            skills={rs.skill.key: rs.proficiency for rs in r.skill_levels.all()},
            experiences=frozenset(e.key for e in r.experiences.all()),
            relationships=frozenset(x.key for x in r.relationships.all()),
        )
        for r in roles
    ]
    moves = [
        MoveSpec(source=m.source.key, target=m.target.key, kind=m.kind, months=m.typical_months)
        for m in Move.objects.filter(
            retired=False, source__retired=False, target__retired=False
        ).select_related("source", "target")
    ]
    skills = list(Skill.objects.values_list("key", flat=True))
    scale_max = ScaleStep.objects.count() or 5
    return Framework(skills=skills, roles=specs, moves=moves, scale_max=scale_max)


def profile_of(person) -> Profile:
    ratings = SkillRating.objects.filter(person=person, effective__gt=0).values_list(
        "skill__key", "effective"
    )
    achievements = Achievement.objects.filter(person=person).values_list(
        "experience__key", "relationship__key"
    )
    return Profile(
        skills=dict(ratings),
        experiences=frozenset(e for e, _ in achievements if e),
        relationships=frozenset(r for _, r in achievements if r),
    )


@dataclass
class Grid:
    tracks: list[Track]
    rows: list[tuple[Level, list[Role | None]]]  # highest level first


def role_grid() -> Grid:
    tracks = list(Track.objects.filter(retired=False))
    levels = list(Level.objects.filter(retired=False).order_by("-rank"))
    roles = {(r.track_id, r.level_id): r for r in Role.objects.filter(retired=False)}
    rows = [(lv, [roles.get((t.pk, lv.pk)) for t in tracks]) for lv in levels]
    return Grid(tracks=tracks, rows=rows)


def categories_with_skills() -> list[SkillCategory]:
    return list(
        SkillCategory.objects.filter(retired=False).prefetch_related(
            Prefetch("skills", queryset=Skill.objects.filter(retired=False))
        )
    )


def role_detail(key: str) -> Role | None:
    return (
        Role.objects.filter(key=key)
        .select_related("track", "level")
        .prefetch_related(
            Prefetch(
                "skill_levels",
                queryset=RoleSkill.objects.select_related("skill__category").order_by(
                    "skill__category__position", "-proficiency", "skill__position"
                ),
            ),
            "experiences",
            "relationships",
            Prefetch(
                "moves_out",
                queryset=Move.objects.filter(retired=False).select_related(
                    "target__level", "target__track"
                ),
            ),
            Prefetch(
                "moves_in",
                queryset=Move.objects.filter(retired=False).select_related(
                    "source__level", "source__track"
                ),
            ),
        )
        .first()
    )


def scale() -> list[ScaleStep]:
    return list(ScaleStep.objects.all())


def bench_for(role_key: str, *, limit: int = 20):
    """The people closest to a role across the organisation, excluding those who hold it."""
    import numpy as np

    from careermap.engine.bench import PeopleSkills, bench
    from careermap.people.models import Person

    from .models import PersonRole

    framework = compiled_framework()
    spec = framework.role(role_key)
    person_ids = np.fromiter(Person.objects.values_list("pk", flat=True), dtype=np.int64)
    skill_records = SkillRating.objects.filter(
        skill__key__in=list(spec.skills), effective__gt=0
    ).values_list("person_id", "skill__key", "effective")
    achievements = Achievement.objects.filter(
        experience__key__in=list(spec.experiences)
    ).values_list("person_id", "experience__key")
    ties = Achievement.objects.filter(relationship__key__in=list(spec.relationships)).values_list(
        "person_id", "relationship__key"
    )
    people = PeopleSkills.from_records(framework, person_ids, skill_records, achievements, ties)
    holders = PersonRole.objects.filter(role__key=role_key).values_list("person_id", flat=True)
    return bench(framework, role_key, people, limit=limit, exclude=holders)
