"""Many people changing one plan at the same moment: every change's snapshot is exactly the plan
that change produced, i.e. the replay of every change up to it, in the order they were made.

Each client is a thread with its own database connection, and each change its own real
transaction (this test commits), on SQLite and on PostgreSQL alike (DATABASE_URL).
"""

import re
import sqlite3
import threading

import pytest
from django.db import connection

from careermap.plans import services
from careermap.plans.models import PlanChange

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 12
CHANGES = 6  # per client: add a step, then move it on, three times

ADDED = re.compile(r"^Added the step “(?P<what>.+)”$")
MOVED = re.compile(r"^“(?P<what>.+)”: (?P<status>.+)$")


@pytest.fixture
def database_for_threads(tmp_path, report, manager):
    """Each thread opens its own connection. PostgreSQL serves them as it is. The in-memory
    SQLite test database cannot queue writers (its shared cache answers "table is locked"
    at once), so on SQLite the test runs on a copy of it in a file, as Careermap runs in
    production: WAL, and writers queued by the busy timeout."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    memory, memory_name = connection.connection, connection.settings_dict["NAME"]
    path = str(tmp_path / "careermap.sqlite3")
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    # Every thread's connection is made from this same settings dict.
    connection.connection = None  # the in-memory database lives on, held by `memory`
    connection.settings_dict["NAME"] = path
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = memory_name
        connection.connection = memory


def _replay(changes) -> list[dict]:
    """The steps as each change left them, from the changes' summaries alone."""
    steps: dict[str, str] = {}
    states = []
    for change in changes:
        if added := ADDED.match(change.summary):
            steps[added["what"]] = "Not started"
        elif moved := MOVED.match(change.summary):
            steps[moved["what"]] = moved["status"].capitalize()
        states.append(dict(steps))
    return states


def _steps(snapshot) -> dict:
    return {s["what"]: s["status"] for o in snapshot["objectives"] for s in o["steps"]}


def test_every_snapshot_is_the_replay_of_the_changes_up_to_it(
    report, manager, database_for_threads
):
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    objective = services.add_objective(plan, actor=report.user, title="Shared objective")
    start = threading.Barrier(CLIENTS)
    failures = []

    def client(n: int) -> None:
        try:
            start.wait(timeout=30)
            for i in range(CHANGES // 2):
                step = services.add_step(objective, actor=manager.user, what=f"Step {n}.{i}")
                services.set_step_status(
                    step, actor=report.user, version=step.version, status="in_progress"
                )
        except Exception as exc:  # reported below, with the client
            failures.append((n, exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures

    changes = list(
        PlanChange.objects.filter(plan=plan, summary__startswith="Added the step")
        | PlanChange.objects.filter(plan=plan, summary__endswith=": in progress")
    )
    changes.sort(key=lambda c: c.pk)  # the order the changes were made in, under the lock
    assert len(changes) == CLIENTS * CHANGES
    for change, expected in zip(changes, _replay(changes), strict=True):
        assert _steps(change.snapshot) == expected, change.summary
