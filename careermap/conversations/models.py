"""Career conversations: scheduled with a playbook, prepared, held, closed with next steps.

Two people take part: the *host* (the manager, or the first of two peers) and the *guest*
(the team member, or the second peer). Who may see which part is decided in careermap/access.py:
the conversation, its agenda, shared notes, shared reflections, next steps and write-up belong
to the two of them; a private note belongs to its author alone.
"""

import uuid

from django.db import models
from django.utils import timezone

from careermap.people.links import fast_url
from careermap.people.models import Person


class Conversation(models.Model):
    SCHEDULED, CLOSED, CANCELLED = "scheduled", "closed", "cancelled"
    STATUSES = [(SCHEDULED, "Scheduled"), (CLOSED, "Closed"), (CANCELLED, "Cancelled")]

    playbook_key = models.SlugField(max_length=80)
    # The playbook as it was when the conversation was scheduled: later edits to the playbook
    # never change what a past conversation was held with.
    playbook_version = models.PositiveIntegerField()
    playbook_data = models.JSONField()
    host = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hosted_conversations")
    guest = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conversations")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    place = models.CharField(
        max_length=200, blank=True, help_text="A private room, or leave empty."
    )
    video_link = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default=SCHEDULED)
    # Calendar invites: one UID for the life of the conversation, a sequence that goes up with
    # every reschedule or cancellation so calendars replace the old invite.
    ics_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ics_sequence = models.PositiveIntegerField(default=0)
    # Close-out
    summary = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    write_up_wanted = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["host", "starts_at"]),
            models.Index(fields=["guest", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.playbook_data.get('name', self.playbook_key)}: {self.host} and {self.guest}"

    def get_absolute_url(self) -> str:
        return fast_url("conversations:detail", self.pk)

    @property
    def title(self) -> str:
        return self.playbook_data.get("name", "Career conversation")

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)

    @property
    def overdue(self) -> bool:
        """Time has passed but it was never closed: it needs holding or closing."""
        return self.status == self.SCHEDULED and self.ends_at < timezone.now()

    def other(self, person: Person) -> Person:
        return self.guest if person.pk == self.host_id else self.host


class AgendaItem(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="agenda")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class Reflection(models.Model):
    """One person's written answers to the playbook's preparation questions.

    Drafts are theirs alone until they choose to share them with the other person.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict)  # question key -> text
    shared_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "author"], name="reflection_once")
        ]

    def __str__(self) -> str:
        return f"{self.author}'s reflection"


class Note(models.Model):
    """Notes taken in the conversation: shared (the general notes, or the answer under one
    question) or a person's private note.

    Each is a collaborative document (careermap/conversations/documents.py): `state` is its
    merged Yjs state, `text` the plain text it holds, kept beside it for pages, write-ups,
    exports and search.
    """

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    # Empty for the shared notes both people edit; a person for a note only they ever see.
    private_to = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Empty for the general notes; a playbook question's id for the answer written under it.
    question_key = models.CharField(max_length=80, blank=True, default="")
    text = models.TextField(blank=True)
    state = models.BinaryField(default=bytes)
    updated_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "private_to", "question_key"],
                name="one_note_per_owner_and_question",
            ),
            models.UniqueConstraint(
                fields=["conversation", "question_key"],
                condition=models.Q(private_to__isnull=True),
                name="one_shared_note_per_question",
            ),
        ]

    def __str__(self) -> str:
        return "Shared notes" if self.private_to_id is None else "Private note"


class NextStep(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="next_steps"
    )
    what = models.CharField(max_length=300)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_name = models.CharField(
        max_length=120, blank=True, help_text="Someone outside the conversation."
    )
    due_on = models.DateField(null=True, blank=True)
    support = models.CharField(
        max_length=300, blank=True, help_text="The support or time agreed, e.g. 2 hours a week."
    )
    # Taken out of a plan after it was brought in: it is not offered to the plan again.
    set_aside = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return self.what

    @property
    def who(self) -> str:
        return self.owner.name if self.owner else self.owner_name or "To be agreed"


class CustomPlaybook(models.Model):
    """A playbook an HR admin copied from a built-in one and adapted to the organisation."""

    key = models.SlugField(max_length=80, unique=True)
    based_on = models.SlugField(max_length=80, blank=True)
    source = models.TextField(help_text="The playbook in YAML, in the built-in playbooks' format.")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
