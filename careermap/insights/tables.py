"""The insights page's tables, as plain rows: the page shows them beside its charts (the table
is the accessible version of each chart) and the CSV export writes the same rows, so the file
says exactly what the page says."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TextIO

from careermap import access
from careermap.core.spreadsheets import for_spreadsheet

from .queries import Figures, Group

FEWER = f"fewer than {access.INSIGHTS_MIN_GROUP}"


@dataclass
class Table:
    key: str  # its address: /insights/<key>.csv
    caption: str
    headers: list[str]
    rows: list[list[str]]
    more: int = 0  # rows left off the page (the CSV file has them)

    def page_rows(self) -> list[tuple[str, list[str], bool]]:
        """(row heading, its cells, whether the group is too small): the page says "fewer
        than 5" once across a small group's row, where the CSV file repeats it per cell."""
        return [(row[0], row[1:], all(cell == FEWER for cell in row[1:])) for row in self.rows]


def _percent(value: int | None) -> str:
    return FEWER if value is None else f"{value}%"


def _count(group: Group, name: str) -> str:
    return FEWER if group.counts is None else str(group.counts[name])


def summary(figures: Figures, period: int) -> Table:
    total = figures.total
    months = f"the last {period} months"
    rows = [["People", str(total.people) if total.shown else FEWER, ""]]
    if total.shown:
        rows += [
            [
                f"Had a career conversation in {months}",
                _count(total, f"conversed_{period}"),
                _percent(total.coverage(period)),
            ],
            ["Have an active plan", _count(total, "with_plan"), _percent(total.share("with_plan"))],
            [f"Plans started in {months}", _count(total, f"plans_started_{period}"), ""],
            [
                "Active plans checked in on within their agreed cadence",
                _count(total, "cadence_kept"),
                _percent(total.share("cadence_kept", of="with_plan")) + " of active plans",
            ],
            [f"Plan steps done in {months}", _count(total, f"steps_done_{period}"), ""],
            ["Open steps on active plans", _count(total, "steps_open"), ""],
            [
                "Open steps past their due date",
                _count(total, "steps_overdue"),
                _percent(total.share("steps_overdue", of="steps_open")) + " of open steps",
            ],
            [f"Moved to another role in {months}", _count(total, f"moved_{period}"), ""],
            [
                "Took up an opportunity in their active plan",
                _count(total, "took_opportunity"),
                _percent(total.share("took_opportunity", of="with_plan")) + " of active plans",
            ],
        ]
    return Table("summary", "At a glance", ["Measure", "Figure", "Share"], rows)


def coverage(groups: list[Group], *, key: str, who: str, count: int) -> Table:
    """Who had a career conversation in the last 3, 6 and 12 months, per team or manager.
    `count`: how many groups there are in all (the page has only the first few)."""
    rows = [
        [
            group.name,
            str(group.people) if group.shown else FEWER,
            *[_percent(group.coverage(months)) for months in (3, 6, 12)],
            _percent(group.share("with_plan")),
            _count(group, "steps_overdue"),
        ]
        for group in groups
    ]
    return Table(
        key,
        f"Career conversations by {who}",
        [
            who.capitalize(),
            "People",
            "3 months",
            "6 months",
            "12 months",
            "Active plans",
            "Overdue steps",
        ],
        rows,
        more=count - len(groups),
    )


def gaps(figures: Figures) -> Table:
    rows = [[g["skill_name"], str(g["people_short"]), str(g["steps_short"])] for g in figures.gaps]
    return Table(
        "skill-gaps",
        "Largest skill gaps to target roles",
        ["Skill", "People short of it", "Proficiency steps to go, in all"],
        rows,
    )


def bench(figures: Figures) -> Table:
    rows = [
        [
            b["role_name"],
            b["track_name"],
            str(b["holders"]),
            str(b["ready_now"]),
            str(b["within_year"]),
        ]
        for b in figures.bench
    ]
    return Table(
        "bench",
        "Bench strength per role",
        ["Role", "Track", "Hold it now", "Ready now", "Ready within a year"],
        rows,
    )


def all_tables(figures: Figures, period: int) -> dict[str, Table]:
    tables = [
        summary(figures, period),
        coverage(figures.teams, key="teams", who="team", count=figures.team_count),
        coverage(figures.managers, key="managers", who="manager", count=figures.manager_count),
        gaps(figures),
        bench(figures),
    ]
    return {table.key: table for table in tables}


def write_csv(table: Table, out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(table.headers)
    # Team, skill and role names are typed by people: never a formula in a spreadsheet.
    for row in table.rows:
        writer.writerow([for_spreadsheet(cell) for cell in row])
