"""Reads for the insights page: sums over the latest snapshot's cells (models.py).

A page asks for the latest snapshot (one query), then for its figures, which are kept in the
cache under the snapshot and the filters: the same figures are never added up twice. Adding
them up is seven queries whatever the size of the organisation (figures()).

The under-five rule lives here, where each group shown is known: a group (the selection as a
whole, a team, a manager's reports) of fewer than access.INSIGHTS_MIN_GROUP people gets no
figure at all, only "fewer than 5".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, PositiveIntegerField, Q, Sum

from careermap import access
from careermap.frameworks.models import Track

from .models import PERIODS, BenchCount, Cell, SkillGap, Snapshot

# The rows each table shows on the page; the CSV file has them all.
SHOWN = 25
# A team list this long still makes a usable menu; past it, the team is typed.
TEAM_MENU = 200

# Every count a cell keeps: the fields after its team, manager and track.
COUNTED = [f.name for f in Cell._meta.concrete_fields if isinstance(f, PositiveIntegerField)]


def latest() -> Snapshot | None:
    return Snapshot.objects.order_by("-computed_at", "-pk").first()


@dataclass(frozen=True)
class Filters:
    team: str = ""  # a team's name, any case
    manager: str = ""  # the manager's e-mail address
    track: str = ""  # a track's key
    period: int = 12  # months

    def cells(self, snapshot_id: int, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}snapshot": snapshot_id})
        if self.team:
            q &= Q(**{f"{prefix}team__name__iexact": self.team})
        if self.manager:
            q &= Q(**{f"{prefix}manager__email": self.manager.strip().lower()})
        if self.track:
            q &= Q(**{f"{prefix}track__key": self.track})
        return q

    @property
    def any(self) -> bool:
        return bool(self.team or self.manager or self.track)


@dataclass
class Group:
    """One group's counts (a team, a manager's reports, or the whole selection), or None for
    each when it has fewer people than the rule allows."""

    name: str
    people: int
    counts: dict[str, int] | None  # None: fewer than five people
    key: str = ""  # what to filter by to see this group alone

    @property
    def shown(self) -> bool:
        return self.counts is not None

    def share(self, name: str, of: str = "people") -> int | None:
        """A count as a whole percentage of another (of the group's people by default)."""
        if self.counts is None:
            return None
        whole = self.people if of == "people" else self.counts[of]
        return round(100 * self.counts[name] / whole) if whole else 0

    def coverage(self, months: int) -> int | None:
        return self.share(f"conversed_{months}")


@dataclass
class Figures:
    total: Group
    teams: list[Group]
    managers: list[Group]
    gaps: list[dict]  # skill, people_short, steps_short
    bench: list[dict]  # role, track, holders, ready_now, within_year
    team_names: list[str]  # for the team menu; empty when there are too many to list
    tracks: list[tuple[str, str]]  # (key, name)
    # How many teams and managers there are in all: `teams` and `managers` hold only the first
    # SHOWN of each when the figures are for the page.
    team_count: int = 0
    manager_count: int = 0


def figures(snapshot: Snapshot, filters: Filters, *, complete: bool = False) -> Figures:
    """The page's figures, from the cache when these filters were added up before. The page
    keeps only the rows it shows (a large organisation has thousands of managers, and reading
    them all back from the cache on every visit would cost more than the page); `complete`
    adds every row up afresh, for the CSV files."""
    if complete:
        return _add_up(snapshot, filters)
    key = (
        f"insights:{snapshot.pk}:{filters.team.lower()}:{filters.manager.lower()}:"
        f"{filters.track}:{filters.period}"
    )
    found = cache.get(key)
    if found is None:
        found = _add_up(snapshot, filters)
        found.teams, found.managers = found.teams[:SHOWN], found.managers[:SHOWN]
        cache.set(key, found, timeout=24 * 3600)
    return found


def _sums():
    return {name: Sum(name) for name in COUNTED}


def _group(name: str, row: dict, key: str = "") -> Group:
    people = row.get("people") or 0
    if people < access.INSIGHTS_MIN_GROUP:
        return Group(name=name, people=people, counts=None, key=key)
    return Group(name=name, people=people, counts={n: row[n] or 0 for n in COUNTED}, key=key)


def _add_up(snapshot: Snapshot, filters: Filters) -> Figures:
    """Seven queries whatever the size: 1 the selection's totals, 2 per team, 3 per manager,
    4 the largest skill gaps, 5 the bench per role, 6 the team menu, 7 the track menu."""
    where = filters.cells(snapshot.pk)
    cells = Cell.objects.filter(where)
    total = _group("Everyone selected", cells.aggregate(**_sums()))
    teams = [
        _group(row["team__name"] or "No team", row, row["team__name"] or "")
        for row in cells.values("team__name").annotate(**_sums()).order_by("team__name")
    ]
    managers = [
        _group(row["manager__name"] or "No manager", row, row["manager__email"] or "")
        for row in cells.values("manager__name", "manager__email")
        .annotate(**_sums())
        .order_by("manager__name", "manager__email")
    ]
    shown = total.shown
    in_cells = filters.cells(snapshot.pk, prefix="cell__")
    gaps = (
        list(
            SkillGap.objects.filter(in_cells)
            .values(skill_name=F("skill__name"))
            .annotate(people_short=Sum("people_short"), steps_short=Sum("steps_short"))
            .order_by("-steps_short", "skill_name")[:15]
        )
        if shown
        else []
    )
    bench = (
        list(
            BenchCount.objects.filter(in_cells)
            .values(
                role_name=F("role__name"),
                track_name=F("role__track__name"),
                level=F("role__level__rank"),
            )
            .annotate(
                holders=Sum("holders"), ready_now=Sum("ready_now"), within_year=Sum("within_year")
            )
            .order_by("role__track__position", "role__track__key", "level", "role_name")
        )
        if shown
        else []
    )
    menu = list(
        Cell.objects.filter(snapshot_id=snapshot.pk, team__isnull=False)
        .values_list("team__name", flat=True)
        .distinct()
        .order_by("team__name")[: TEAM_MENU + 1]
    )
    tracks = list(Track.objects.filter(retired=False).values_list("key", "name"))
    return Figures(
        total=total,
        teams=_worst_first(teams),
        managers=_worst_first(managers),
        gaps=gaps,
        bench=bench,
        team_names=menu if len(menu) <= TEAM_MENU else [],
        tracks=tracks,
        team_count=len(teams),
        manager_count=len(managers),
    )


def _worst_first(groups: list[Group]) -> list[Group]:
    """The groups with the lowest twelve-month coverage first (the ones to look at), then the
    groups too small to show, by name."""
    return sorted(groups, key=lambda g: (not g.shown, g.coverage(12) or 0, g.name))


def periods() -> list[int]:
    return sorted(PERIODS)
