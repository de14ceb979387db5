"""The demo steps that join several apps' demo data, run by `careermap demo` after each app's
own: an app's demo only builds what belongs to that app and the ones below it."""

from __future__ import annotations

from careermap.opportunities.models import Opportunity
from careermap.plans import services as plans
from careermap.plans.models import Objective, Plan

# Demo plan objective -> opportunity linked to it, so the plan pages show what linking looks like.
LINKS = {
    "Facilitate incident reviews": "Facilitation skills: the internal course",
    "Learn the data platform": "Six weeks with the data team",
}


def link_opportunities() -> None:
    offered = {o.title: o for o in Opportunity.objects.filter(title__in=LINKS.values())}
    for objective in Objective.objects.filter(
        title__in=LINKS, plan__status=Plan.ACTIVE
    ).select_related("plan__person__user"):
        opportunity = offered.get(LINKS[objective.title])
        if opportunity is not None:
            plans.link_opportunity(
                objective, actor=objective.plan.person.user, opportunity=opportunity
            )
