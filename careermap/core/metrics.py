"""Prometheus metrics, served at /metrics (docs/operations.md, "Monitor").

`careermap serve` runs several worker processes, and a scrape reaches one of them: each
process writes its counts to files in one folder (prometheus-client's multiprocess mode, set
up by careermap.core.server.shared_metrics before this module is imported) and /metrics adds
up every process's files. The embedded background worker, started by `careermap serve`,
writes to the same folder. A `careermap worker` run on its own serves its counts itself
(`--metrics-port`).

Facts about the shared task queue (how many tasks wait) are read from the queue when scraped,
so every process reports the same value.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import threading
from importlib.metadata import version
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter(
    "careermap_requests", "Requests answered, by view and status.", ["view", "status"]
)
LATENCY = Histogram(
    "careermap_request_duration_seconds",
    "Time from the request reaching Django to its answer, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASK_FAILURES = Counter(
    "careermap_task_failures", "Background tasks that raised an error, by task.", ["task"]
)

# (view, status) -> the two children a request touches: labels() takes a lock and builds a
# key each time, and this is paid on every request.
_children: dict[tuple[str, int], tuple] = {}


def observe(view: str, status: int, seconds: float) -> None:
    children = _children.get((view, status))
    if children is None:
        children = _children[(view, status)] = (
            REQUESTS.labels(view, str(status)),
            LATENCY.labels(view),
        )
    children[0].inc()
    children[1].observe(seconds)


def task_failed(signal, task, exc=None) -> None:
    """Huey's SIGNAL_ERROR, in the process that ran the task."""
    TASK_FAILURES.labels(task.name).inc()


class _Facts:
    """What is read when scraped rather than counted: the version, and the task queue."""

    def collect(self):
        info = GaugeMetricFamily(
            "careermap_build_info", "Careermap's version (always 1).", labels=["version"]
        )
        info.add_metric([version("careermap")], 1)
        yield info
        from huey.contrib.djhuey import HUEY

        try:
            pending = HUEY.pending_count()
        except Exception:  # whatever the failure, the queue did not answer
            pending = None
        yield GaugeMetricFamily(
            "careermap_task_queue_up",
            "1 if the task queue answered this scrape, 0 if not.",
            value=0 if pending is None else 1,
        )
        if pending is not None:
            yield GaugeMetricFamily(
                "careermap_task_queue_depth", "Tasks waiting in the queue to be run.", value=pending
            )


_registry: CollectorRegistry | None = None


def exposition() -> bytes:
    global _registry
    if _registry is None:
        registry = CollectorRegistry(auto_describe=True)
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            MultiProcessCollector(registry)
        else:
            for metric in (REQUESTS, LATENCY, TASK_FAILURES):
                registry.register(metric)
        registry.register(_Facts())
        _registry = registry
    return generate_latest(_registry)


# Behind a reverse proxy on the same machine every request comes from loopback: one that
# carries a forwarding header came from further away.
_FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def may_read(environ: dict, token: str) -> bool:
    """With METRICS_TOKEN set, whoever sends it as a bearer token; without, only a scraper on
    this machine talking to Careermap directly."""
    if token:
        given = environ.get("HTTP_AUTHORIZATION", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if any(header in environ for header in _FORWARDED):
        return False
    try:
        return ipaddress.ip_address(environ.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):  # a scrape every few seconds is not news
        pass


def serve_on_port(host: str, port: int, token: str) -> WSGIServer:
    """The worker's own /metrics, on a thread, for a `careermap worker` run on its own."""

    def application(environ, start_response):
        if environ.get("PATH_INFO") != "/metrics":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found.\n"]
        if not may_read(environ, token):
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"Metrics are served to this machine, or with METRICS_TOKEN.\n"]
        start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
        return [exposition()]

    server = make_server(host, port, application, WSGIServer, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True, name="metrics").start()
    return server
