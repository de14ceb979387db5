"""Writes to the career framework and to people's places in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F

from careermap.audit import services as audit
from careermap.core.errors import StaleEdit

from . import files, queries
from .models import (
    Achievement,
    Assessment,
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

DEFAULT_FILE = Path(__file__).with_name("default_framework.yaml")


@dataclass
class ImportResult:
    problems: list[files.Problem] = field(default_factory=list)
    dry_run: bool = False
    # section -> counts of what happened
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    retired: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> bool:
        return (
            any(self.created.values()) or any(self.updated.values()) or any(self.retired.values())
        )

    def summary(self) -> str:
        if not self.ok:
            n = len(self.problems)
            return f"Nothing was imported: {n} problem{'s' if n != 1 else ''} to fix."
        if not self.changed:
            return "The framework already matches this file: nothing changed."
        parts = []
        for label, counts in [
            ("added", self.created),
            ("updated", self.updated),
            ("retired", self.retired),
        ]:
            detail = ", ".join(f"{n} {section}" for section, n in counts.items() if n)
            if detail:
                parts.append(f"{label} {detail}")
        prefix = "Dry run, nothing written: would have " if self.dry_run else ""
        return prefix + "; ".join(parts) + "."


class _DryRun(Exception):
    pass


def import_framework(data: bytes, *, actor, dry_run: bool = False) -> ImportResult:
    """Check a framework file and, if it is sound, make the framework match it."""
    parsed, problems = files.parse(data)
    result = ImportResult(problems=problems, dry_run=dry_run)
    if parsed is None:
        return result
    try:
        with transaction.atomic():
            _apply(parsed, result)
            if dry_run:
                raise _DryRun  # roll back: the counts are what the user wanted to see
    except _DryRun:
        pass
    return result


def load_default_framework(*, actor=None) -> ImportResult:
    return import_framework(DEFAULT_FILE.read_bytes(), actor=actor)


def _count(result: ImportResult, section: str, what: str, n: int = 1) -> None:
    counts = getattr(result, what)
    counts[section] = counts.get(section, 0) + n


def _sync(model, section: str, rows: list[dict], result: ImportResult, **fixed) -> dict:
    """Upsert `rows` (dicts of field values with "key") and retire what the file left out."""
    existing = {obj.key: obj for obj in model.objects.all()}
    kept = {}
    for position, values in enumerate(rows):
        values = {**values, "position": position, "retired": False}
        obj = existing.get(values["key"])
        if obj is None:
            obj = model.objects.create(**values)
            obj._created = True  # its links are new too, not an update
            _count(result, section, "created")
        elif any(getattr(obj, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(obj, f, v)
            obj.version += 1  # an edit form opened before this import is now stale
            obj.save()
            obj._updated = True
            _count(result, section, "updated")
        kept[obj.key] = obj
    gone = [o.pk for k, o in existing.items() if k not in kept and not o.retired]
    if gone:
        model.objects.filter(pk__in=gone).update(retired=True)
        _count(result, section, "retired", len(gone))
    return kept


def _apply(parsed: files.FrameworkFile, result: ImportResult) -> None:
    info, _ = FrameworkInfo.objects.get_or_create(pk=1)
    _sync_scale(parsed.scale, result)
    categories = _sync(
        SkillCategory,
        "categories",
        [
            {
                "key": c["id"],
                "name": c["name"].strip(),
                "description": (c.get("description") or "").strip(),
            }
            for c in parsed.categories
        ],
        result,
    )
    skills = _sync(
        Skill,
        "skills",
        [
            {
                "key": s["id"],
                "name": s["name"].strip(),
                "category": categories[s["category"]],
                "description": (s.get("description") or "").strip(),
                "steps": {str(k): v.strip() for k, v in sorted((s.get("steps") or {}).items())},
            }
            for s in parsed.skills
        ],
        result,
    )
    experiences = _sync(
        Experience,
        "experiences",
        [{"key": e["id"], "name": e["name"].strip()} for e in parsed.experiences],
        result,
    )
    relationships = _sync(
        Relationship,
        "relationships",
        [{"key": r["id"], "name": r["name"].strip()} for r in parsed.relationships],
        result,
    )
    levels = _sync(
        Level,
        "levels",
        [
            {
                "key": lv["id"],
                "name": lv["name"].strip(),
                "rank": lv["rank"],
                "summary": (lv.get("summary") or "").strip(),
            }
            for lv in parsed.levels
        ],
        result,
    )
    tracks = _sync(
        Track,
        "tracks",
        [
            {
                "key": t["id"],
                "name": t["name"].strip(),
                "description": (t.get("description") or "").strip(),
            }
            for t in parsed.tracks
        ],
        result,
    )
    # Roles whose track and level swap places must not collide on the one-role-per-spot rule
    # half-way through, so roles leaving the file are retired before the others are written.
    file_roles = {r["id"] for r in parsed.roles}
    leaving = Role.objects.exclude(key__in=file_roles).filter(retired=False).update(retired=True)
    if leaving:
        _count(result, "roles", "retired", leaving)
    roles = _sync(
        Role,
        "roles",
        [
            {
                "key": r["id"],
                "name": r["name"].strip(),
                "track": tracks[r["track"]],
                "level": levels[r["level"]],
                "summary": (r.get("summary") or "").strip(),
                "excellent": (r.get("excellent") or "").strip(),
            }
            for r in parsed.roles
        ],
        result,
    )
    for spec in parsed.roles:
        changed = _sync_role_links(roles[spec["id"]], spec, skills, experiences, relationships)
        # A role counts once, whether its own fields, its links or both changed.
        role = roles[spec["id"]]
        if changed and not (getattr(role, "_created", False) or getattr(role, "_updated", False)):
            _count(result, "roles", "updated")
    _sync_moves(parsed.moves, roles, result)
    if result.changed or info.name != parsed.name:
        FrameworkInfo.objects.filter(pk=info.pk).update(name=parsed.name, version=F("version") + 1)
        queries.forget_version()


def _sync_scale(scale: list[dict], result: ImportResult) -> None:
    existing = {s.value: s for s in ScaleStep.objects.all()}
    for step in scale:
        values = {"name": step["name"].strip(), "description": step["description"].strip()}
        obj = existing.pop(step["value"], None)
        if obj is None:
            ScaleStep.objects.create(value=step["value"], **values)
            _count(result, "scale steps", "created")
        elif obj.name != values["name"] or obj.description != values["description"]:
            ScaleStep.objects.filter(pk=obj.pk).update(**values)
            _count(result, "scale steps", "updated")
    if existing:
        ScaleStep.objects.filter(value__in=existing).delete()
        _count(result, "scale steps", "retired", len(existing))


def _sync_role_links(role, spec, skills, experiences, relationships) -> bool:
    """Make the role's expected skills, experiences and relationships match the file."""
    wanted = {skills[k].pk: v for k, v in spec["skills"].items()}
    current = dict(RoleSkill.objects.filter(role=role).values_list("skill_id", "proficiency"))
    changed = wanted != current
    if changed:
        RoleSkill.objects.filter(role=role).exclude(skill_id__in=wanted).delete()
        for skill_id, level in wanted.items():
            if current.get(skill_id) != level:
                RoleSkill.objects.update_or_create(
                    role=role, skill_id=skill_id, defaults={"proficiency": level}
                )
    for name, known in [("experiences", experiences), ("relationships", relationships)]:
        wanted_ids = {known[k].pk for k in spec.get(name) or []}
        manager = getattr(role, name)
        if set(manager.values_list("pk", flat=True)) != wanted_ids:
            manager.set(wanted_ids)
            changed = True
    return changed


