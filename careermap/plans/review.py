"""A SMART review of a plan's objectives: what is missing, said plainly. It advises; it never
blocks anything."""

from __future__ import annotations


def objective_review(*, measure: str, due_on, skills) -> list[str]:
    notes = []
    if not measure:
        notes.append("Nothing measurable yet: how will you both know it is done?")
    if due_on is None:
        notes.append("No date: by when should it be done?")
    if not skills:
        notes.append("Not tied to the goal yet: which skills or gaps does it work on?")
    return notes


def time_review(plan, planned: int, opportunities: int = 0) -> str | None:
    """More hours planned each week than were agreed: `planned` over all objectives, plus
    `opportunities`, what the opportunities linked to them ask for."""
    total = planned + opportunities
    if plan.hours_agreed is None or total <= plan.hours_agreed:
        return None
    what = "The objectives and the opportunities they use" if opportunities else "The objectives"
    return (
        f"{what} ask for {total} hours a week; {plan.hours_agreed} were agreed. "
        "Agree more time or trim an objective."
    )
