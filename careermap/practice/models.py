"""Practice: role-play attempts, their turns, and where a person is in the course.

Practice is private and stays out of the career record: an attempt belongs to the person who
practised (careermap/access.py); nothing here is linked from a plan, a conversation's write-up
or an export, and HR admins see counts per team, never an attempt.
"""

from django.db import models

from careermap.people.links import fast_url
from careermap.people.models import Person


class Attempt(models.Model):
    """One run of a scenario by one person, from the persona's opening line to the feedback.

    `scenario_data` is the scenario as it was played (careermap/practice/snapshots.py): later
    edits to the library never change what a past attempt was played against, and a rehearsal's
    scenario, built from one conversation, needs no library entry at all.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="practice_attempts")
    scenario_key = models.SlugField(max_length=80)
    scenario_title = models.CharField(max_length=200)
    scenario_data = models.JSONField()
    # Set for a rehearsal of a real conversation; empty for a scenario from the library.
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rehearsals",
    )
    state = models.JSONField(default=dict)  # the persona's state (persona.State.to_json())
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-100, once finished
    feedback = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(
                fields=["person", "scenario_key", "started_at"], name="practice_attempt_history"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario_title} ({self.started_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return fast_url("practice:attempt", self.pk)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def is_rehearsal(self) -> bool:
        return self.conversation_id is not None


class Turn(models.Model):
    MANAGER, PERSONA = "manager", "persona"
    SPEAKERS = [(MANAGER, "You"), (PERSONA, "Persona")]

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="turns")
    number = models.PositiveIntegerField()
    speaker = models.CharField(max_length=10, choices=SPEAKERS)
    text = models.TextField()
    # The classifier's reading of the practiser's line (empty for the persona's lines).
    kind = models.CharField(max_length=20, blank=True)
    topics = models.JSONField(default=list)
    probing = models.BooleanField(default=False)
    grow = models.CharField(max_length=10, blank=True)
    # The facts the persona revealed in this line (their keys).
    revealed = models.JSONField(default=list)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "number"], name="practice_turn_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"


class LessonProgress(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="lessons_done")
    lesson_key = models.CharField(max_length=120)
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "lesson_key"], name="lesson_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.lesson_key}"


class PairPractice(models.Model):
    """A role-play with a colleague: one leads the conversation, the other plays the team member
    from the scenario's persona card, ticks the observer's checklist and fills in the feedback.
    Like every attempt, it is the two people's alone and never part of anyone's career record.
    """

    ORGANISER, PARTNER = "organiser", "partner"
    LEADERS = [(ORGANISER, "The organiser leads"), (PARTNER, "The partner leads")]

    organiser = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="pair_practices_organised"
    )
    partner = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="pair_practices_joined"
    )
    scenario_key = models.SlugField(max_length=80)
    scenario_title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    leader = models.CharField(max_length=10, choices=LEADERS, default=ORGANISER)
    checklist = models.JSONField(default=dict)  # observer checklist item -> ticked
    feedback = models.JSONField(null=True, blank=True)  # the feedback form, as filled in
    feedback_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.scenario_title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return fast_url("practice:pair", self.pk)

    @property
    def lead(self) -> Person:
        return self.organiser if self.leader == self.ORGANISER else self.partner

    @property
    def player(self) -> Person:
        """Who plays the team member (and observes)."""
        return self.partner if self.leader == self.ORGANISER else self.organiser


class CustomScenario(models.Model):
    """A scenario an HR admin copied from a built-in one and adapted to the organisation: the
    same YAML as the built-in scenarios, checked by the same parse() before it is saved."""

    key = models.SlugField(max_length=80, unique=True)
    based_on = models.SlugField(max_length=80, blank=True)
    source = models.TextField(help_text="The scenario in YAML, in the built-in scenarios' format.")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class CustomLesson(models.Model):
    """A lesson an HR admin copied from the course and adapted: the same Markdown with front
    matter as the built-in lessons, checked by the same parse() before it is saved."""

    key = models.SlugField(max_length=120, unique=True)
    based_on = models.SlugField(max_length=120, blank=True)
    source = models.TextField(help_text="The lesson in Markdown, in the built-in lessons' format.")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
