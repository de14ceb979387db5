"""Reminders: in the app for their recipient, and by e-mail as often as the recipient chose.

A Reminder row *is* the in-app reminder; its e-mail columns track delivery. Each reminder has a
unique `key` naming what it is about (the step and its due date, the check-in and its time, the
plan and the start of its quiet spell), so running the sweep again never makes a second one.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careermap.people.models import Person


class Reminder(models.Model):
    STEP_DUE, STEP_OVERDUE = "step_due", "step_overdue"
    CHECK_IN, PLAN_STALE = "check_in", "plan_stale"
    KINDS = [
        (STEP_DUE, "Step due soon"),
        (STEP_OVERDUE, "Step overdue"),
        (CHECK_IN, "Check-in coming up"),
        (PLAN_STALE, "Plan not looked at"),
    ]
    PENDING, SENDING, SENT, FAILED, OFF = "pending", "sending", "sent", "failed", "off"
    EMAIL_STATUSES = [
        (PENDING, "Waiting to be sent"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
        (OFF, "Not sent (in the app only)"),
    ]

    # The composite index below starts with person, so the usual foreign-key index is not needed.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    key = models.CharField(max_length=200, unique=True)
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    email_status = models.CharField(max_length=10, choices=EMAIL_STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Empty once nothing more will be tried (sent, given up, or e-mail turned off).
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    # Which delivery run took the row, and when: a row still "sending" long after it was
    # claimed belongs to a worker that died mid-send.
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="reminder_person_recent"),
            # The unread count in the navigation runs on every page: it reads only this index.
            models.Index(
                fields=["person"], condition=Q(read_at__isnull=True), name="reminder_unread"
            ),
            models.Index(fields=["email_status", "next_attempt_at"], name="reminder_to_send"),
        ]

    def __str__(self) -> str:
        # No text here: the admin site and its log show this, and system administrators must
        # not read what a reminder says about someone's development.
        return f"{self.get_kind_display()} #{self.pk}"

    # A send takes seconds; a row still "sending" this long after it was claimed belongs to a
    # worker that was stopped mid-send. It is never sent again by itself: the e-mail may have
    # gone out. Admins see it as interrupted and can send it again.
    INTERRUPTED_AFTER = dt.timedelta(minutes=15)

    @classmethod
    def interrupted(cls, now) -> Q:
        return Q(email_status=cls.SENDING, claimed_at__lte=now - cls.INTERRUPTED_AFTER)

    def is_interrupted(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.email_status == self.SENDING
            and self.claimed_at
            and self.claimed_at <= now - self.INTERRUPTED_AFTER
        )


class ReminderSettings(models.Model):
    AS_THEY_COME, DAILY, WEEKLY, NEVER = "immediate", "daily", "weekly", "never"
    FREQUENCIES = [
        (AS_THEY_COME, "As they come"),
        (DAILY, "One e-mail a day"),
        (WEEKLY, "One e-mail a week"),
        (NEVER, "Never (in the app only)"),
    ]

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    email_frequency = models.CharField(max_length=10, choices=FREQUENCIES, default=DAILY)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"Reminder settings for {self.person}"
