"""Reads for plan pages, by topic: the plan page and its write-up (plan.py), check-ins
(check_ins.py), the team table (team.py)."""

from .check_ins import (
    AGENDA_LENGTH,
    CHECK_IN_PLAYBOOK,
    check_in_agenda,
    held_in,
    next_check_in,
    upcoming_check_in,
)
from .plan import (
    TIMELINE_LENGTH,
    StepCounts,
    active_plan,
    objective_rows,
    plan_page,
    skill_chart,
    step_counts,
    waiting_next_steps,
    write_up,
)
from .team import SORTS, team_at_a_glance

__all__ = [
    "AGENDA_LENGTH",
    "CHECK_IN_PLAYBOOK",
    "SORTS",
    "TIMELINE_LENGTH",
    "StepCounts",
    "active_plan",
    "check_in_agenda",
    "held_in",
    "next_check_in",
    "objective_rows",
    "plan_page",
    "skill_chart",
    "step_counts",
    "team_at_a_glance",
    "upcoming_check_in",
    "waiting_next_steps",
    "write_up",
]
