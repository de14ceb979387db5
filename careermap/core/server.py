"""Gunicorn, started from inside Careermap so `careermap serve` needs no separate config."""

import gc

from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker


def _post_fork(server, worker) -> None:
    # Everything loaded at start-up (Django, the URL map, templates) lives as long as the
    # worker; freezing it keeps the garbage collector from walking it again and again, which
    # otherwise shows up as slow requests every few hundred requests.
    gc.freeze()


class Server(BaseApplication):
    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_fork", _post_fork)

    def load(self):
        return self.application


class Worker(UvicornWorker):
    """A gunicorn worker running careermap.asgi: pages on one thread, live streams on the
    event loop (careermap/live/bridge.py)."""

    CONFIG_KWARGS = {
        "loop": "uvloop",
        "http": "httptools",
        "lifespan": "on",
        "server_header": False,
        # The client address stays the connection's, as with any WSGI server: behind a proxy,
        # Django and the sign-in lockout read X-Forwarded-For as PROXY_COUNT says.
        "proxy_headers": False,
        # Open event streams would otherwise hold a restart until they end by themselves;
        # their browsers reconnect to the new worker.
        "timeout_graceful_shutdown": 5,
    }
