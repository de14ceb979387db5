"""Development opportunities: the organisation's shared offer of projects, stretch assignments,
mentoring, training, certifications, conferences and rotations that people can grow through.

Plans link their objectives to opportunities (plans.Objective.opportunities), so plans depend
on this app; it imports plans only inside the functions that read them, never at module level.
"""

from django.db import models
from django.db.models import Q

from careermap.frameworks.models import Skill
from careermap.people.links import fast_url
from careermap.people.models import Person


class Opportunity(models.Model):
    PROJECT, STRETCH, MENTORING, TRAINING = "project", "stretch", "mentoring", "training"
    CERTIFICATION, CONFERENCE, ROTATION = "certification", "conference", "rotation"
    KINDS = [
        (PROJECT, "Project"),
        (STRETCH, "Stretch assignment"),
        (MENTORING, "Mentoring"),
        (TRAINING, "Training course"),
        (CERTIFICATION, "Certification"),
        (CONFERENCE, "Conference"),
        (ROTATION, "Rotation"),
    ]
    OPEN, CLOSED = "open", "closed"
    STATUSES = [(OPEN, "Open"), (CLOSED, "Closed")]

    kind = models.CharField(max_length=20, choices=KINDS)
    title = models.CharField(max_length=200)
    description = models.TextField(
        help_text="What it is, what taking part involves, and who it suits."
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="opportunities", help_text="The skills it helps grow."
    )
    # Who to talk to. Kept when they leave only as "nobody named": the offer may still stand.
    offered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    where = models.CharField(
        max_length=120, blank=True, help_text="The team or place, e.g. Platform team, Lisbon."
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The time it asks for each week."
    )
    places = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Written by every change, closing included.
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "opportunities"
        indexes = [
            # The list page: the open ones, newest first.
            models.Index(
                fields=["-created_at", "-id"], condition=Q(status="open"), name="opportunity_open"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return fast_url("opportunities:detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status == self.OPEN
