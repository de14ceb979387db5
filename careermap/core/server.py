"""Gunicorn, started from inside Careermap so `careermap serve` needs no separate config."""

import gc
import os
import shutil
import socket
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger
from uvicorn_worker import UvicornWorker

# The files prometheus-client's multiprocess mode writes, one set per process.
_METRICS_FILES = ("counter_*.db", "histogram_*.db", "gauge_*.db", "summary_*.db")


@contextmanager
def shared_metrics():
    """A folder where every process of this server counts its requests, so that /metrics,
    whichever worker answers it, adds up all of them (careermap/core/metrics.py).

    PROMETHEUS_MULTIPROC_DIR names the folder if the operator wants one (one per
    `careermap serve`); otherwise a private one lasts as long as the server. Counts start
    from zero with each start, which Prometheus reads as a restart.
    """
    if "prometheus_client" in sys.modules and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        raise RuntimeError(
            "prometheus_client was imported before the metrics folder was chosen: each worker "
            "would count on its own. Import careermap.core.metrics only where it is used."
        )
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for pattern in _METRICS_FILES:
            for stale in folder.glob(pattern):
                stale.unlink()
    else:
        folder = Path(tempfile.mkdtemp(prefix="careermap-metrics-"))
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    owner = os.getpid()
    try:
        yield folder
    finally:
        # Gunicorn's workers are forks of this process and leave through this same code when
        # they stop: only the process that made the folder removes it.
        if not given and os.getpid() == owner:
            shutil.rmtree(folder, ignore_errors=True)


class JsonLogger(Logger):
    """Gunicorn's (and uvicorn's) own lines, one JSON object a line like Careermap's."""

    def _set_handler(self, log, output, fmt, stream=None):
        from careermap.core.logs import JsonFormatter

        super()._set_handler(log, output, JsonFormatter(), stream=stream)


def _post_fork(server, worker) -> None:
    # Everything loaded at start-up (Django, the URL map, templates) lives as long as the
    # worker; freezing it keeps the garbage collector from walking it again and again, which
    # otherwise shows up as slow requests every few hundred requests.
    gc.freeze()


def options(*, bind: str, workers: int, access_log: bool, json_logs: bool) -> dict:
    """Gunicorn's settings for `careermap serve` (and for the bare Django project that
    benchmarks/ratio.py serves the same way, so only the application differs)."""
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "careermap.core.server.Worker",
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "logger_class": "careermap.core.server.JsonLogger"
        if json_logs
        else "gunicorn.glogging.Logger",
        "timeout": 60,
        # Gunicorn's control socket (for its `gunicornc` tool, unused here) would live in
        # $HOME, which a hardened service cannot write, and one per user: two servers on one
        # machine would fight over it.
        "control_socket_disable": True,
        "graceful_timeout": 10,
        # Lets each worker open a listening socket of its own on the same port (Worker.run).
        "reuse_port": True,
    }


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

    def run(self) -> None:
        self.sockets = [*_own_listeners(self.sockets, self.cfg.backlog), *self.sockets]
        return super().run()


def _own_listeners(listeners, backlog: int) -> list:
    """A socket of this worker's own on each TCP address the server listens on.

    All workers inherit the one listening socket the server opened, and an event loop accepts
    every connection waiting on it at once: when 16 connections arrive together, one worker
    often took all 16 and ran their pages on its one page thread while the other stayed idle
    (half the throughput; seen in benchmarks/ratio.py as runs at 400 or at 800 req/s). Sockets
    that share a port with SO_REUSEPORT get the kernel to spread new connections evenly
    between them. The inherited socket stays open too, so nothing that reaches it waits."""
    own = []
    for listener in listeners:
        family = getattr(listener, "FAMILY", None)
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(listener.getsockname())
        sock.listen(backlog)
        sock.setblocking(False)
        own.append(sock)
    return own
