"""Writes to the opportunities on offer: post, edit (from the version the form was opened
with), close and reopen. Who may call them is decided in careermap/access.py."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careermap.core.errors import StaleEdit

from .models import Opportunity

FIELDS = (
    "kind",
    "title",
    "description",
    "offered_by",
    "where",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "places",
)


def _values(fields: dict) -> dict:
    values = {
        k: fields[k].strip() if isinstance(fields[k], str) else fields[k]
        for k in FIELDS
        if k in fields
    }
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        raise ValueError("It cannot end before it starts.")
    return values


@transaction.atomic
def create_opportunity(*, actor, kind: str, title: str, description: str, skills=(), **fields):
    """Post an opportunity. Unless someone else is named, the poster is the one to talk to."""
    me = getattr(actor, "person", None)
    values = _values({"kind": kind, "title": title, "description": description, **fields})
    values["offered_by"] = values.get("offered_by") or me
    opportunity = Opportunity.objects.create(**values, created_by=me)
    opportunity.skills.set(skills)
    return opportunity


@transaction.atomic
def update_opportunity(opportunity: Opportunity, *, actor, version: int, skills=None, **fields):
    """Save an edit made from `version`; a newer change by someone else raises StaleEdit."""
    values = _values(fields)
    changed = [k for k, v in values.items() if getattr(opportunity, k) != v]
    skills_change = skills is not None and {s.pk for s in skills} != set(
        opportunity.skills.values_list("pk", flat=True)
    )
    if not changed and not skills_change:
        return opportunity  # saving an unchanged form is not a new version
    if not Opportunity.objects.filter(pk=opportunity.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise StaleEdit(
            Opportunity.objects.get(pk=opportunity.pk),
            message="Someone else changed this opportunity while you were editing; your text is "
            "below, not saved. Check it against theirs and save again.",
        )
    opportunity.refresh_from_db()
    if skills_change:
        opportunity.skills.set(skills)
    return opportunity


def close_opportunity(opportunity: Opportunity, *, actor) -> Opportunity:
    """Take nobody new. Plans that linked it keep it, shown as closed."""
    return _set_status(opportunity, Opportunity.CLOSED)


def reopen_opportunity(opportunity: Opportunity, *, actor) -> Opportunity:
    return _set_status(opportunity, Opportunity.OPEN)


@transaction.atomic
def _set_status(opportunity: Opportunity, status: str) -> Opportunity:
    Opportunity.objects.filter(pk=opportunity.pk).exclude(status=status).update(
        status=status, version=F("version") + 1, updated_at=timezone.now()
    )
    opportunity.refresh_from_db()
    return opportunity
