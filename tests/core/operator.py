"""Careermap run as an operator runs it, for the tests of tests/core/test_production.py,
test_backup.py and test_move_to.py: the `careermap` command in its own process, its own data
folder, and scratch PostgreSQL databases made for a test and dropped after it.

PostgreSQL is the server of the run's DATABASE_URL when it is one, otherwise 127.0.0.1:5432
as `postgres`. Redis is database 13 on 127.0.0.1:6379. In CI both must be there (the tests
fail rather than skip); elsewhere a test that needs one skips without it.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_URL = "redis://127.0.0.1:6379/13"
_SERVER_DEFAULT = "postgres://postgres@127.0.0.1:5432/careermap"


def _postgres_base() -> urllib.parse.SplitResult:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = _SERVER_DEFAULT
    return urllib.parse.urlsplit(url)


def _admin_url() -> str:
    return _postgres_base()._replace(path="/postgres").geturl()


def postgres_up() -> bool:
    import psycopg

    try:
        psycopg.connect(_admin_url(), connect_timeout=2).close()
        return True
    except psycopg.Error:
        return False


def redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


needs_postgres = pytest.mark.skipif(
    not os.environ.get("CI") and not postgres_up(), reason="no PostgreSQL on 127.0.0.1:5432"
)
needs_redis = pytest.mark.skipif(
    not os.environ.get("CI") and not redis_up(), reason="no Redis on 127.0.0.1:6379"
)


@contextmanager
def scratch_postgres(purpose: str):
    """A new, empty PostgreSQL database for one test (its URL), dropped afterwards."""
    import psycopg

    base = _postgres_base()
    prefix = base.path.strip("/") or "careermap"
    name = f"{prefix}_{purpose}_{secrets.token_hex(4)}"
    with psycopg.connect(_admin_url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(_admin_url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(data: Path, **extra: str) -> dict:
    """The environment of a fresh install with its data in `data`: the test run's own
    settings (its DATABASE_URL, say) are not passed on, only what `extra` sets."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "CAREERMAP_PRODUCTION",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "LOG_LEVEL",
            "LOG_FORMAT",
            "METRICS_TOKEN",
            "PROMETHEUS_MULTIPROC_DIR",
        }
    }
    env["CAREERMAP_DATA_DIR"] = str(data)
    env.update(extra)
    return env


def careermap(env: dict, *args: str, check: bool = True, stdin: str | None = None):
    """`careermap ARGS` run to the end: its CompletedProcess, output as text."""
    answer = subprocess.run(
        [sys.executable, "-m", "careermap", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if check and answer.returncode != 0:
        raise AssertionError(f"careermap {' '.join(args)} failed:\n{answer.stderr}")
    return answer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, **headers: str):
    """(status, headers, body bytes), redirects not followed."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310  (http://127.0.0.1 only)
    try:
        with _opener.open(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, answer.read()


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"careermap serve stopped with exit status {server.returncode}")
        try:
            if fetch(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"careermap serve did not answer at {base} within {seconds} s")
