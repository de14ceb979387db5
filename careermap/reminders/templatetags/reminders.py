from django import template

from careermap.reminders import queries

register = template.Library()


@register.simple_tag
def unread_reminders(person) -> int:
    """{% unread_reminders viewer as n %}: the count next to "Reminders" in the navigation."""
    return queries.unread_count(person)
