"""What every request goes through first: its id, its count and time, and one log line.

Kept to a few microseconds a request (measured in docs/operations.md, "Metrics"): no database,
no cache, and the log line only formatted when LOG_LEVEL asks for it (2xx and 3xx are INFO; the
default, WARNING, writes only refused, missing and failed requests).
"""

import logging
import re
import time
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings

from . import metrics
from .health import PROBES
from .logs import request_id

logger = logging.getLogger("careermap.requests")

# What a proxy's id may look like: enough for a UUID or nginx's $request_id, nothing that
# could break a log line.
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# By the status's hundreds: answered (1xx to 3xx), refused or missing (4xx), failed (5xx).
_LEVELS = [logging.INFO] * 4 + [logging.WARNING, logging.ERROR]


class RequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.static_url = settings.STATIC_URL

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None:
            response = probe(request)
            # A probe logs what matters itself (which part is not ready); Django would add a
            # "Service Unavailable" line for every 503 a load balancer's polling gets.
            response._has_been_logged = True
            return response
        rid = request.META.get("HTTP_X_REQUEST_ID", "") if settings.TRUST_X_REQUEST_ID else ""
        if not rid or not _VALID_ID.fullmatch(rid):
            rid = uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            started = time.perf_counter()
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            view = self._view(request)
            status = response.status_code
            metrics.observe(view, status, elapsed)
            response["X-Request-ID"] = rid
            level = _LEVELS[min(status // 100, 5)]
            if logger.isEnabledFor(level):
                # The path only: a query string can hold what someone searched for.
                logger.log(
                    level,
                    "%s %s %s",
                    request.method,
                    request.path,
                    status,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": status,
                        "view": view,
                        "duration_ms": round(elapsed * 1000, 1),
                    },
                )
            return response
        finally:
            request_id.reset(token)

    def _view(self, request) -> str:
        match = getattr(request, "resolver_match", None)
        if match is not None:
            return match.view_name
        # Not routed to a view: a static file, or an address nothing answers (kept to two
        # names so that made-up addresses cannot make new series without end).
        return "static" if request.path_info.startswith(self.static_url) else "unmatched"


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, and the browser features Careermap never uses.

    django-csp makes a nonce only when a template asks for one; here every response gets one,
    so that each page's policy reads the same and a script tagged with the nonce runs on any
    page, including ones that do not extend base.html.
    """

    # Nothing in Careermap films, listens, locates or pays: a script that got in cannot ask.
    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def process_request(self, request):
        super().process_request(request)
        str(request.csp_nonce)  # made now, so that the header names it

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        return response
