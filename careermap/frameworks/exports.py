"""Write the framework out as a file that `import framework` reads back unchanged."""

import yaml

from .files import FORMAT
from .models import (
    Experience,
    FrameworkInfo,
    Level,
    Move,
    Relationship,
    Role,
    ScaleStep,
    Skill,
    SkillCategory,
    Track,
)


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    # Long texts (role descriptions) read better folded than as one very long line.
    style = ">" if len(value) > 90 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def framework_data() -> dict:
    info = FrameworkInfo.objects.first()
    active = {"retired": False}
    levels = list(Level.objects.filter(**active).order_by("rank"))
    roles = (
        Role.objects.filter(**active)
        .select_related("track", "level")
        .prefetch_related("skill_levels__skill", "experiences", "relationships")
    )
    return {
        "format": FORMAT,
        "name": info.name if info else "Career framework",
        "scale": [
            {"value": s.value, "name": s.name, "description": s.description}
            for s in ScaleStep.objects.all()
        ],
        "categories": [
            {"id": c.key, "name": c.name, "description": c.description}
            for c in SkillCategory.objects.filter(**active)
        ],
        "skills": [_skill(s) for s in Skill.objects.filter(**active).select_related("category")],
        "experiences": [{"id": e.key, "name": e.name} for e in Experience.objects.filter(**active)],
        "relationships": [
            {"id": r.key, "name": r.name} for r in Relationship.objects.filter(**active)
        ],
        "levels": [
            {
                "id": lv.key,
                "name": lv.name,
                "follows": levels[i - 1].key if i else None,
                "summary": lv.summary,
            }
            for i, lv in enumerate(levels)
        ],
        "tracks": [
            {"id": t.key, "name": t.name, "description": t.description}
            for t in Track.objects.filter(**active)
        ],
        "roles": [_role(r) for r in roles],
        "moves": [
            {
                "from": m.source.key,
                "to": m.target.key,
                "kind": m.kind,
                "typical_months": m.typical_months,
            }
            for m in Move.objects.filter(
                retired=False, source__retired=False, target__retired=False
            ).select_related("source", "target")
        ],
    }


def _skill(skill: Skill) -> dict:
    data = {
        "id": skill.key,
        "name": skill.name,
        "category": skill.category.key,
        "description": skill.description,
    }
    if skill.steps:
        data["steps"] = {int(k): v for k, v in sorted(skill.steps.items(), key=lambda i: int(i[0]))}
    return data


def _role(role: Role) -> dict:
    return {
        "id": role.key,
        "name": role.name,
        "track": role.track.key,
        "level": role.level.key,
        "summary": role.summary,
        "excellent": role.excellent,
        "skills": {
            rs.skill.key: rs.proficiency
            for rs in sorted(role.skill_levels.all(), key=lambda rs: rs.skill.position)
        },
        "experiences": sorted(e.key for e in role.experiences.all()),
        "relationships": sorted(r.key for r in role.relationships.all()),
    }


def framework_yaml() -> str:
    header = "# Careermap career framework (format 1; see docs/framework-format.md)\n"
    return header + yaml.dump(
        framework_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
