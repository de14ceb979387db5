"""The access log: who viewed or changed a person's reflections, plan and assessments, and when.

It is shown to the person it is about, and it is append-only: a row, once written, is never
changed or removed by the application. The model refuses save() of an existing row and
delete(); the queryset refuses update() and delete(); and the database itself rejects an
UPDATE (triggers added in migrations/0002), so a bug or a hand-written query cannot rewrite
history either.
"""

from django.db import models
from django.utils import timezone

from careermap.people.models import Person


class AppendOnly(Exception):
    """Raised on any attempt to change or remove an access log entry."""


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The access log is append-only: entries are never changed.")

    def delete(self):
        raise AppendOnly("The access log is append-only: entries are never deleted.")


class AccessEvent(models.Model):
    VIEWED, CHANGED, ERASED = "viewed", "changed", "erased"
    ACTIONS = [(VIEWED, "viewed"), (CHANGED, "changed"), (ERASED, "erased")]
    PLAN, ASSESSMENTS, REFLECTION = "plan", "assessments", "reflection"
    # Everything Careermap held about the person: written once, when it is erased.
    PERSONAL_DATA = "personal_data"
    WHATS = [
        (PLAN, "plan"),
        (ASSESSMENTS, "skill assessments"),
        (REFLECTION, "reflection"),
        (PERSONAL_DATA, "personal data"),
    ]

    # Removing a person removes their log with them (the collector deletes in SQL, past the
    # refusals above): it is their own data and goes with the rest of it. Removing a person who
    # looked at others keeps those entries, with the actor emptied; the triggers allow exactly
    # that change. Django cascades through the plain _base_manager, never through `objects`.
    subject = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="access_events",
        # The (subject, at) index below starts with this column: a second index is waste.
        db_index=False,
    )
    actor = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=10, choices=ACTIONS)
    what = models.CharField(max_length=20, choices=WHATS)
    detail = models.CharField(max_length=200, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="audit_subject_at")]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.subject}'s {self.what} at {self.at}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("The access log is append-only: entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The access log is append-only: entries are never deleted.")
