import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "Serve Careermap with gunicorn (2 workers by default; pages and live updates). With the "
        "embedded task queue (no REDIS_URL) it also starts the background worker that sends "
        "reminders; with REDIS_URL set, run `careermap worker` under your process manager instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--access-log", action="store_true", help="Log every request.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background worker (reminders) next to the web server.",
        )

    def execute(self, *args, **options):
        # Before the checks below import the middleware, and with it prometheus-client.
        from careermap.core.server import shared_metrics

        with shared_metrics():
            return super().execute(*args, **options)

    def handle(self, *args, host, port, workers, access_log, no_worker, **options):
        executor = MigrationExecutor(connections["default"])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database needs upgrading first: run `careermap migrate`.")
        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Workers are forked from this process: they must not share its database connection.
        connections.close_all()
        # The practice classifier is trained once per process (a second or two, with
        # scikit-learn's import): trained here, before the workers are forked, every worker
        # has it and no practiser's first line waits for it.
        from careermap.practice import classifier

        classifier.classify("What have you enjoyed most this year?")
        from careermap.asgi import application
        from careermap.core import server

        worker = None if no_worker or not _embedded_queue() else self._start_worker()
        self.stdout.write(f"Careermap is running at http://{host}:{port}/  (Ctrl+C stops it)")
        try:
            server.Server(
                application,
                server.options(
                    bind=f"{host}:{port}",
                    workers=workers,
                    access_log=access_log,
                    json_logs=settings.LOG_FORMAT == "json",
                ),
            ).run()
        finally:
            # Gunicorn leaves through SystemExit on Ctrl+C or a TERM signal: this still runs.
            if worker is not None:
                _stop(worker)

    def _start_worker(self) -> subprocess.Popen:
        # A separate process, not a thread: gunicorn forks its web workers from this one.
        worker = subprocess.Popen(  # noqa: S603  (our own command, no shell)
            [sys.executable, "-m", "careermap", "worker", "--parent", str(os.getpid())]
        )
        self.stdout.write(f"Background worker started (process {worker.pid}).")
        return worker


def _embedded_queue() -> bool:
    """The queue is the SQLite file in the data folder, which only this machine works."""
    from huey import SqliteHuey
    from huey.contrib.djhuey import HUEY

    return isinstance(HUEY, SqliteHuey)


def _stop(worker: subprocess.Popen) -> None:
    # SIGINT lets a task that is sending an e-mail finish; kill only if it will not stop.
    worker.send_signal(signal.SIGINT)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
