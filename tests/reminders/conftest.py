"""Plans, steps and check-ins to remind about, and the task queue on a file of the test's own."""

import datetime as dt

import pytest
from django.utils import timezone

from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.plans import services as plans


def add_step(person, *, due_on, what="Lead the security project", owner=None):
    """A step in the person's active plan (started if they have none)."""
    plan = person.plans.filter(status="active").first() or plans.start_plan(
        person, actor=person.user, goal="Lead a platform team"
    )
    objective = plan.objectives.first() or plans.add_objective(
        plan, actor=person.user, title="Run a project"
    )
    return plans.add_step(objective, actor=person.user, what=what, owner=owner, due_on=due_on)


def book_check_in(manager, report, *, starts_at, playbook="development-check-in"):
    return conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()[playbook],
        other=report,
        starts_at=starts_at,
        duration_minutes=30,
        place="Room 4",
    )


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def today(now):
    return timezone.localdate(now)


@pytest.fixture
def days():
    return lambda n: dt.timedelta(days=n)


@pytest.fixture
def sqlite_queue(tmp_path, monkeypatch):
    """The embedded default, SqliteHuey, on a file of this test's own: what the tasks enqueue
    is written to that file and read back from it."""
    from huey import SqliteHuey
    from huey.contrib.djhuey import HUEY

    queue = SqliteHuey("careermap", filename=str(tmp_path / "tasks.sqlite3"))
    monkeypatch.setattr(HUEY, "storage", queue.storage)
    return HUEY


def work_off(huey) -> int:
    """What the consumer does: take each task off the queue and run it."""
    done = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        done += 1
    return done
