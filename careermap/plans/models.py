"""Development plans: a long-term goal, a GROW record, objectives and the steps under them.

One active plan per person (earlier ones are kept, archived). Every change is recorded in
PlanChange with who, when and the plan as it was after it: the plan's history.
"""

from django.db import models
from django.db.models import Q

from careermap.conversations.models import Conversation, NextStep
from careermap.frameworks.models import Role, Skill
from careermap.opportunities.models import Opportunity
from careermap.people.links import fast_url
from careermap.people.models import Person


class Plan(models.Model):
    ACTIVE, ARCHIVED = "active", "archived"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(
        max_length=10, default=ACTIVE, choices=[(ACTIVE, "Active"), (ARCHIVED, "Archived")]
    )
    goal = models.TextField(help_text="The long-term career goal, in the person's own words.")
    target_roles = models.ManyToManyField(Role, blank=True, related_name="+")
    # GROW: Reality, Options, Way forward (the Goal is `goal`).
    reality = models.TextField(
        blank=True, help_text="Where you are now, what you have done already, how far the goal is."
    )
    options = models.TextField(
        blank=True,
        help_text="What you could try, with its benefits, "
        "challenges and what might get in the way.",
    )
    this_week = models.TextField(blank=True, help_text="What you will do this week.")
    this_month = models.TextField(blank=True, help_text="What you will do this month.")
    likelihood = models.TextField(
        blank=True, help_text="How likely it is to work, and what you will do if it does not."
    )
    support = models.TextField(
        blank=True,
        help_text="The support and time agreed, e.g. 2 hours a week; manager covers on-call.",
    )
    hours_agreed = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Hours a week agreed for development."
    )
    CADENCES = [
        (1, "Every week"),
        (2, "Every two weeks"),
        (4, "Every month"),
        (6, "Every six weeks"),
        (13, "Every quarter"),
    ]
    check_in_weeks = models.PositiveSmallIntegerField(
        default=4, choices=CADENCES, help_text="How often the person and their manager check in."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the person or one of their managers last opened the plan: a plan nobody has looked
    # at for weeks earns a reminder. Written at most once a day per plan.
    looked_at = models.DateTimeField(null=True, blank=True)
    # Goes up with every save of the goal and GROW record: a form sends back the version it was
    # opened with, and a save over a newer one is refused (see docs/plans.md, "Words").
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="active"), name="one_active_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}'s plan"

    def get_absolute_url(self) -> str:
        return fast_url("plans:plan", self.person_id)


class Objective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=200)
    measure = models.CharField(
        max_length=300, blank=True, help_text="How you will know it is done."
    )
    due_on = models.DateField(null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Time it will take each week."
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", help_text="The skills or gaps it works on."
    )
    # The projects, mentoring, courses... that serve it. A closed opportunity stays linked.
    opportunities = models.ManyToManyField(
        Opportunity, blank=True, related_name="objectives", help_text="Opportunities that serve it."
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    NOT_STARTED, IN_PROGRESS, BLOCKED, DONE = "not_started", "in_progress", "blocked", "done"
    STATUSES = [
        (NOT_STARTED, "Not started"),
        (IN_PROGRESS, "In progress"),
        (BLOCKED, "Blocked"),
        (DONE, "Done"),
    ]

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="steps")
    what = models.CharField(max_length=300)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_name = models.CharField(max_length=120, blank=True)
    due_on = models.DateField(null=True, blank=True)
    support = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default=NOT_STARTED)
    roadblock = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    done_on = models.DateField(null=True, blank=True)
    from_next_step = models.OneToOneField(
        NextStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_step"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # The reminder sweep looks for open steps by date across the organisation.
            models.Index(fields=["due_on"], condition=~Q(status="done"), name="step_open_due"),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def who(self) -> str:
        return self.owner.name if self.owner else self.owner_name or "To be agreed"


class PlanChange(models.Model):
    """One entry of a plan's history, append-only: what changed, by whom and when, and the plan
    as it was right after (`snapshot`), so the plan after any two changes can be compared."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300)
    snapshot = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.summary


class CheckIn(models.Model):
    """A regular check-in on the plan: progress per objective, roadblocks, changes of goal."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField()
    recorded_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # The development check-in conversation it was held in, when there was one.
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(blank=True)
    roadblocks = models.TextField(blank=True)
    goal_change = models.TextField(blank=True, help_text="What changed in the goal, and why.")
    next_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["plan", "held_on"])]

    def __str__(self) -> str:
        return f"Check-in on {self.held_on:%d %b %Y}"


class ObjectiveProgress(models.Model):
    ON_TRACK, AHEAD, BEHIND, STUCK, DONE = "on_track", "ahead", "behind", "stuck", "done"
    STATUSES = [
        (ON_TRACK, "On track"),
        (AHEAD, "Ahead"),
        (BEHIND, "Behind"),
        (STUCK, "Stuck"),
        (DONE, "Done"),
    ]

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="progress")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=10, choices=STATUSES, default=ON_TRACK)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["objective__position", "objective_id"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "objective"], name="progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.get_status_display()}"
