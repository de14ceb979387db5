"""The team page's rows, written in Python: fifty rows of a dozen values each cost the template
engine several milliseconds, format_html a fraction of one (see docs/benchmarks.md)."""

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from careermap.core.templatetags.careermap import short_date

register = template.Library()

DASH = "—"
NO_STEPS = '<span class="muted">no plan steps</span>'


@register.simple_tag
def team_row(p, schedule_url: str):
    if p.next_on:
        nxt = format_html("{}", short_date(p.next_on))
    else:
        nxt = format_html(
            '<a href="{}?with={}&amp;playbook=development-check-in" class="small">book one</a>',
            schedule_url,
            p.pk,
        )
    if p.last_check_in:
        nxt += format_html('<br><small class="muted">last {}</small>', short_date(p.last_check_in))
    if p.steps_total:
        progress = format_html("{} of {} steps done", p.steps_done, p.steps_total)
    else:
        progress = mark_safe(NO_STEPS)  # noqa: S308 (a constant)
    blocked = _flagged(p.blocked)
    if p.last_roadblocks:
        blocked += format_html(
            '<br><small class="flag" title="Roadblocks noted at the last check-in">{}</small>',
            truncatechars(p.last_roadblocks, 80),
        )
    return format_html(
        '<tr><td><a href="{}">{}</a><br><small class="muted">{}</small></td>'
        '<td data-label="Last conversation">{}</td><td data-label="Next check-in">{}</td>'
        '<td data-label="Plan progress">{}</td><td data-label="Blocked">{}</td>'
        '<td data-label="Overdue">{}</td></tr>',
        p.plan_url,
        p.name,
        p.job_title,
        short_date(p.last_on) or DASH,
        nxt,
        progress,
        blocked,
        _flagged(p.overdue),
    )


def _flagged(n: int):
    return format_html('<strong class="flag">{}</strong>', n) if n else mark_safe("0")


@register.simple_tag
def progress_options(chosen: str):
    """A check-in's status choices for one objective, as <option> elements."""
    from careermap.plans.models import ObjectiveProgress

    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value == chosen else "", label)
            for value, label in ObjectiveProgress.STATUSES
        ),
    )
