"""Reads of the framework, and the engine's view of it and of people."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Least

from careermap.engine.bench import PeopleSkills, bench, rank_by_totals
from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec
from careermap.people.models import Person
from careermap.prepared import Prepared

from .models import (
    Achievement,
    Experience,
    FrameworkInfo,
    Level,
    Move,
    PersonRole,
    Relationship,
    Role,
    RoleSkill,
    ScaleStep,
    Skill,
    SkillCategory,
    SkillRating,
    TargetRole,
    Track,
)

_cache_lock = threading.Lock()
_compiled: dict[int, Compiled] = {}


@dataclass(frozen=True)
class RoleChoice:
    pk: int
    name: str
    track: str


@dataclass(frozen=True)
class MapRole:
    key: str
    name: str
    track: str
    level: str
    x: int
    y: int


@dataclass(frozen=True)
class MapLayout:
    """The career map's fixed part: roles placed by track (across) and level (up), and moves."""

    roles: list[MapRole]  # by track, highest level first, as the table lists them
    moves: list[tuple[str, str, str, int]]  # source key, target key, kind, typical months


@dataclass(frozen=True)
class Compiled:
    """What every career page needs of the framework, built once per framework version."""

    engine: Framework
    names: dict[str, dict[str, str]]  # "skills" / "experiences" / "relationships": key -> name
    roles: list[RoleChoice]  # active roles, by track and level, for role pickers
    layout: MapLayout
    scale: list[ScaleStep]
    experiences: list[tuple[int, str]]  # active experiences (pk, name), for pickers
    relationships: list[tuple[int, str]]
    skills: list[tuple[str, str]]  # active skills (key, name) by name, for pickers


def framework_version() -> int:
    return FrameworkInfo.objects.values_list("version", flat=True).first() or 0


_request = threading.local()


def forget_version() -> None:
    """Called at the start of each request (middleware): look the version up again once."""
    _request.version = None


def compiled() -> Compiled:
    """The framework as the pages use it, kept per process until the framework changes.

    The version is looked up once per request, however many times a page asks. Code that
    runs outside requests (commands, background tasks) calls forget_version() before each
    unit of work; changes made through the services forget it themselves.
    """
    version = getattr(_request, "version", None)
    if version is None:
        version = _request.version = framework_version()
    with _cache_lock:
        if version in _compiled:
            return _compiled[version]
    built = Compiled(
        engine=build_engine_framework(),
        names={
            "skills": dict(Skill.objects.values_list("key", "name")),
            "experiences": dict(Experience.objects.values_list("key", "name")),
            "relationships": dict(Relationship.objects.values_list("key", "name")),
        },
        roles=[
            RoleChoice(*row)
            for row in Role.objects.filter(retired=False)
            .order_by("track__position", "level__rank")
            .values_list("pk", "name", "track__name")
        ],
        layout=_map_layout(),
        scale=list(ScaleStep.objects.all()),
        experiences=list(Experience.objects.filter(retired=False).values_list("pk", "name")),
        relationships=list(Relationship.objects.filter(retired=False).values_list("pk", "name")),
        skills=list(
            Skill.objects.filter(retired=False).order_by("name").values_list("key", "name")
        ),
    )
    with _cache_lock:
        _compiled.clear()  # only the current version is worth keeping
        _compiled[version] = built
    return built


def _map_layout() -> MapLayout:
    tracks = {t.pk: i for i, t in enumerate(Track.objects.filter(retired=False))}
    top = max(Level.objects.filter(retired=False).values_list("rank", flat=True), default=1)
    roles = [
        MapRole(
            r.key,
            r.name,
            r.track.name,
            r.level.name,
            170 * tracks[r.track_id],
            100 * (top - r.level.rank),
        )
        for r in Role.objects.filter(retired=False, track__retired=False)
        .select_related("track", "level")
        .order_by("track__position", "-level__rank")
        if r.track_id in tracks
    ]
    moves = [
        (m.source.key, m.target.key, m.kind, m.typical_months)
        for m in Move.objects.filter(
            retired=False, source__retired=False, target__retired=False
        ).select_related("source", "target")
    ]
    return MapLayout(roles=roles, moves=moves)


def compiled_framework() -> Framework:
    return compiled().engine


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


# Every career page reads the person's profile: both queries are compiled once per process
# (careermap/prepared.py) and only the person's id is put in.
_RATINGS = Prepared(
    lambda *, variant, person: SkillRating.objects.filter(
        person_id=person, effective__gt=0
    ).values_list("skill__key", "effective"),
    person=int,
)
_ACHIEVEMENTS = Prepared(
    lambda *, variant, person: Achievement.objects.filter(person_id=person).values_list(
        "experience__key", "relationship__key"
    ),
    person=int,
)


