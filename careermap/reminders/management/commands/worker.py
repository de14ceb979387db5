import argparse
import logging
import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


def _stop_when_orphaned(parent: int) -> None:
    # `careermap serve` stops its worker when it exits; if serve itself is killed outright
    # (kill -9), nothing would, so the worker watches for its parent going away.
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGINT)  # the consumer's graceful stop


class Command(BaseCommand):
    help = (
        "Run the background tasks: reminders every 15 minutes, and their e-mail. "
        "`careermap serve` starts one by itself when the queue is the embedded SQLite file; "
        "with REDIS_URL set, run `careermap worker` under your process manager (one or more, "
        "on any machine that reaches Redis and the database)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers", type=int, default=None, help="Tasks run at once (default from settings)."
        )
        parser.add_argument("--parent", type=int, help=argparse.SUPPRESS)
        parser.add_argument(
            "--metrics-port",
            type=int,
            help="Serve this worker's Prometheus metrics at http://HOST:PORT/metrics "
            "(docs/operations.md).",
        )
        parser.add_argument("--metrics-host", default="127.0.0.1")

    def handle(self, *args, workers, parent, metrics_port, metrics_host, **options):
        if metrics_port:
            from django.conf import settings

            from careermap.core.metrics import serve_on_port

            serve_on_port(metrics_host, metrics_port, settings.METRICS_TOKEN)
        if parent:
            threading.Thread(target=_stop_when_orphaned, args=(parent,), daemon=True).start()
        # The consumer prints its own log lines; passed on to the root logger too, each would
        # show twice.
        logging.getLogger("huey").propagate = False
        extra = {"workers": workers} if workers else {}
        call_command("run_huey", **extra)
