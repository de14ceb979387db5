"""Reads for people pages. Each function runs a fixed number of queries, whatever the size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from .models import Person


@dataclass
class DirectReport:
    person: Person
    reports: list[Person] = field(default_factory=list)


def team_of(members: QuerySet[Person], *, manager: Person) -> list[DirectReport]:
    """The manager's team (access.team_members: direct reports and skip-level reports) as each
    direct report with their own reports, in one query."""
    directs: dict[int, DirectReport] = {}
    skips: list[Person] = []
    for person in members.select_related("team").order_by("name"):
        if person.manager_id == manager.pk:
            directs[person.pk] = DirectReport(person)
        else:
            skips.append(person)
    for person in skips:
        # Each skip-level person's manager is one of the directs loaded above.
        directs[person.manager_id].reports.append(person)
    return list(directs.values())


def search_people(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Filter by words in name, e-mail, job title or team: every word must match somewhere."""
    for word in text.split()[:6]:
        people = people.filter(
            Q(name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
            | Q(team__name__icontains=word)
        )
    return people


def directory_page(people: QuerySet[Person], *, text: str, page: int | str, per_page: int) -> Page:
    people = search_people(people, text).select_related("team", "manager").order_by("name", "pk")
    return Paginator(people, per_page).get_page(page)
