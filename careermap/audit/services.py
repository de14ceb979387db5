"""Writes to the access log. Other apps call these with one line where they read or write a
person's plan, skill assessments or reflections, e.g.

    audit.record_view(viewer=request.user, subject=plan.person, what="plan", detail="Plan page")
    audit.record_change(actor=actor, subject=plan.person, what="plan", detail="Added an objective")

`viewer` and `actor` may be a User (as views and services have it) or a Person. Nothing is
logged when they are the subject (the log is about others), nor when they are no person at
all (a command, an import, a system administrator with no person).
"""

from __future__ import annotations

from django.core.cache import cache

from careermap import access
from careermap.people.models import Person

from .models import AccessEvent

VIEW_EVERY = 3600  # seconds: one "viewed" entry per viewer, subject and what in this time


def record_view(*, viewer, subject: Person, what: str, detail: str = "") -> AccessEvent | None:
    """Log that `viewer` saw `subject`'s `what`, at most once an hour. Returns the new entry,
    or None when nothing was written."""
    me = _person(viewer)
    _check(what)
    if me is None or me.pk == subject.pk:
        return None
    # A busy page must cost no write most of the time: the cache remembers the last hour's
    # entries, and add() is atomic, so only the first request in the hour writes. The embedded
    # default cache is per process: with two gunicorn workers each may log one view in the same
    # hour (Redis, when REDIS_URL is set, makes it exactly one).
    if not cache.add(f"audit:viewed:{me.pk}:{subject.pk}:{what}", 1, VIEW_EVERY):
        return None
    return _write(me, subject, AccessEvent.VIEWED, what, detail)


def record_views(*, viewer, subjects, what: str, detail: str = "") -> list[AccessEvent]:
    """record_view for each of several people seen on one page (a team table), written in one
    query; each still at most once an hour."""
    me = _person(viewer)
    _check(what)
    if me is None:
        return []
    due = [
        s
        for s in subjects
        if s.pk != me.pk and cache.add(f"audit:viewed:{me.pk}:{s.pk}:{what}", 1, VIEW_EVERY)
    ]
    return AccessEvent.objects.bulk_create(
        AccessEvent(
            subject=s, actor=me, action=AccessEvent.VIEWED, what=what, detail=detail.strip()[:200]
        )
        for s in due
    )


def record_change(*, actor, subject: Person, what: str, detail: str = "") -> AccessEvent | None:
    """Log that `actor` changed `subject`'s `what`; every change is logged."""
    me = _person(actor)
    _check(what)
    if me is None or me.pk == subject.pk:
        return None
    return _write(me, subject, AccessEvent.CHANGED, what, detail)


def record_erasure(*, actor, subject: Person, detail: str) -> AccessEvent:
    """Log that `subject`'s data was erased, by `actor` (an HR admin), or by a command or the
    retention task when None. Always written: this is the trace that the erasure happened."""
    return _write(_person(actor), subject, AccessEvent.ERASED, AccessEvent.PERSONAL_DATA, detail)


def _person(who) -> Person | None:
    if who is None or isinstance(who, Person):
        return who
    return access.person_of(who)


def _check(what: str) -> None:
    # A typo in a caller would otherwise log under a name the log page cannot show.
    if what not in dict(AccessEvent.WHATS):
        raise ValueError(f"Unknown kind of information for the access log: {what!r}")


def _write(
    actor: Person | None, subject: Person, action: str, what: str, detail: str
) -> AccessEvent:
    return AccessEvent.objects.create(
        subject=subject, actor=actor, action=action, what=what, detail=detail.strip()[:200]
    )
