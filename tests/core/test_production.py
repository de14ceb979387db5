"""Production mode as an operator starts it: `careermap serve` with CAREERMAP_PRODUCTION=true on
PostgreSQL and Redis serves the sign-in page, its static files compressed and cached for good,
answers the probes and metrics, and logs one JSON object a line."""

import gzip
import json
import os
import re
import secrets
import signal
import subprocess
import sys
from contextlib import suppress
from importlib.metadata import version
from pathlib import Path

import brotli
import pytest

from .operator import (
    REDIS_URL,
    ROOT,
    careermap,
    environment,
    fetch,
    free_port,
    needs_postgres,
    needs_redis,
    scratch_postgres,
    wait_until_up,
)

HOST = "careers.example.test"
# What the TLS-terminating proxy in front sends with every request.
PROXIED = {"Host": HOST, "X-Forwarded-Proto": "https"}
LOGIN_REQUESTS = 5


@pytest.fixture
def production(tmp_path):
    """`careermap serve` in production mode with two workers; (base URL, its log file)."""
    with scratch_postgres("production") as database_url:
        env = environment(
            tmp_path / "data",
            CAREERMAP_PRODUCTION="true",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS=HOST,
            BEHIND_TLS_PROXY="true",
            DATABASE_URL=database_url,
            REDIS_URL=REDIS_URL,
            LOG_LEVEL="INFO",
        )
        careermap(env, "migrate", "-v0")
        port = free_port()
        log = tmp_path / "serve.log"
        with log.open("w") as errors:
            server = subprocess.Popen(
                [sys.executable, "-m", "careermap", "serve", "--port", str(port), "--workers", "2"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,
            )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server)
            yield base, log
        finally:
            with suppress(ProcessLookupError):  # already stopped by itself
                os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()  # database 13 is these tests' own


@needs_postgres
@needs_redis
def test_production_mode_starts_and_serves_as_an_operator_expects(production):
    base, log = production

    # Plain HTTP is sent to HTTPS; through the TLS proxy the sign-in page answers.
    status, headers, _ = fetch(f"{base}/accounts/login/", Host=HOST)
    assert status == 301 and headers["Location"] == f"https://{HOST}/accounts/login/"
    for _ in range(LOGIN_REQUESTS):
        status, headers, body = fetch(f"{base}/accounts/login/", **PROXIED)
        assert status == 200
    page = body.decode()
    assert 'type="password"' in page and "Sign in" in page
    request_id = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    # Over HTTPS browsers are told to stay on HTTPS, and cookies only travel over it.
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "script-src 'self' 'nonce-" in headers["Content-Security-Policy"]
    assert all("Secure" in cookie for cookie in headers.get_all("Set-Cookie"))

    # Static files under their hashed names, compressed as the browser asks, cached for ever.
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)
    original = (ROOT / "careermap/static/css/app.css").read_bytes()
    for encoding, unpack in [("gzip", gzip.decompress), ("br", brotli.decompress)]:
        status, headers, body = fetch(
            f"{base}{stylesheet}", **PROXIED, **{"Accept-Encoding": encoding}
        )
        assert status == 200 and headers["Content-Encoding"] == encoding
        assert unpack(body) == original
        assert "max-age=315360000" in headers["Cache-Control"]
        assert "immutable" in headers["Cache-Control"]

    # The probes answer by address (no host name, no HTTPS), like a load balancer asks.
    assert fetch(f"{base}/healthz")[0] == 200
    status, _, body = fetch(f"{base}/readyz")
    assert status == 200
    assert json.loads(body)["checks"] == {"database": "ok", "cache": "ok", "queue": "ok"}

    # Counted across both worker processes, whichever of them answers the scrape.
    status, _, body = fetch(f"{base}/metrics")
    assert status == 200
    metrics = body.decode()
    assert f'careermap_requests_total{{status="200",view="login"}} {LOGIN_REQUESTS}.0' in metrics
    assert f'careermap_build_info{{version="{version("careermap")}"}} 1.0' in metrics
    assert "careermap_task_queue_depth 0.0" in metrics
    assert fetch(f"{base}/metrics", **{"X-Forwarded-For": "203.0.113.9"})[0] == 403

    # Every line is a JSON object; the request's line carries the id its answer was given.
    lines = [json.loads(line) for line in Path(log).read_text().splitlines() if line]
    answered = [line for line in lines if line.get("request_id") == request_id]
    assert [(line["path"], line["status"]) for line in answered] == [("/accounts/login/", 200)]
    assert not [line for line in lines if line.get("path") in {"/healthz", "/readyz"}]


def test_careermap_version_is_the_installed_packages():
    answer = subprocess.run(
        [sys.executable, "-m", "careermap", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == f"careermap {version('careermap')}"
