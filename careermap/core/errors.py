"""The exceptions every app's services raise for the same situations, so views, the API, the
CLI and tasks can answer them the same way whichever app they come from."""

from __future__ import annotations


class StaleEdit(Exception):
    """Someone saved this record after the form was opened: saving now would silently undo
    their change. `current` is the record as it is now, to show beside what was typed."""

    def __init__(self, current, message: str = "Changed by someone else while you were editing."):
        super().__init__(message)
        self.current = current


class Closed(Exception):
    """The record is closed (a closed or cancelled conversation): nothing more can be written
    to it, whichever page or tab the change comes from."""
