"""The `careermap` command as an operator uses it."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress

import pytest
from django.core.management import CommandError, call_command

from careermap.people.models import Person, User


def test_createadmin_makes_a_system_and_hr_admin(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-strong-admin-password\n"))
    call_command(
        "createadmin", "--email", "Boss@Example.com", "--name", "Bo Boss", "--password-stdin"
    )
    user = User.objects.get(email="boss@example.com")
    assert user.is_superuser and user.is_staff and user.check_password("a-strong-admin-password")
    assert Person.objects.get(user=user).is_hr_admin


def test_createadmin_refuses_a_weak_password_and_writes_nothing(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("12345\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("createadmin", "--email", "a@example.com", "--name", "A", "--password-stdin")
    assert not User.objects.exists()


def test_createadmin_refuses_an_existing_address(db, report, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-strong-admin-password\n"))
    with pytest.raises(CommandError, match="already a sign-in"):
        call_command("createadmin", "--email", report.email, "--name", "X", "--password-stdin")


def test_careermap_without_arguments_lists_the_commands():
    out = subprocess.run(
        [sys.executable, "-m", "careermap"], capture_output=True, text=True, check=True
    ).stdout
    assert "careermap demo" in out and "careermap import people FILE" in out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_refuses_a_database_that_needs_migrating(tmp_path):
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "careermap migrate" in result.stderr


def test_serve_answers_with_a_sign_in_page(tmp_path):
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "careermap", "migrate", "-v0"], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "careermap", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = ""
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert 'type="password"' in page and "Sign in" in page
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_demo_serves_what_it_loaded_with_its_metrics(tmp_path):
    from .operator import environment, fetch, wait_until_up

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "careermap", "demo", "--people", "20", "--port", str(port)],
        env=environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, server)
        assert fetch(f"{base}/accounts/login/")[0] == 200
        metrics = fetch(f"{base}/metrics")[2].decode()
        assert 'careermap_requests_total{status="200",view="login"} 1.0' in metrics
    finally:
        with suppress(ProcessLookupError):  # already stopped by itself
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
