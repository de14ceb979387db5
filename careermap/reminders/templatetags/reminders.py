from django import template

from careermap.reminders import queries

register = template.Library()


@register.simple_tag
def unread_reminders(user) -> int:
    """{% unread_reminders user as n %}: the count next to "Reminders" in the navigation."""
    return queries.unread_count_for(user)
