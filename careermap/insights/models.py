"""The organisation's figures for HR admins, computed ahead of time.

Counting conversations, plans and steps across 100,000 people takes seconds: too long for a
page. A snapshot is computed regularly (tasks.py) and kept as counts per *cell*, the people
who share a team, a direct manager and a track. Every figure is a count, so the page's filters
and groupings are sums over cells, and the page says when the snapshot was taken. Cells hold
counts only, never a name or a word anyone wrote; the under-five rule is applied to the sums,
where the group shown is known (queries.py).
"""

from django.db import models

from careermap.frameworks.models import Role, Skill, Track
from careermap.people.models import Person, Team

# The periods the page offers, in months, and the days each looks back.
PERIODS = {3: 91, 6: 182, 12: 365}


class Snapshot(models.Model):
    computed_at = models.DateTimeField()
    people = models.PositiveIntegerField(default=0)
    took_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        get_latest_by = ["computed_at", "pk"]

    def __str__(self) -> str:
        return f"Insights computed at {self.computed_at:%Y-%m-%d %H:%M}"


class Cell(models.Model):
    """The people of one team, direct manager and track (their current role's), counted."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="cells")
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    manager = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    track = models.ForeignKey(Track, null=True, on_delete=models.SET_NULL, related_name="+")
    people = models.PositiveIntegerField(default=0)
    # People who were the team member (the guest) of a closed conversation held in the last
    # 3, 6 and 12 months.
    conversed_3 = models.PositiveIntegerField(default=0)
    conversed_6 = models.PositiveIntegerField(default=0)
    conversed_12 = models.PositiveIntegerField(default=0)
    with_plan = models.PositiveIntegerField(default=0)  # people with an active plan
    plans_started_3 = models.PositiveIntegerField(default=0)
    plans_started_6 = models.PositiveIntegerField(default=0)
    plans_started_12 = models.PositiveIntegerField(default=0)
    # Active plans whose last check-in was held within the plan's agreed cadence.
    cadence_kept = models.PositiveIntegerField(default=0)
    steps_done_3 = models.PositiveIntegerField(default=0)
    steps_done_6 = models.PositiveIntegerField(default=0)
    steps_done_12 = models.PositiveIntegerField(default=0)
    steps_open = models.PositiveIntegerField(default=0)  # on active plans
    steps_overdue = models.PositiveIntegerField(default=0)
    # People whose current role began in the period, after the day they joined.
    moved_3 = models.PositiveIntegerField(default=0)
    moved_6 = models.PositiveIntegerField(default=0)
    moved_12 = models.PositiveIntegerField(default=0)
    # People whose active plan has an opportunity linked to one of its objectives.
    took_opportunity = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["snapshot", "team"]),
            models.Index(fields=["snapshot", "manager"]),
        ]

    def __str__(self) -> str:
        return f"{self.people} people"


class SkillGap(models.Model):
    """How far a cell's people are, together, from the skills their target roles expect."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="gaps")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    people_short = models.PositiveIntegerField(default=0)
    steps_short = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.skill_id}: {self.steps_short} steps"


class BenchCount(models.Model):
    """How many of a cell's people are ready for a role now, and how many nearly."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="bench")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    holders = models.PositiveIntegerField(default=0)  # who holds it now
    ready_now = models.PositiveIntegerField(default=0)
    within_year = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.role_id}: {self.ready_now} ready"
