"""`careermap serve` works the embedded queue with a worker of its own, and stops it on exit."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CREATE_A_REMINDER = """
from careermap.people.models import Person
from careermap.reminders.models import Reminder
person = Person.objects.create(name="Wren Worker", email="wren@example.org")
Reminder.objects.create(person=person, kind="step_due", key="k", text="Ship the worker", url="/")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    return None


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in {"Z", "X"}  # exited; waiting to be reaped by whoever adopted it


@pytest.fixture
def env(tmp_path):
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(tmp_path)}
    for name in ("DATABASE_URL", "REDIS_URL"):  # the embedded defaults
        env.pop(name, None)
    env["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    cli = [sys.executable, "-m", "careermap"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True)
    return env


def _serve(env, tmp_path, *extra):
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "careermap", "serve", "--port", str(_free_port()), *extra],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return server, log


def _worker_pid(log: Path) -> int | None:
    found = re.search(r"Background worker started \(process (\d+)\)", log.read_text())
    return int(found.group(1)) if found else None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_serve_starts_a_worker_that_sends_queued_email_and_stops_with_it(env, tmp_path):
    cli = [sys.executable, "-m", "careermap"]
    subprocess.run([*cli, "shell", "-c", CREATE_A_REMINDER], env=env, check=True)
    server, log = _serve(env, tmp_path, "--workers", "1")
    try:
        worker = _wait_for(lambda: _worker_pid(log))
        assert worker, log.read_text()
        enqueue = "from careermap.reminders.tasks import deliver_now; deliver_now()"
        subprocess.run([*cli, "shell", "-c", enqueue], env=env, check=True)
        # The console e-mail backend prints the message into serve's output.
        assert _wait_for(lambda: "Subject: Reminder: Ship the worker" in log.read_text()), (
            log.read_text()
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert _wait_for(lambda: _gone(worker), seconds=10)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_worker_stops_even_when_serve_is_killed_outright(env, tmp_path):
    server, log = _serve(env, tmp_path, "--workers", "1")
    worker = _wait_for(lambda: _worker_pid(log))
    assert worker, log.read_text()
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
    assert _wait_for(lambda: _gone(worker), seconds=15), log.read_text()


def test_no_worker_starts_no_worker(env, tmp_path):
    server, log = _serve(env, tmp_path, "--workers", "1", "--no-worker")
    try:
        assert _wait_for(lambda: "Careermap is running" in log.read_text())
        time.sleep(0.5)
        assert _worker_pid(log) is None
    finally:
        server.terminate()
        server.wait(timeout=30)
