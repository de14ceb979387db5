"""Parts of plan pages rendered once and kept in the cache, under a key that is exactly what
they show.

A part is rendered from plain data only (text, numbers, booleans, dates, and lists, tuples and
dicts of them), passed whole to its template: the template sees nothing else (no request, no
model object that could load more). The key is a digest of that data and of the template's own
text, so a part can never show anything its key does not cover: a renamed person, a closed
opportunity, a new day for "overdue" or a new version of the template is a new key, and the old
rendering is never asked for again (it expires). Nothing has to remember to invalidate anything.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import hashlib
import io
import pickle
from functools import cache as once
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

# Renderings nobody asks for again (the data moved on) leave the cache after this long.
KEEP = 3600

# Besides dicts, lists, tuples, numbers, booleans and None, which are always plain.
PLAIN = (str, dt.date, dt.time, dt.timedelta, dt.tzinfo)
# The functions pickle names to rebuild those (marked-safe text, a local time's zone): any object
# they are used for has been checked against PLAIN first.
REBUILDERS = (copyreg.__newobj__, copyreg._reconstructor, ZoneInfo._unpickle, getattr)


def render(template_name: str, data: dict) -> SafeString:
    """`template_name` rendered with `data` alone, from the cache when this exact data (in this
    time zone and language) was rendered by this template before."""
    key = f"fragment:{template_name}:{_template_digest(template_name)}:{digest(data)}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template_name, data)
        cache.set(key, html, KEEP)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, which escapes)


def digest(data: dict) -> str:
    """A digest of the data, and of the time zone and language it is shown in (both part of
    what is shown). Pickling is exact: equal digests mean equal data; equal data pickled in
    another shape (a string shared or not) is only a new key, a rendering more."""
    buffer = io.BytesIO()
    _PlainPickler(buffer, protocol=5).dump(
        (data, timezone.get_current_timezone_name(), translation.get_language())
    )
    return hashlib.blake2b(buffer.getvalue(), digest_size=20).hexdigest()


class _PlainPickler(pickle.Pickler):
    def reducer_override(self, obj):
        # Called for whatever is not a dict, list, tuple, number, boolean, None or str.
        if isinstance(obj, PLAIN) or (isinstance(obj, type) and issubclass(obj, PLAIN)):
            return NotImplemented
        if callable(obj) and any(obj == helper for helper in REBUILDERS):
            return NotImplemented
        raise TypeError(
            f"A cached part is rendered from plain data only, not {type(obj).__name__}: "
            "what it shows must be in its key."
        )


@once
def _template_digest(template_name: str) -> str:
    source = get_template(template_name).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()
