"""Log lines: one JSON object a line in production, with the request's id on every line.

Loaded by Django's logging setup before any app, so nothing here may import models.

What is never logged: request bodies, query strings, and what people write (notes,
reflections). SQL statements carry those as parameters, so `django.db.backends` stays quiet
whatever LOG_LEVEL says (careermap/settings.py).
"""

from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar

# Set by careermap.core.middleware.RequestMiddleware for the length of a request. Pages run one
# at a time on one thread per process (careermap/live/bridge.py), the test server one thread
# per request: either way the value is the request's own.
request_id: ContextVar[str] = ContextVar("request_id", default="")

# Attributes a record may carry (from `extra=`) that are worth a field of their own.
_FIELDS = ("method", "path", "status", "view", "duration_ms", "check", "task")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class DropAnsweredRequests(logging.Filter):
    """Django's own "Not Found: /x" and "Forbidden (Permission denied): /x" lines repeat the
    request's line (careermap.core.middleware) for every 4xx; its 5xx lines, with their
    tracebacks, stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _is_ordinary(record)


def _is_ordinary(record: logging.LogRecord) -> bool:
    """A refused or missing page (4xx) is an answer, not a fault: its traceback says nothing
    an operator needs (Django logs one for every PermissionDenied and DisallowedHost)."""
    status = getattr(record, "status_code", None) or getattr(record, "status", None)
    return isinstance(status, int) and status < 500


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", "") or request_id.get()
        if rid:
            line["request_id"] = rid
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            line["status"] = status
        for name in _FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info and not _is_ordinary(record):
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_info and record.exc_info[1] is not None:
            line["error"] = type(record.exc_info[1]).__name__
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The plain lines of a local install, with the same one-line rule for 4xx answers."""

    def __init__(self):
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info and _is_ordinary(record):
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(record)
