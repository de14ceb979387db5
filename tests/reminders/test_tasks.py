"""The background tasks, through real queues: the embedded SQLite file, and Redis."""

import datetime as dt
import os
import uuid

import pytest
import redis
from huey import RedisHuey
from huey.contrib.djhuey import HUEY

from careermap.reminders import tasks
from careermap.reminders.models import Reminder

from .conftest import add_step, book_check_in, work_off

# A worker runs tasks outside any test transaction and closes its database connections
# between tasks, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_periodic_task_runs_every_quarter_of_an_hour():
    def due_at(minute):
        return [t.name for t in HUEY.read_periodic(dt.datetime(2026, 3, 2, 10, minute))]

    assert "sweep_and_deliver" in due_at(15) and "sweep_and_deliver" in due_at(45)
    assert "sweep_and_deliver" not in due_at(7)


def test_the_periodic_task_from_the_embedded_queue_reminds_and_emails(
    sqlite_queue, manager, report, today, days, now, mailoutbox
):
    add_step(report, due_on=today + days(2))
    book_check_in(manager, report, starts_at=now + days(1))
    mailoutbox.clear()  # the check-in's calendar invites, sent as it was booked
    tasks.sweep_and_deliver()  # enqueued into the SQLite file, not run yet
    assert Reminder.objects.count() == 0
    assert work_off(sqlite_queue) == 1
    assert Reminder.objects.filter(person=report).count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([report.email, manager.email])


def test_deliver_now_through_the_embedded_queue_sends_once_even_when_run_twice(
    sqlite_queue, report, today, days, mailoutbox
):
    from careermap.reminders import services

    add_step(report, due_on=today + days(1))
    services.sweep()
    tasks.deliver_now()
    tasks.deliver_now()
    assert work_off(sqlite_queue) == 2
    assert len(mailoutbox) == 1 and "Lead the security project" in mailoutbox[0].subject
    assert Reminder.objects.get().email_status == "sent"


def test_the_production_queue_runs_on_redis(report, today, days, mailoutbox, monkeypatch):
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs with Redis, but {url} did not answer: {exc}")
        pytest.skip(f"No Redis at {url}")
    from careermap.reminders import services

    queue = RedisHuey(f"careermap-test-{uuid.uuid4().hex}", url=url)
    monkeypatch.setattr(HUEY, "storage", queue.storage)
    try:
        add_step(report, due_on=today + days(1))
        services.sweep()
        tasks.deliver_now()
        assert queue.storage.queue_size() == 1  # the task waits in Redis
        assert work_off(HUEY) == 1
        assert queue.storage.queue_size() == 0
        assert [m.to for m in mailoutbox] == [[report.email]]
    finally:
        queue.storage.flush_all()
