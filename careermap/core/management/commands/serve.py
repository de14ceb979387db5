import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Serve Careermap with gunicorn (2 workers by default)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--access-log", action="store_true", help="Log every request.")

    def handle(self, *args, host, port, workers, access_log, **options):
        executor = MigrationExecutor(connections["default"])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database needs upgrading first: run `careermap migrate`.")
        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Workers are forked from this process: they must not share its database connection.
        connections.close_all()
        from django.core.wsgi import get_wsgi_application

        from careermap.core.server import Server

        self.stdout.write(f"Careermap is running at http://{host}:{port}/  (Ctrl+C stops it)")
        Server(
            get_wsgi_application(),
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "accesslog": "-" if access_log else None,
                "errorlog": "-",
                "timeout": 60,
                "graceful_timeout": 10,
            },
        ).run()
