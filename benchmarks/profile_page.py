"""Where one page's time goes: a page requested in-process through Django's test client,
profiled with cProfile, its time split by area (templates, building and compiling queries, the
database, forms, URLs, Careermap's own code).

    CAREERMAP_DATA_DIR=/tmp/cm10k python benchmarks/profile_page.py maya.chen@example.com \\
        /people/15/career/ --requests 20

The data folder is one benchmarks/pages.py or `careermap demo --people 10000 --no-serve` built.
Shares are of the profiled time, which cProfile inflates for code making many small calls
(templates and the ORM): read them to compare areas, not as milliseconds a browser waits.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from careermap.people.models import User  # noqa: E402

AREAS = [
    ("database (SQLite or PostgreSQL driver)", ("sqlite3", "psycopg", "{method 'fetch")),
    ("building and compiling queries (ORM)", ("django/db/",)),
    ("forms and their widgets", ("django/forms/",)),
    ("templates", ("django/template/", "templatetags")),
    ("URLs (reverse, resolve)", ("django/urls/",)),
    ("dates, numbers, translations", ("django/utils/formats", "django/utils/translation")),
    ("Careermap's own code", ("/careermap/",)),
]


def area(function: tuple) -> str:
    where = f"{function[0]}:{function[2]}"
    for name, marks in AREAS:
        if any(mark in where for mark in marks):
            return name
    return "other (Django's request handling and utilities, middleware, Python)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("email", help="The viewer's e-mail address (or '-' for nobody).")
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=15, help="Functions listed by own time.")
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    if args.email != "-":
        client.force_login(User.objects.get(email=args.email))
    for _ in range(3):  # caches filled, the framework compiled
        status = client.get(args.path).status_code
        if status != 200:
            raise SystemExit(f"{args.path} answered {status}.")
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        client.get(args.path)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profile.disable()
    stats = pstats.Stats(profile)
    shares: collections.Counter = collections.Counter()
    for function, (_, _, own, _, callers) in stats.stats.items():
        if function[0] == "~" and area(function).startswith("other"):
            # A built-in (getattr, str.join...) counts for the area of the code calling it.
            for caller, (_, _, spent, _) in callers.items():
                shares[area(caller)] += spent
        else:
            shares[area(function)] += own
    total = sum(shares.values())
    print(f"{args.path} for {args.email}: {len(queries)} queries a request")
    for name, seconds in shares.most_common():
        print(f"  {100 * seconds / total:5.1f}%  {name}")
    print()
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
