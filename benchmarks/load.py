"""Load, soak and faults: the demo's people at work under Locust, then every save checked.

Builds the demo organisation, books a career conversation between each manager and each of
their reports (benchmarks/load_data.py), serves it with `careermap serve` (one or more
instances, 2 web workers each) and runs benchmarks/locustfile.py headless against it for a
bounded time, on loopback only. Afterwards every save a user was told went through is looked
up in the database. Prints requests, errors, throughput and latency percentiles, and exits 1
on an error outside a fault's window or on a lost write.

    python benchmarks/load.py --users 50 --seconds 300                    # SQLite, 1 instance
    python benchmarks/load.py --postgres --instances 2 --users 50 --seconds 300
    python benchmarks/load.py --postgres --instances 2 --seconds 240 --faults

--postgres starts a scratch PostgreSQL cluster of its own (initdb, a free port, a temporary
folder) and --instances above 1 (or --faults) a Redis server of its own (database 11): the
faults restart them without disturbing anyone else's. --faults, at a third of the run, kills
one web worker (SIGKILL), restarts the database (PostgreSQL) a little later, then stops Redis
for 30 s. Errors while a fault lasts (and 10 s after) are counted apart; after that there must
be none.
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from served import ROOT, ScratchRedis, demo_data, free_port, served

HERE = Path(__file__).resolve().parent
GRACE = 10  # seconds after a fault during which errors still count as the fault's


@contextmanager
def scratch_postgres():
    """A PostgreSQL cluster of our own, on a free loopback port; yields (url, restart)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("--postgres needs PostgreSQL's server: apt-get install postgresql")
    bin_dir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="careermap-load-pg-"))
    port = free_port()
    data = folder / "data"
    # PostgreSQL refuses to run as root: then as its own system user.
    as_user = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_user, bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"

    def ctl(*args):
        subprocess.run(
            [*as_user, bin_dir / "pg_ctl", "-D", data, "-l", folder / "log", "-w", *args],
            check=True,
            capture_output=True,
        )

    ctl("-o", options, "start")
    try:
        create = "create database careermap"
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc", create],
            check=True,
            capture_output=True,
        )
        yield (
            f"postgres://postgres@127.0.0.1:{port}/careermap",
            lambda: ctl("-o", options, "-m", "fast", "restart"),
        )
    finally:
        ctl("-m", "fast", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def faults(processes, restart_database, redis, start: float, seconds: int, timeline: list):
    """Kill a web worker, restart the database, stop Redis for 30 s: spread over the run."""

    def at(offset: float) -> None:
        time.sleep(max(0.0, start + offset - time.monotonic()))

    def mark(what: str, began: float) -> None:
        timeline.append((what, began - start, time.monotonic() - start))
        print(f"  fault: {what} at {began - start:.0f} s", flush=True)

    at(seconds / 3)
    children = subprocess.run(
        ["pgrep", "-P", str(processes[0].pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    began = time.monotonic()
    os.kill(int(children[0]), signal.SIGKILL)
    mark("a web worker killed (SIGKILL)", began)
    if restart_database:
        at(seconds / 3 + 25)
        began = time.monotonic()
        restart_database()
        mark("the database restarted", began)
    if redis:
        at(seconds / 3 + 50)
        began = time.monotonic()
        redis.stop()
        time.sleep(30)
        redis.start()
        mark("Redis stopped for 30 s", began)


def locust(bases, users: int, seconds: int, folder: Path, pairs: Path) -> Path:
    prefix = folder / "load"
    confirmed = folder / "confirmed"
    confirmed.mkdir()
    env = {
        **os.environ,
        "LOAD_HOSTS": ",".join(bases),
        "LOAD_PAIRS": str(pairs),
        "LOAD_CONFIRMED": str(confirmed),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            # People arrive over half a minute (signing in is slow on purpose: password hashing).
            "--spawn-rate",
            str(max(1, users // 30)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            bases[0],
            "--csv",
            str(prefix),
            "--csv-full-history",
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        env=env,
        cwd=HERE,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "locust.log").open("w"),
    )
    return prefix


def _csv(path: str) -> list[dict]:
    with open(path) as rows:
        return list(csv.DictReader(rows))


def report(prefix: Path, seconds: int, timeline: list, started_wall: float) -> int:
    rows = _csv(f"{prefix}_stats.csv")
    print()
    print("| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        name = "all requests" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"| {name} | {int(row['Request Count']):,} | {int(row['Failure Count']):,} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} "
            f"| {float(row['Max Response Time']):.0f} |"
        )
    for row in _csv(f"{prefix}_failures.csv"):
        print(f"  error: {row['Occurrences']} times {row['Method']} {row['Name']}: {row['Error']}")
    # When errors happened, from the per-second history: inside a fault's window or not.
    windows = [(began, ended + GRACE) for _what, began, ended in timeline]
    outside, inside, last_total = 0, 0, 0
    for row in _csv(f"{prefix}_stats_history.csv"):
        if row["Name"] != "Aggregated":
            continue
        total = int(row["Total Failure Count"])
        new, last_total = total - last_total, total
        at = int(row["Timestamp"]) - started_wall
        if new and any(b - 2 <= at <= e for b, e in windows):
            inside += new
        else:
            outside += new
    if timeline:
        print(f"errors while a fault lasted (or within {GRACE} s after): {inside:,}")
    print(f"errors outside any fault: {outside:,}")
    return outside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help="A scratch PostgreSQL cluster.")
    parser.add_argument("--faults", action="store_true")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="careermap-load-"))
    redis = ScratchRedis() if args.instances > 1 or args.faults else None
    database = "PostgreSQL (scratch cluster)" if args.postgres else "SQLite (embedded default)"
    print(
        f"# {args.users} users, {args.seconds} s, {database}, {args.instances} instance(s) of "
        f"2 web workers{', Redis' if redis else ''}{', with faults' if args.faults else ''}"
    )
    print(
        f"# {platform.node()} · {os.cpu_count()} cores · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
        f" · load average {os.getloadavg()[0]:.1f} at the start"
    )
    try:
        with scratch_postgres() if args.postgres else _nothing() as (url, restart):
            env_extra = {"REDIS_URL": redis.url if redis else ""}
            if url:
                env_extra["DATABASE_URL"] = url
            data = demo_data(env_extra=env_extra)
            pairs = folder / "pairs.json"
            check_env = {
                **os.environ,
                "CAREERMAP_DATA_DIR": str(data),
                # The booked conversations' invitations go nowhere.
                "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
                **env_extra,
            }
            subprocess.run(
                [sys.executable, str(HERE / "load_data.py"), "book", str(pairs)],
                env=check_env,
                check=True,
                cwd=ROOT,
            )
            processes: list = []
            timeline: list = []
            with served(
                args.instances,
                data=data,
                env_extra=env_extra,
                processes=processes,
                in_place=True,
                logs=folder,
            ) as b:
                started_wall, start = time.time(), time.monotonic()
                if args.faults:
                    threading.Thread(
                        target=faults,
                        args=(processes, restart, redis, start, args.seconds, timeline),
                        daemon=True,
                    ).start()
                prefix = locust(b, args.users, args.seconds, folder, pairs)
                errors = report(prefix, args.seconds, timeline, started_wall)
            checked = subprocess.run(
                [sys.executable, str(HERE / "load_data.py"), "check", str(folder / "confirmed")],
                env=check_env,
                cwd=ROOT,
                check=False,
            )
    finally:
        if redis:
            redis.stop()
    print(f"# load average {os.getloadavg()[0]:.1f} at the end; files in {folder}")
    if errors or checked.returncode:
        raise SystemExit("FAILED: errors outside a fault, or lost writes")


@contextmanager
def _nothing():
    yield None, None


if __name__ == "__main__":
    main()
