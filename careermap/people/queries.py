"""Reads for people pages. Each function runs a fixed number of queries, whatever the size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

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


# What PostgreSQL's trigram index on people covers (migration 0003): the same expression, so
# the planner uses the index. Words never hold a space, so no match spans two fields.
PERSON_TEXT = "(name || ' ' || email || ' ' || job_title)"
# FTS5's trigram index only answers for three characters or more.
SHORTEST_INDEXED = 3


def search_people(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Filter by words in name, e-mail, job title or team: every word must be part of one of
    them (any case). Each word is looked up in the full-text index (migration 0003): SQLite's
    FTS5 trigram tables, PostgreSQL's trigram indexes."""
    for word in text.split()[:6]:
        people = people.filter(_matching(word))
    return people


def _matching(word: str) -> Q:
    if connection.vendor == "postgresql":
        like = f"%{connection.ops.prep_for_like_query(word)}%"
        return Q(
            pk__in=RawSQL(  # noqa: S611 (fixed SQL; the word is a parameter)
                f"SELECT id FROM people_person WHERE {PERSON_TEXT} ILIKE %s "  # noqa: S608
                "UNION ALL SELECT person.id FROM people_person person "
                "JOIN people_team team ON team.id = person.team_id WHERE team.name ILIKE %s",
                [like, like],
            )
        )
    if len(word) < SHORTEST_INDEXED:
        # Rare (a word of one or two letters), and then the whole table is read, as before.
        return (
            Q(name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
            | Q(team__name__icontains=word)
        )
    phrase = '"' + word.replace('"', '""') + '"'  # one string to find, not FTS5 query syntax
    return Q(
        pk__in=RawSQL(
            "SELECT rowid FROM people_person_search WHERE people_person_search MATCH %s "
            "UNION ALL SELECT id FROM people_person WHERE team_id IN "
            "(SELECT rowid FROM people_team_search WHERE people_team_search MATCH %s)",
            [phrase, phrase],
        )
    )


def directory_page(people: QuerySet[Person], *, text: str, page: int | str, per_page: int) -> Page:
    people = search_people(people, text).select_related("team", "manager").order_by("name", "pk")
    return Paginator(people, per_page).get_page(page)


def present_people(today):
    """(id, team id, manager id, start date) of everyone working here today: not erased, not
    gone. The organisation's figures (careermap/insights) count these people and no others."""
    return (
        Person.objects.filter(erased_at__isnull=True)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .order_by("pk")
        .values_list("pk", "team_id", "manager_id", "start_date")
    )
