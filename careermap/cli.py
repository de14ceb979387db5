"""The `careermap` command: Django's management commands under one name.

careermap demo            load the demo organisation (once) and serve it
careermap serve           serve with gunicorn (and the background worker, without Redis)
careermap worker          run the background tasks (reminders) when the queue is on Redis
careermap migrate         create or upgrade the database
careermap createadmin     a system administrator who is also an HR admin
careermap import people FILE [--dry-run]
careermap export people [-o FILE]
careermap check [--deploy]
careermap backup FILE     back up the database (SQLite or PostgreSQL)
careermap restore FILE [--force]
careermap move-to DATABASE_URL   copy the embedded SQLite database into PostgreSQL
careermap erase-person EMAIL     erase a person's data (asks for their name to confirm)
careermap erase-leavers [--dry-run]   erase leavers kept past the retention time
careermap practice classify FILE|-    the practice classifier's reading of each line (JSON lines)
careermap --version
"""

import os
import sys
from importlib.metadata import version

# Commands that run `careermap serve`'s gunicorn.
SERVING = {"serve", "demo"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print((__doc__ or "").strip())
        print("\n`careermap help` lists every command; `careermap help COMMAND` explains one.")
        return
    if args[0] == "--version":  # Careermap's own, not Django's (which Django would print)
        print(f"careermap {version('careermap')}")
        return
    if args[0] in SERVING:
        # Before Django starts: its checks import the metrics, and prometheus-client decides at
        # import whether the server's processes count together (careermap/core/server.py).
        from careermap.core.server import shared_metrics

        with shared_metrics():
            execute_from_command_line(["careermap", *args])
        return
    execute_from_command_line(["careermap", *args])
