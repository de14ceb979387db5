"""Serve the bare Django project exactly as `careermap serve` serves Careermap: the same
gunicorn settings and worker class (careermap.core.server), the same bridge in front of Django
(careermap/live/bridge.py). Only the application differs.

    python benchmarks/bare/serve.py --port 8001 --data-dir /tmp/bare

Creates its database on first use: the user bench@example.com (password careermap-demo) and
50 rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

EMAIL = "bench@example.com"
PASSWORD = "careermap-demo"
ROWS = 50


def prepare() -> None:
    from bare.models import Row
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    users = get_user_model().objects
    if not users.filter(username=EMAIL).exists():
        users.create_user(EMAIL, EMAIL, PASSWORD)
    teams = ["Platform", "Payments", "Mobile", "Data", "Design"]
    Row.objects.bulk_create(
        Row(
            name=f"Person {n:03d}",
            email=f"person{n:03d}@example.com",
            title="Software Engineer",
            team=teams[n % len(teams)],
            joined=dt.date(2020, 1, 1) + dt.timedelta(days=17 * n),
        )
        for n in range(Row.objects.count(), ROWS)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["BARE_DATA_DIR"] = str(args.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bare.settings"

    import django

    django.setup()
    prepare()
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    from careermap.core import server
    from careermap.live.bridge import Bridge

    # Workers are forked from this process: they must not share its database connection.
    connections.close_all()
    options = server.options(
        bind=f"127.0.0.1:{args.port}", workers=args.workers, access_log=False, json_logs=False
    )
    server.Server(Bridge(get_wsgi_application()), options).run()


if __name__ == "__main__":
    main()
