"""Links to pages of people and framework items, built without a reverse() for every row.

reverse() costs tens of microseconds; a list page links a hundred people or roles, so each
URL pattern is resolved once per script prefix and filled in with the id or key.
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse

_MARK = 987654320


@lru_cache(maxsize=64)
def _pattern(viewname: str, prefix: str, arity: int) -> str:
    # Digits pass both the int and the slug converters; same-length marks never overlap.
    marks = [str(_MARK + i) for i in range(arity)]
    url = reverse(viewname, args=marks)
    for i, mark in enumerate(marks):
        url = url.replace(mark, f"{{{i}}}")
    return url


def fast_url(viewname: str, *args: int | str) -> str:
    """reverse(viewname, args=args) for views whose arguments are ids or slugs."""
    return _pattern(viewname, get_script_prefix(), len(args)).format(*args)


def person_url(pk: int) -> str:
    return fast_url("people:detail", pk)