def profile_of(person) -> Profile:
    ratings = _RATINGS.rows(person=person.pk)
    achievements = _ACHIEVEMENTS.rows(person=person.pk)
    return Profile(
        skills={r["skill__key"]: r["effective"] for r in ratings},
        experiences=frozenset(a["experience__key"] for a in achievements if a["experience__key"]),
        relationships=frozenset(
            a["relationship__key"] for a in achievements if a["relationship__key"]
        ),
    )


@dataclass
class Grid:
    tracks: list[Track]
    # Highest level first; each cell keeps its track, which names it when the grid is stacked
    # on a phone.
    rows: list[tuple[Level, list[tuple[Track, Role | None]]]]


def role_grid() -> Grid:
    tracks = list(Track.objects.filter(retired=False))
    levels = list(Level.objects.filter(retired=False).order_by("-rank"))
    roles = {(r.track_id, r.level_id): r for r in Role.objects.filter(retired=False)}
    rows = [(lv, [(t, roles.get((t.pk, lv.pk))) for t in tracks]) for lv in levels]
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
    return compiled().scale


def bench_for(role_key: str, *, limit: int = 20):
    """The people closest to a role across the organisation, excluding those who hold it.

    Reused from the cache until the framework, anyone's ratings or the head count change.
    """
    stamp = FrameworkInfo.objects.values_list("version", "people_version").first() or (0, 0)
    key = f"bench:{role_key}:{limit}:{stamp[0]}:{stamp[1]}:{Person.objects.count()}"
    entries = cache.get(key)
    if entries is None:
        entries = _bench(role_key, limit=limit)
        cache.set(key, entries, timeout=3600)
    return entries


def _bench(role_key: str, *, limit: int):
    """The bench, computed.

    The database sums each person's proficiency steps met for the role (a few integers a
    person instead of every rating); the engine ranks everyone on those totals, then explains
    the top people from their full ratings.
    """
    framework = compiled_framework()
    spec = framework.role(role_key)
    skills = dict(Skill.objects.filter(key__in=list(spec.skills)).values_list("pk", "key"))
    need = Case(
        *[When(skill_id=pk, then=Value(spec.skills[key])) for pk, key in skills.items()],
        output_field=IntegerField(),
    )
    steps = (
        SkillRating.objects.filter(skill_id__in=list(skills), effective__gt=0)
        .values("person_id")
        .annotate(steps=Sum(Least("effective", need)))
        .values_list("person_id", "steps")
    )
    had = Achievement.objects.filter(
        Q(experience__key__in=list(spec.experiences))
        | Q(relationship__key__in=list(spec.relationships))
    )
    experiences = _counts(had.filter(experience__isnull=False))
    relationships = _counts(had.filter(relationship__isnull=False))
    present = Person.objects.filter(erased_at__isnull=True)  # an erased person is on no bench
    ids = np.fromiter(present.order_by("pk").values_list("pk", flat=True), np.int64)
    holders = list(
        PersonRole.objects.filter(role__key=role_key).values_list("person_id", flat=True)
    )
    top = rank_by_totals(
        framework,
        role_key,
        ids,
        _aligned(ids, steps),
        _aligned(ids, experiences),
        _aligned(ids, relationships),
        limit=limit,
        exclude=holders,
    )
    records = SkillRating.objects.filter(
        person_id__in=top, skill_id__in=list(skills), effective__gt=0
    ).values_list("person_id", "skill__key", "effective")
    people = PeopleSkills.from_records(
        framework,
        top,
        records,
        had.filter(person_id__in=top, experience__isnull=False).values_list(
            "person_id", "experience__key"
        ),
        had.filter(person_id__in=top, relationship__isnull=False).values_list(
            "person_id", "relationship__key"
        ),
    )
    return bench(framework, role_key, people, limit=limit)


def _counts(achievements):
    return achievements.values("person_id").annotate(n=Count("pk")).values_list("person_id", "n")


def _aligned(ids: np.ndarray, pairs) -> np.ndarray:
    """Per-person values from (person_id, value) rows, in the order of the sorted `ids`."""
    rows = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    out = np.zeros(len(ids), dtype=np.int64)
    out[np.searchsorted(ids, rows[:, 0])] = rows[:, 1]
    return out


# Everyone's place in the framework, as plain rows, for the organisation's figures
# (careermap/insights), which compute readiness for every person and role at once.


def placements():
    """(person id, role key, track id, since) of everyone with a current role."""
    return PersonRole.objects.values_list("person_id", "role__key", "role__track_id", "since")


def target_pairs():
    """(person id, role key) for every target role."""
    return TargetRole.objects.filter(role__retired=False).values_list("person_id", "role__key")


def everyone_ratings():
    """(person id, skill key, effective proficiency) of every rating that counts."""
    return SkillRating.objects.filter(effective__gt=0).values_list(
        "person_id", "skill__key", "effective"
    )


def everyone_achievements():
    """(person id, experience key or None, relationship key or None) of every achievement."""
    return Achievement.objects.values_list("person_id", "experience__key", "relationship__key")
