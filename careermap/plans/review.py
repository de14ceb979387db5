"""A SMART review of a plan's objectives: what is missing, said plainly. It advises; it never
blocks anything."""

from __future__ import annotations


def objective_review(objective, skills) -> list[str]:
    notes = []
    if not objective.measure:
        notes.append("Nothing measurable yet: how will you both know it is done?")
    if objective.due_on is None:
        notes.append("No date: by when should it be done?")
    if not skills:
        notes.append("Not tied to the goal yet: which skills or gaps does it work on?")
    return notes


def time_review(plan, planned: int) -> str | None:
    """More hours planned each week (`planned`, over all objectives) than were agreed."""
    if plan.hours_agreed is not None and planned > plan.hours_agreed:
        return (
            f"The objectives ask for {planned} hours a week; {plan.hours_agreed} were "
            "agreed. Agree more time or trim an objective."
        )
    return None
