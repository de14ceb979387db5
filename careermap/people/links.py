"""Links to people pages, built without calling reverse() for every row of a list."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse

_MARK = "987654321"


@lru_cache(maxsize=8)
def _detail_pattern(prefix: str) -> str:
    # reverse() costs tens of microseconds; a directory page links a hundred people, so the
    # pattern is resolved once per script prefix and filled in with each id.
    return reverse("people:detail", args=[int(_MARK)]).replace(_MARK, "{}")


def person_url(pk: int) -> str:
    return _detail_pattern(get_script_prefix()).format(pk)