def _sync_moves(moves: list[dict], roles: dict, result: ImportResult) -> None:
    existing = {(m.source_id, m.target_id): m for m in Move.objects.all()}
    kept = set()
    for spec in moves:
        source, target = roles[spec["from"]], roles[spec["to"]]
        key = (source.pk, target.pk)
        kept.add(key)
        values = {"kind": spec["kind"], "typical_months": spec["typical_months"], "retired": False}
        move = existing.get(key)
        if move is None:
            Move.objects.create(source=source, target=target, **values)
            _count(result, "moves", "created")
        elif any(getattr(move, f) != v for f, v in values.items()):
            Move.objects.filter(pk=move.pk).update(**values)
            _count(result, "moves", "updated")
    gone = [m.pk for k, m in existing.items() if k not in kept and not m.retired]
    if gone:
        Move.objects.filter(pk__in=gone).update(retired=True)
        _count(result, "moves", "retired", len(gone))


# A person's place in the framework ------------------------------------------------------------


def people_changed() -> None:
    """Ratings, achievements or roles changed: organisation-wide results are out of date."""
    if not FrameworkInfo.objects.filter(pk=1).update(people_version=F("people_version") + 1):
        FrameworkInfo.objects.create(pk=1, people_version=1)


@transaction.atomic
def set_current_role(person, *, actor, role, since=None):
    people_changed()
    if role is None:
        PersonRole.objects.filter(person=person).delete()
        return None
    placed, _ = PersonRole.objects.update_or_create(
        person=person, defaults={"role": role, "since": since}
    )
    # The role a person holds is no longer something they aim for.
    person.target_roles.filter(role=role).delete()
    return placed


@transaction.atomic
def add_target_role(person, *, actor, role):
    me = getattr(actor, "person", None)
    target, _ = TargetRole.objects.get_or_create(
        person=person, role=role, defaults={"added_by": me}
    )
    return target


@transaction.atomic
def remove_target_role(person, *, actor, role) -> None:
    person.target_roles.filter(role=role).delete()


