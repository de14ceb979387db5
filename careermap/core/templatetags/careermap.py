from django import template
from django.utils import timezone
from django.utils.dates import MONTHS_3

register = template.Library()


@register.filter
def month_year(value):
    """ "Mar 2021". Much cheaper than |date:"M Y", which matters in long tables."""
    if not value:
        return ""
    return f"{str(MONTHS_3[value.month]).title()} {value.year}"


@register.filter
def get(mapping, key):
    """{{ names|get:key }}: look a key up in a dict ("" when it is not there)."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def short_date(value):
    """ "3 Mar 2026", cheaply, for dates repeated down a page."""
    if not value:
        return ""
    return f"{value.day} {str(MONTHS_3[value.month]).title()} {value.year}"


@register.filter
def short_datetime(value):
    """ "3 Mar 2026, 14:05" in local time, cheaply, for long lists of changes."""
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{short_date(value)}, {value.hour:02d}:{value.minute:02d}"
