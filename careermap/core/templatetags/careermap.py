import re

from django import template
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS_3

from careermap.people.links import fast_url

register = template.Library()


@register.simple_tag
def link(viewname, *args):
    """{% link 'people:me' %}, {% link 'frameworks:career' person.pk %}: the same URL as
    {% url %} for views whose arguments are ids or slugs, without a reverse() each time
    (careermap/people/links.py). The navigation alone has nine links on every page."""
    return fast_url(viewname, *args)


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


# The styles of {{ value|when:"style" }} beyond the three cheap ones below, as Django date
# formats. One table for the whole product: a date reads the same on every page.
WHEN_FORMATS = {
    "long": "j F Y",  # 3 March 2026
    "long_time": "j F Y, H:i",  # 3 March 2026, 14:05
    "full": "l j F Y, H:i",  # Tuesday 3 March 2026, 14:05
    "weekday": "D j M Y, H:i",  # Tue 3 Mar 2026, 14:05
    "day_time": "j F, H:i",  # 3 March, 14:05
    "month": "F Y",  # March 2026
}


@register.filter(expects_localtime=True)
def when(value, style="date"):
    """How every page shows a date or a time: {{ d|when }} "3 Mar 2026", {{ t|when:"time" }}
    "3 Mar 2026, 14:05", {{ d|when:"short_month" }} "Mar 2026", and the longer styles of
    WHEN_FORMATS. Empty for no value, so |default still works. Machine formats (an input's
    value, a <time datetime>) keep |date."""
    if not value or not hasattr(value, "year"):  # as |date: nothing for what is not a date
        return ""
    if style == "date":
        return short_date(value)
    if style == "time":
        return short_datetime(value)
    if style == "short_month":
        return month_year(value)
    return dateformat.format(value, WHEN_FORMATS[style])


# Characters that shape Markdown wherever they stand: emphasis, code, links and images, tables,
# strikethrough, and the backslash itself.
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]|~>])")
# What shapes Markdown only at the start of a line: headings, lists, setext underlines, and
# numbered lists ("1." or "1)").
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([#+=-])|(\d{1,9})([.)]))", re.MULTILINE)


@register.filter(is_safe=False)
def md_escape(value) -> str:
    """User text made inert in Markdown: shown as written, never a tag, link, image, heading,
    list or table cell. For every value a Markdown template prints (write-ups are rendered with
    autoescape off, so this is their only escaping).

    Control characters are backslash-escaped, which CommonMark and its cousins read back as the
    plain character; "<" becomes "&lt;", since not every renderer honours "\\<" and a raw "<"
    could open an HTML tag. "&" stays as written, for "R&D" to read well in the file: an entity
    only ever makes a character, never a tag. A carriage return is a line break to Markdown, so
    it becomes one.
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_ANYWHERE.sub(r"\\\1", text).replace("<", "&lt;")
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    indent, mark, number, closer = match.groups()
    if mark:
        return f"{indent}\\{mark}"
    return f"{indent}{number}\\{closer}"
