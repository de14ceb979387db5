"""The people directory's search, in the process, on an organisation built before: the
full-text index (careermap/people/queries.py) against the substring scan it replaced, for a
few kinds of search. Both must find the same people. Prints a Markdown table.

    CAREERMAP_DATA_DIR=/tmp/org100k python benchmarks/directory_search.py
    DATABASE_URL=postgres://... python benchmarks/directory_search.py

Build the organisation first: `careermap demo --people 100000 --no-serve`.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from careermap.people import queries  # noqa: E402
from careermap.people.models import Person  # noqa: E402

SEARCHES = [
    ("a full name", "maya chen"),
    ("a first name", "zain"),
    ("a team and a word", "kestrel 3.1"),
    ("part of an e-mail address", "okafor@"),
    ("nobody", "nobody-like-this"),
    ("a common title (a fifth of everyone)", "engineer"),
]


def scan(people, text):
    """The search before the index: every word a substring of some field, read row by row."""
    for word in text.split()[:6]:
        people = people.filter(
            Q(name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
            | Q(team__name__icontains=word)
        )
    return people


def page(search, text):
    """What the directory page asks: how many match, and the first fifty by name."""
    people = search(Person.objects.all(), text).select_related("team", "manager")
    people = people.order_by("name", "pk")
    return people.count(), [p.pk for p in people[:50]]


def timed(search, text, repeat=5) -> tuple[float, tuple]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = page(search, text)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times), answer


def main() -> None:
    total = Person.objects.count()
    print(f"# {total:,} people, {connection.vendor}, load average {os.getloadavg()[0]:.1f}")
    print("| search | matches | index: median ms | scan: median ms | scan / index |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for what, text in SEARCHES:
        indexed, answer = timed(queries.search_people, text)
        scanned, expected = timed(scan, text)
        if answer != expected:
            raise SystemExit(f"FAILED: {text!r} found other people than the scan")
        print(
            f"| {what} (`{text}`) | {answer[0]:,} | {indexed:.1f} | {scanned:.1f} "
            f"| {scanned / indexed:.0f}x |"
        )
    print(f"# load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
