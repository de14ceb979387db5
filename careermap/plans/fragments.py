"""Parts of plan pages rendered once and kept in the cache, under a key that is exactly what
they show.

A part is rendered from plain data only (text, numbers, booleans, dates, and lists and dicts of
them), passed whole to its template: the template sees nothing else (no request, no model
object that could load more). The key is a digest of that data, so a part can never show
anything its key does not cover: a renamed person, a closed opportunity or a new day for
"overdue" is new data, hence a new key, and the old rendering is never asked for again (it
expires). Nothing has to remember to invalidate anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

# Renderings nobody asks for again (the data moved on) leave the cache after this long.
KEEP = 3600


def render(template_name: str, data: dict) -> SafeString:
    """`template_name` rendered with `data` alone, from the cache when this exact data (in this
    time zone and language) was rendered before."""
    key = f"fragment:{template_name}:{digest(data)}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template_name, data)
        cache.set(key, html, KEEP)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, which escapes)


def digest(data: dict) -> str:
    # Dates are shown in the current time zone and words in the current language: both are
    # part of what is shown. (Keys are not sorted: the same data built in another order is a
    # new key, which costs a rendering, never shows anything stale.)
    text = json.dumps(
        [data, timezone.get_current_timezone_name(), translation.get_language()],
        default=_plain,
        separators=(",", ":"),
    )
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def _plain(value):
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(
        f"A cached part is rendered from plain data only, not {type(value).__name__}: "
        "what it shows must be in its key."
    )