@transaction.atomic
def rate_skill(person, *, actor, skill, kind, level, evidence, assessed_on, version):
    """Record a self or manager rating; `version` is the rating's version the form showed."""
    rating, _ = SkillRating.objects.select_for_update().get_or_create(person=person, skill=skill)
    if version is not None and rating.version != version:
        # Another tab, or the other rater, rated it since the form was opened.
        raise StaleEdit(rating, message="This skill was rated again while you were editing.")
    if kind == Assessment.SELF:
        rating.self_level = level
    else:
        rating.manager_level = level
    people_changed()
    rating.effective = rating.manager_level or rating.self_level or 0
    rating.version += 1
    rating.save()
    Assessment.objects.create(
        person=person,
        skill=skill,
        kind=kind,
        level=level,
        evidence=evidence.strip(),
        assessed_on=assessed_on,
        rater=getattr(actor, "person", None),
    )
    # In the rating's transaction: a rating is never saved without its access log entry.
    audit.record_change(
        actor=actor,
        subject=person,
        what="assessments",
        detail=f"{kind} rating of {skill.name}: {level}",
    )
    return rating


@transaction.atomic
def record_achievement(person, *, actor, experience=None, relationship=None, note=""):
    people_changed()
    achievement, _ = Achievement.objects.update_or_create(
        person=person,
        experience=experience,
        relationship=relationship,
        defaults={"note": note.strip(), "recorded_by": getattr(actor, "person", None)},
    )
    return achievement


@transaction.atomic
def remove_achievement(person, *, actor, experience=None, relationship=None) -> None:
    people_changed()
    person.achievements.filter(experience=experience, relationship=relationship).delete()


@transaction.atomic
def reset_framework() -> None:
    """Remove the whole framework (for `careermap demo --reset`; people are removed first)."""
    Move.objects.all().delete()
    RoleSkill.objects.all().delete()
    Role.objects.all().delete()
    for model in (
        Track,
        Level,
        Skill,
        SkillCategory,
        Experience,
        Relationship,
        ScaleStep,
        FrameworkInfo,
    ):
        model.objects.all().delete()


# Editing the framework in the app --------------------------------------------------------------


def _framework_changed() -> None:
    # The engine's compiled framework is cached by this version.
    info, _ = FrameworkInfo.objects.get_or_create(pk=1)
    FrameworkInfo.objects.filter(pk=info.pk).update(version=F("version") + 1)
    queries.forget_version()


def _claim(model, obj, version: int | None) -> None:
    """Take the edit only if the item is still at the version the form was opened with."""
    if obj.pk is None:
        return
    if not model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1):
        raise StaleEdit(
            model.objects.get(pk=obj.pk),
            message="This was changed by someone else while you were editing.",
        )
    obj.version = (version or 0) + 1


@transaction.atomic
def save_role(
    role,
    *,
    actor,
    version,
    name,
    track,
    level,
    summary,
    excellent,
    skills,
    experiences,
    relationships,
):
    """Create (role.pk is None) or update a role. `skills` maps Skill -> proficiency."""
    _claim(Role, role, version)
    clash = Role.objects.filter(track=track, level=level, retired=False).exclude(pk=role.pk)
    if clash.exists():
        raise ValueError(
            f"{clash.first().name} is already the {track.name} role at {level.name} level."
        )
    role.name, role.track, role.level = name.strip(), track, level
    role.summary, role.excellent = summary.strip(), excellent.strip()
    if role.pk is None:
        role.position = (
            Role.objects.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
    role.save()
    RoleSkill.objects.filter(role=role).exclude(skill__in=list(skills)).delete()
    for skill, proficiency in skills.items():
        RoleSkill.objects.update_or_create(
            role=role, skill=skill, defaults={"proficiency": proficiency}
        )
    role.experiences.set(experiences)
    role.relationships.set(relationships)
    _framework_changed()
    return role


@transaction.atomic
def save_skill(skill, *, actor, version, name, category, description, steps):
    _claim(Skill, skill, version)
    skill.name, skill.category, skill.description = name.strip(), category, description.strip()
    skill.steps = {str(k): v.strip() for k, v in steps.items() if v and v.strip()}
    if skill.pk is None:
        skill.position = (
            Skill.objects.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
    skill.save()
    _framework_changed()
    return skill


@transaction.atomic
def set_retired(item, *, actor, retired: bool):
    """Retire or bring back a role or a skill. Retired items keep their history."""
    model = type(item)
    if not retired and model is Role:
        clash = Role.objects.filter(track=item.track, level=item.level, retired=False)
        if clash.exclude(pk=item.pk).exists():
            raise ValueError(f"{clash.first().name} now holds that track and level.")
    model.objects.filter(pk=item.pk).update(retired=retired, version=F("version") + 1)
    _framework_changed()
    item.refresh_from_db()
    return item


@transaction.atomic
def save_move(*, actor, source, target, typical_months):
    """Add or update the usual move from one role to another; its kind follows the tracks."""
    if source.pk == target.pk:
        raise ValueError("A move goes to another role.")
    if source.track_id == target.track_id:
        if target.level.rank <= source.level.rank:
            raise ValueError("Within a track, a move goes up a level (a promotion).")
        kind = Move.PROMOTION
    else:
        kind = Move.LATERAL
    move, _ = Move.objects.update_or_create(
        source=source,
        target=target,
        defaults={"kind": kind, "typical_months": typical_months, "retired": False},
    )
    _framework_changed()
    return move


@transaction.atomic
def retire_move(move, *, actor):
    Move.objects.filter(pk=move.pk).update(retired=True)
    _framework_changed()
