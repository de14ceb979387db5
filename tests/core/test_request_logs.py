"""Each request's log lines carry its id, which its answer returns in X-Request-ID; a refused or
missing page is one line, not a traceback; in production every line is a JSON object."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from careermap.core.logs import JsonFormatter, RequestIdFilter


class Log:
    """What the production log says, one parsed JSON object a line, from the last mark on."""

    def __init__(self, stream: io.StringIO):
        self.stream = stream
        self.start = 0

    def mark(self) -> None:
        self.start = len(self.stream.getvalue())

    def __call__(self) -> list[dict]:
        return [json.loads(line) for line in self.stream.getvalue()[self.start :].splitlines()]


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield Log(stream)
    root.removeHandler(handler)
    root.setLevel(level)


def test_every_answer_carries_a_request_id_of_its_own(client, db):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_proxys_request_id_is_used_only_when_trusted(client, db, settings):
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] != "abc-123"
    settings.TRUST_X_REQUEST_ID = True
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    # Anything that could forge a log line is replaced.
    forged = client.get("/accounts/login/", HTTP_X_REQUEST_ID='x" "level": "ERROR')
    assert forged["X-Request-ID"] != 'x" "level": "ERROR'


def test_a_missing_page_is_one_line_with_its_request_id(client, db, log_lines):
    response = client.get("/no-such-page/")
    lines = log_lines()
    assert lines == [
        {
            **lines[0],
            "level": "WARNING",
            "logger": "careermap.requests",
            "message": "GET /no-such-page/ 404",
            "request_id": response["X-Request-ID"],
            "status": 404,
            "path": "/no-such-page/",
        }
    ]


def test_a_refused_page_is_one_line_not_a_traceback(client, report, log_lines):
    client.force_login(report.user)
    log_lines.mark()
    response = client.get(reverse("people:directory"))  # HR admins only
    assert response.status_code == 403
    lines = log_lines()
    assert len(lines) == 1, lines
    assert lines[0]["status"] == 403 and "exception" not in lines[0]
    assert lines[0]["request_id"] == response["X-Request-ID"]


def test_a_failing_page_logs_its_traceback_under_its_request_id(client, db, log_lines, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client.raise_request_exception = False
    response = client.get("/fails/")
    assert response.status_code == 500
    lines = log_lines()
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}
    assert any("RuntimeError: the page broke" in line.get("exception", "") for line in lines)


def test_query_strings_are_not_logged(client, db, log_lines):
    client.get("/no-such-page/?q=maya+chen")
    assert "maya" not in json.dumps(log_lines())


def test_production_logs_are_json_by_default(tmp_path):
    env = {
        **os.environ,
        "CAREERMAP_DATA_DIR": str(tmp_path),
        "CAREERMAP_PRODUCTION": "true",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "careers.example.com",
        "DJANGO_SETTINGS_MODULE": "careermap.settings",
    }
    env.pop("LOG_FORMAT", None)
    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('careermap').warning('Something to say')"
    )
    answer = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    line = json.loads(answer.stderr.strip().splitlines()[-1])
    assert line["message"] == "Something to say" and line["level"] == "WARNING"
