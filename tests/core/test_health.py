"""/healthz and /readyz: what a process manager or load balancer asks, answered without a
sign-in, a host name or HTTPS, cheaply, and without a log line each time."""

import logging

import pytest
from django.db import OperationalError
from huey.contrib.djhuey import HUEY


def test_healthz_answers_without_touching_the_database(client):
    # No `db` fixture: pytest-django refuses any database access in this test.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_readyz_says_every_part_answers(client, db, django_assert_num_queries):
    # 1 SELECT 1; the cache and the queue are not the database
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "queue": "ok"},
        "failed": [],
    }


def test_readyz_names_a_cache_that_does_not_answer(client, db, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failed", "queue": "ok"}
    assert response.json()["failed"] == ["cache"]
    # Why goes to the log, for the operator; not to whoever asked.
    assert b"127.0.0.1:1" not in response.content
    assert any("the cache did not answer" in r.getMessage() for r in caplog.records)


def test_readyz_names_a_database_that_does_not_answer(client, db, monkeypatch):
    from django.db import connection

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", down)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]


def test_readyz_names_a_task_queue_that_does_not_answer(client, db, monkeypatch):
    def down():
        raise ConnectionError("queue unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(HUEY.storage, "queue_size", down)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "failed"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_by_address_on_plain_http_in_production(client, db, settings, path):
    settings.ALLOWED_HOSTS = ["careers.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    # A page asked the same way is refused (unknown host) ...
    assert client.get("/accounts/login/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    # ... but a probe sent to the machine's address is answered.
    assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_not_logged(client, db, caplog, path):
    caplog.set_level(logging.DEBUG)
    client.get(path)
    client.get(path)
    assert [r for r in caplog.records if r.name == "careermap.requests"] == []
