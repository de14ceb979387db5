"""Reads of the opportunities on offer: the list with its filters, and matching.

Matching ranks open opportunities by how many of the wanted skills they grow, counted in SQL
(one query for the ranking, one for the skills of the page shown), so it costs the same for ten
opportunities or ten thousand. For an objective the wanted skills are its own; for a person
they are the skills their active plan works on plus their gaps, which the caller gathers
(careermap/core/matching.py: plans sit above this app, so it never reads them). Each match
says why, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from careermap.frameworks.models import Skill

from .models import Opportunity

PER_PAGE = 50


def filtered(
    opportunities: QuerySet[Opportunity], *, kind: str = "", skill: Skill | None = None, text=""
) -> QuerySet[Opportunity]:
    """Narrow by kind, by a skill it grows, and by words in its title or description (every
    word must match somewhere)."""
    if kind:
        opportunities = opportunities.filter(kind=kind)
    if skill is not None:
        # A subquery rather than a join, so that counting skills for the ranking still counts
        # all of them.
        grows = Opportunity.skills.through.objects.filter(skill=skill).values("opportunity_id")
        opportunities = opportunities.filter(pk__in=grows)
    for word in text.split()[:6]:
        opportunities = opportunities.filter(
            Q(title__icontains=word) | Q(description__icontains=word)
        )
    return opportunities


def _for_display(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return opportunities.select_related("offered_by").prefetch_related("skills")


def list_page(opportunities: QuerySet[Opportunity], *, page: int | str) -> Page:
    """A page of opportunities, newest first, each as a Match with no reason (the list shows
    matches and plain opportunities the same way)."""
    ordered = _for_display(opportunities).order_by("-created_at", "-pk")
    found = Paginator(ordered, PER_PAGE).get_page(page)
    found.object_list = [Match(opportunity=o, skills=[], why="") for o in found.object_list]
    return found


@dataclass
class Wanted:
    """The skills matching looks for, and what to say about each."""

    plan: set[int] = field(default_factory=set)  # skills the plan works on
    gaps: dict[int, list[str]] = field(default_factory=dict)  # skill -> target roles short of
    whose: str = "your plan"

    @property
    def ids(self) -> set[int]:
        return self.plan | set(self.gaps)


@dataclass
class Match:
    opportunity: Opportunity
    skills: list[Skill]
    why: str


def ranked(opportunities: QuerySet[Opportunity], wanted: set[int]) -> QuerySet[Opportunity]:
    """Open opportunities that grow at least one wanted skill, most of them first."""
    return (
        opportunities.filter(status=Opportunity.OPEN)
        .annotate(matched=Count("skills", filter=Q(skills__in=wanted), distinct=True))
        .filter(matched__gt=0)
        .order_by("-matched", "-created_at", "-pk")
    )


def matches_for(person, opportunities: QuerySet[Opportunity], *, wanted: Wanted, page=1) -> Page:
    """The "For me" view: a page of matches for the person, best first, each with why. Their
    own offers are left out."""
    base = opportunities.exclude(offered_by=person)
    found = Paginator(_for_display(ranked(base, wanted.ids)), PER_PAGE).get_page(page)
    found.object_list = [_match(o, wanted) for o in found.object_list]
    return found


def best_for(person, opportunities: QuerySet[Opportunity], *, wanted: Wanted, limit: int = 3):
    """The first few matches of matches_for, without counting them all (for the home page)."""
    if not wanted.ids:
        return []
    base = opportunities.exclude(offered_by=person)
    return [_match(o, wanted) for o in _for_display(ranked(base, wanted.ids))[:limit]]


def suggestions_for(objective, *, limit: int = 5) -> list[Match]:
    """Open opportunities for an objective, ranked by how many of its skills they grow; the
    ones already linked and the person's own offers are left out."""
    wanted = Wanted(plan=set(objective.skills.values_list("pk", flat=True)), whose="this objective")
    if not wanted.plan:
        return []
    linked = objective.opportunities.values("pk")
    base = Opportunity.objects.exclude(pk__in=linked).exclude(
        offered_by_id=objective.plan.person_id
    )
    return [_match(o, wanted) for o in _for_display(ranked(base, wanted.plan))[:limit]]


def _match(opportunity: Opportunity, wanted: Wanted) -> Match:
    skills = [s for s in opportunity.skills.all() if s.pk in wanted.ids]
    return Match(opportunity=opportunity, skills=skills, why=why(skills, wanted))


def why(skills: list[Skill], wanted: Wanted) -> str:
    """'grows Coaching and Planning, which your plan works on, and Hiring, a gap of yours for
    Engineering Team Lead'."""
    on_plan = [s.name for s in skills if s.pk in wanted.plan]
    gaps = [s for s in skills if s.pk not in wanted.plan and s.pk in wanted.gaps]
    parts = []
    if on_plan:
        parts.append(f"{and_list(on_plan)}, which {wanted.whose} works on")
    if gaps:
        roles = list(dict.fromkeys(r for s in gaps for r in wanted.gaps[s.pk]))
        noun = "a gap of yours" if len(gaps) == 1 else "gaps of yours"
        parts.append(f"{and_list([s.name for s in gaps])}, {noun} for {and_list(roles)}")
    return "grows " + ", and ".join(parts) if parts else ""


def and_list(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
