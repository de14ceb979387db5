"""Live updates waiting to reach open pages, on installations without Redis.

With the embedded default there is no message broker: a change writes an Event in its own
transaction, and each server process reads new events a few times a second and passes them to
the pages it holds open. Events are only a fast path (a page that missed one catches up when it
next synchronises), so they are kept for a minute and then deleted.
"""

from django.db import models


class Event(models.Model):
    channel = models.CharField(max_length=120)
    payload = models.TextField()  # JSON: {"event": ..., "data": ...}
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk}"
