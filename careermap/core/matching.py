"""Where plans meet the opportunities on offer: what a person's plan wants, for "For me", and
which of their objectives an opportunity could serve.

Plans link opportunities, so they sit above that app; reading plans from careermap.opportunities
would make each app need the other. The opportunities app ranks and explains matches for
whatever skills it is given (opportunities.queries); this module, above both, gathers them.
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from careermap.frameworks.models import RoleSkill, SkillRating, TargetRole
from careermap.opportunities.models import Opportunity
from careermap.opportunities.queries import Wanted
from careermap.people.models import Person
from careermap.plans.models import Objective, Plan


def wanted_for(person: Person) -> Wanted:
    """The skills of the person's active plan's objectives, and their gaps for the roles they
    aim for (their target roles and the plan's): expected above their effective rating, which
    counts as 0 when unrated."""
    plan_skills = Objective.skills.through.objects.filter(
        objective__plan__person=person, objective__plan__status=Plan.ACTIVE
    ).values_list("skill_id", flat=True)
    aims = TargetRole.objects.filter(person=person).values("role_id")
    plan_aims = Plan.target_roles.through.objects.filter(
        plan__person=person, plan__status=Plan.ACTIVE
    ).values("role_id")
    rating = SkillRating.objects.filter(person=person, skill=OuterRef("skill")).values("effective")[
        :1
    ]
    short = (
        RoleSkill.objects.filter(Q(role_id__in=aims) | Q(role_id__in=plan_aims))
        .filter(role__retired=False)
        .annotate(have=Coalesce(Subquery(rating), 0))
        .filter(proficiency__gt=F("have"))
        .order_by("role__position", "role__key")
        .values_list("skill_id", "role__name")
    )
    wanted = Wanted(plan=set(plan_skills))
    for skill_id, role in short:
        roles = wanted.gaps.setdefault(skill_id, [])
        if role not in roles:
            roles.append(role)
    return wanted


def has_active_plan(person: Person) -> bool:
    return Plan.objects.filter(person=person, status=Plan.ACTIVE).exists()


def objectives_served(opportunity: Opportunity, person: Person) -> list[dict]:
    """The objectives of the person's active plan this opportunity could serve (it grows one of
    their skills) or already serves, with the skills they share."""
    grows = {s.pk: s.name for s in opportunity.skills.all()}
    linked = Objective.opportunities.through.objects.filter(
        objective=OuterRef("pk"), opportunity=opportunity
    )
    objectives = (
        Objective.objects.filter(plan__person=person, plan__status=Plan.ACTIVE)
        .annotate(
            shared=Count("skills", filter=Q(skills__in=list(grows)), distinct=True),
            linked=Exists(linked),
        )
        .filter(Q(shared__gt=0) | Q(linked=True))
        .prefetch_related("skills")
    )
    return [
        {
            "objective": o,
            "linked": o.linked,
            "skills": [grows[s.pk] for s in o.skills.all() if s.pk in grows],
        }
        for o in objectives
    ]
