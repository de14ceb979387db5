"""/metrics: requests by view and status, time per view, the task queue's depth and task
failures, for Prometheus; read from this machine, or from anywhere with METRICS_TOKEN."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from huey.contrib.djhuey import HUEY

from .operator import ROOT, careermap, environment, fetch, free_port

TOKEN = "a-long-scrape-token-0123456789"


def _value(text: str, series: str) -> float:
    found = re.search(rf"^{re.escape(series)} (\S+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


def scrape(client, **headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_requests_are_counted_by_view_and_status(client, db):
    before = scrape(client)
    client.get("/accounts/login/")
    client.get("/accounts/login/")
    client.get("/no-such-page/")
    after = scrape(client)
    login = 'careermap_requests_total{status="200",view="login"}'
    missing = 'careermap_requests_total{status="404",view="unmatched"}'
    assert _value(after, login) - _value(before, login) == 2
    assert _value(after, missing) - _value(before, missing) == 1
    timed = 'careermap_request_duration_seconds_count{view="login"}'
    assert _value(after, timed) - _value(before, timed) == 2
    assert 'careermap_request_duration_seconds_bucket{le="0.1",view="login"}' in after


def test_the_task_queue_depth_is_reported(client, db):
    before = _value(scrape(client), "careermap_task_queue_depth")
    from careermap.reminders.tasks import deliver_now

    deliver_now()  # queued; no worker runs in this test
    try:
        after = scrape(client)
        assert _value(after, "careermap_task_queue_depth") == before + 1
        assert _value(after, "careermap_task_queue_up") == 1
    finally:
        HUEY.flush()


@HUEY.task()
def _always_fails():
    raise RuntimeError("the mail server said no")


def test_a_failing_task_is_counted(client, db):
    series = 'careermap_task_failures_total{task="_always_fails"}'
    before = _value(scrape(client), series)
    HUEY.execute(_always_fails.s())  # as the worker runs it
    assert _value(scrape(client), series) == before + 1


def test_metrics_are_refused_to_a_request_through_a_proxy(client, db):
    # Behind nginx on the same machine every request comes from 127.0.0.1.
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 403
    assert b"careermap_requests_total" not in response.content


def test_metrics_are_refused_to_another_machine(client, db):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_with_a_token_only_the_token_opens_metrics(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 403  # loopback alone is not enough now
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token-0123456789")
    assert wrong.status_code == 403
    scrape(client, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


def test_a_worker_run_on_its_own_serves_its_metrics(tmp_path):
    env = environment(tmp_path, METRICS_TOKEN=TOKEN)
    careermap(env, "migrate", "-v0")
    port = free_port()
    worker = subprocess.Popen(
        [sys.executable, "-m", "careermap", "worker", "--metrics-port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/metrics"
        for _ in range(300):
            try:
                status, _, body = fetch(base, Authorization=f"Bearer {TOKEN}")
                break
            except OSError:
                if worker.poll() is not None:
                    pytest.fail("careermap worker stopped")
                time.sleep(0.1)
        else:
            pytest.fail("the worker's metrics never answered")
        assert status == 200 and b"careermap_task_queue_depth 0.0" in body
        assert fetch(base)[0] == 403
    finally:
        os.killpg(worker.pid, signal.SIGINT)
        worker.wait(timeout=30)
