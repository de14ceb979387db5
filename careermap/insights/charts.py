"""What each chart on the insights page draws, as plain data for json_script: the page's script
(static/js/insights.js) only draws it. A group too small to show is left out of the charts;
its table row says "fewer than 5"."""

from __future__ import annotations

from .queries import Figures

# Bars a chart can show legibly on a phone; the table beside it has the rest.
BARS = 12


def coverage(figures: Figures) -> dict:
    teams = [group for group in figures.teams if group.shown][:BARS]
    return {
        "labels": [group.name for group in teams],
        "series": [
            {"label": f"{months} months", "data": [group.coverage(months) for group in teams]}
            for months in (3, 6, 12)
        ],
        "unit": "%",
    }


def gaps(figures: Figures) -> dict:
    rows = figures.gaps[:BARS]
    return {
        "labels": [row["skill_name"] for row in rows],
        "series": [{"label": "Steps to go", "data": [row["steps_short"] for row in rows]}],
        "unit": "",
    }


def bench(figures: Figures) -> dict:
    rows = figures.bench
    return {
        "labels": [row["role_name"] for row in rows],
        "series": [
            {"label": "Hold it now", "data": [row["holders"] for row in rows]},
            {"label": "Ready now", "data": [row["ready_now"] for row in rows]},
            {"label": "Ready within a year", "data": [row["within_year"] for row in rows]},
        ],
        "unit": "",
        "stacked": True,
    }


def all_charts(figures: Figures) -> dict[str, dict]:
    """Chart data by the key of the table it sits beside."""
    return {"teams": coverage(figures), "skill-gaps": gaps(figures), "bench": bench(figures)}
