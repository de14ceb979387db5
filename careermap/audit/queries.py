"""Reads of the access log."""

from django.conf import settings
from django.core.paginator import Page, Paginator

from careermap.people.models import Person

from .models import AccessEvent


def events_for(subject: Person, page: int | str) -> Page:
    """Who viewed or changed this person's information, newest first, a page at a time."""
    events = AccessEvent.objects.filter(subject=subject).select_related("actor")
    return Paginator(events.order_by("-at", "-pk"), settings.PAGE_SIZE).get_page(page)


def erasures(page: int | str) -> Page:
    """Every erasure of a person's data, newest first (for HR admins: when, by whom, why)."""
    events = AccessEvent.objects.filter(action=AccessEvent.ERASED).select_related("actor")
    return Paginator(events.order_by("-at", "-pk"), settings.PAGE_SIZE).get_page(page)
