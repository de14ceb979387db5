"""/healthz, /readyz and /metrics: for process managers, load balancers and Prometheus.

careermap.core.middleware answers these three before the rest of Django's middleware runs:
no sign-in, no session, no HTTPS redirect and no host check (a probe asks by address, not by
the site's name), so they stay cheap and work on the plain port behind the proxy.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from huey.contrib.djhuey import HUEY

from . import metrics as prometheus

logger = logging.getLogger("careermap.requests")


def healthz(request):
    """The process is up and answering. Touches nothing else: a database outage must not get
    every app server restarted."""
    return HttpResponse(b"ok\n", content_type="text/plain")


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("careermap:readyz", "ok", timeout=10)


def _queue() -> None:
    HUEY.pending_count()


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


def readyz(request):
    """Ready to serve pages: the database, the cache and the task queue all answer. A 503
    names the one that did not; the reason goes to the log, not to whoever asked."""
    checks = {}
    for name, check in CHECKS.items():
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # whatever went wrong, that part is not ready
            checks[name] = "failed"
            logger.warning(
                "Not ready: the %s did not answer (%s: %s)",
                name,
                type(exc).__name__,
                exc,
                extra={"check": name, "path": request.path, "status": 503},
            )
    failed = [name for name, state in checks.items() if state != "ok"]
    return JsonResponse(
        {"status": "unavailable" if failed else "ready", "checks": checks, "failed": failed},
        status=503 if failed else 200,
    )


def metrics(request):
    if not prometheus.may_read(request.META, settings.METRICS_TOKEN):
        logger.warning(
            "Refused /metrics: it is served to this machine, or with METRICS_TOKEN",
            extra={"path": request.path, "status": 403},
        )
        return HttpResponse(
            b"Metrics are served to this machine, or with METRICS_TOKEN.\n",
            status=403,
            content_type="text/plain",
        )
    return HttpResponse(prometheus.exposition(), content_type=prometheus.CONTENT_TYPE_LATEST)


PROBES = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}
