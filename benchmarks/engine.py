"""Career analysis speed, uncached: the engine on a large framework, and the bench for a role
across whole organisations compared with a straightforward set-based version.

    python benchmarks/engine.py                          # engine, then the bench at 10,000
                                                         # and at 100,000 people
    python benchmarks/engine.py --people 10000           # the bench at one size only
    python benchmarks/engine.py --orgs /tmp/bench-orgs   # keep (and reuse) the organisations
    python benchmarks/engine.py --engine-only            # no organisations at all

Every timed repetition computes its answer from scratch:
- the engine's figures take a fresh profile each call (the engine is pure and keeps nothing,
  so a different input each time rules out any hidden memo as well);
- each repetition of the bench empties Django's cache (where the bench keeps its answer) and
  the process's compiled framework, then checks from the queries it ran that it really read
  and summed the ratings.

The organisations are built by `careermap demo --people N --no-serve --reset` on the embedded
default (SQLite), one data folder per size, in --orgs/<N>/ (built when missing). Prints
Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careermap.engine.gaps import gap_report  # noqa: E402
from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec  # noqa: E402
from careermap.engine.paths import best_paths  # noqa: E402
from careermap.engine.ranking import next_roles  # noqa: E402

ROLE = "engineering-management-l3"
LIMIT = 20


def summary(times_ms: list[float]) -> str:
    """Median and spread (fastest and slowest) of a list of timings, in milliseconds."""
    return (
        f"median {_ms(statistics.median(times_ms))}, "
        f"min {_ms(min(times_ms))}, max {_ms(max(times_ms))}"
    )


def _ms(value: float) -> str:
    return f"{value:,.2f} ms" if value < 10 else f"{value:,.0f} ms"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        (
            int(line.split()[1]) / 1024 / 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB of memory, "
        f"{platform.platform(terse=True)}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


# --- The engine alone, on a synthetic framework ----------------------------------------------


def synthetic_framework(roles: int, skills: int, seed: int = 1) -> Framework:
    """Tracks of 5 levels; each role expects 8-15 skills; promotions plus lateral moves."""
    rng = random.Random(seed)
    skill_keys = [f"skill-{i}" for i in range(skills)]
    specs, by_track = [], {}
    for i in range(roles):
        track, level = f"track-{i // 5}", i % 5 + 1
        expected = rng.sample(skill_keys, rng.randint(8, 15))
        specs.append(
            RoleSpec(
                key=f"role-{i}",
                name=f"Role {i}",
                track=track,
                level=level,
                skills={k: min(5, max(1, level + rng.choice([-1, 0, 0, 1]))) for k in expected},
            )
        )
        by_track.setdefault(track, []).append(specs[-1])
    moves = []
    for track_roles in by_track.values():
        for a, b in itertools.pairwise(track_roles):
            moves.append(MoveSpec(a.key, b.key, "promotion", rng.randint(12, 36)))
    tracks = list(by_track)
    for _ in range(roles):  # about one lateral move per role
        a, b = rng.sample(tracks, 2)
        level = rng.randint(0, 4)
        if level < len(by_track[a]) and level < len(by_track[b]):
            move = MoveSpec(
                by_track[a][level].key, by_track[b][level].key, "lateral", rng.randint(12, 30)
            )
            if all((m.source, m.target) != (move.source, move.target) for m in moves):
                moves.append(move)
    return Framework(skills=skill_keys, roles=specs, moves=moves)


def engine_figures(roles: int, skills: int, calls: int) -> None:
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        framework = synthetic_framework(roles, skills)
        builds.append((time.perf_counter() - start) * 1000)
    rng = random.Random(2)
    # One person per call: nothing computed for one call can serve the next.
    profiles = [
        Profile(skills={k: rng.randint(1, 5) for k in rng.sample(framework.skills, 60)})
        for _ in range(calls)
    ]
    source, target = "role-0", "role-4"
    far = next(r.key for r in framework.roles if r.track != "track-0" and r.level == 5)
    print(
        f"### Engine, synthetic framework: {roles:,} roles, {skills:,} skills, "
        f"{len(framework.moves):,} moves\n"
    )
    print(
        "Compiling the framework (once per framework version, per process), 5 times: "
        f"{summary(builds)}.\n"
    )
    rows = [
        ("gap analysis for one target role", lambda p: gap_report(framework, p, target)),
        (
            "where could I go next (one move away)",
            lambda p: next_roles(framework, p, source, limit=5),
        ),
        (
            "where could I go next (all roles, no current role)",
            lambda p: next_roles(framework, p, None, limit=5),
        ),
        ("3 best paths up a track", lambda p: best_paths(framework, p, source, target, k=3)),
        ("3 best paths to another track", lambda p: best_paths(framework, p, source, far, k=3)),
    ]
    print(f"Each computation {calls} times, a different person each time.\n")
    print("| computation | median ms | p95 ms | min ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, fn in rows:
        times = []
        for profile in profiles:
            start = time.perf_counter()
            fn(profile)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[max(0, round(len(times) * 0.95) - 1)]
        print(
            f"| {label} | {statistics.median(times):.3f} | {p95:.3f} | "
            f"{times[0]:.3f} | {times[-1]:.3f} |"
        )
    print()


# --- The bench across an organisation --------------------------------------------------------


def build_org(folder: Path, people: int) -> None:
    """A demo organisation of `people` people in `folder`, unless one is there already."""
    if (folder / "careermap.sqlite3").exists() and (folder / "built").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    print(f"(building an organisation of {people:,} people in {folder} …)", file=sys.stderr)
    started = time.perf_counter()
    demo = ["demo", "--people", str(people), "--no-serve", "--reset"]
    subprocess.run(
        [sys.executable, "-m", "careermap", *demo],
        env=_org_env(folder),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (folder / "built").write_text(f"{people} people in {time.perf_counter() - started:.1f} s\n")


def _org_env(folder: Path) -> dict:
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(folder)}
    env.pop("DATABASE_URL", None)  # the organisation's own SQLite file, never another database
    return env


def straightforward_bench(role_key: str, *, limit: int):
    """The bench the plain way: a few set-based queries, then each person's gap report in
    plain Python, then the `limit` most ready. No NumPy, no per-person queries, no cache."""
    from careermap.engine.bench import BenchEntry
    from careermap.engine.gaps import SkillLine
    from careermap.engine.scoring import WEIGHTS
    from careermap.frameworks.models import Achievement, PersonRole, Role, SkillRating
    from careermap.people.models import Person

    # The role's expectations (four queries).
    role = Role.objects.get(key=role_key)
    needs = dict(role.skill_levels.values_list("skill__key", "proficiency"))
    wanted_experiences = set(role.experiences.values_list("key", flat=True))
    wanted_relationships = set(role.relationships.values_list("key", flat=True))
    # Everyone's ratings of those skills, and what they have done and built (two queries).
    have: dict[int, dict[str, int]] = {}
    for person_id, skill, level in SkillRating.objects.filter(
        skill__key__in=list(needs), effective__gt=0
    ).values_list("person_id", "skill__key", "effective"):
        have.setdefault(person_id, {})[skill] = level
    had: dict[int, set[str]] = {}
    for person_id, experience, relationship in Achievement.objects.values_list(
        "person_id", "experience__key", "relationship__key"
    ):
        had.setdefault(person_id, set()).add(experience or relationship)
    # Who is in the organisation, and who already holds the role (two queries).
    holders = set(PersonRole.objects.filter(role=role).values_list("person_id", flat=True))
    everyone = Person.objects.values_list("pk", flat=True)

    steps_needed = sum(needs.values())
    report = []
    for person_id in everyone:
        if person_id in holders:
            continue
        skills = have.get(person_id, {})
        done = had.get(person_id, set())
        lines = [SkillLine(key, skills.get(key, 0), need) for key, need in needs.items()]
        counts = [
            (sum(min(max(line.have, 0), line.need) for line in lines), steps_needed),
            (len(wanted_experiences & done), len(wanted_experiences)),
            (len(wanted_relationships & done), len(wanted_relationships)),
        ]
        numerator = denominator = 0.0
        for (met, expected), weight in zip(counts, WEIGHTS.values(), strict=True):
            if expected > 0:
                numerator += weight * (met / expected)
                denominator += weight
        # scoring.readiness rounds with NumPy (round half to even at one decimal): the same.
        readiness = round(100 * numerator / denominator * 10) / 10 if denominator else 100.0
        report.append(
            BenchEntry(
                person_id=person_id,
                readiness=readiness,
                gaps=sorted(
                    (line for line in lines if line.have < line.need),
                    key=lambda line: (-line.steps, line.skill),
                ),
                experience_gaps=sorted(wanted_experiences - done),
                relationship_gaps=sorted(wanted_relationships - done),
            )
        )
    report.sort(key=lambda entry: (-entry.readiness, entry.person_id))
    return report[:limit]


def bench_figures(runs: int) -> None:
    """In a process whose CAREERMAP_DATA_DIR is one organisation."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from careermap.frameworks import queries
    from careermap.frameworks.models import SkillRating
    from careermap.people.models import Person

    def forget_everything() -> None:
        cache.clear()  # where bench_for keeps its answer
        queries._compiled.clear()  # the compiled framework, kept per process
        queries.forget_version()  # the framework version, read once per request

    def engine(*, compile_framework: bool):
        forget_everything()
        if not compile_framework:
            queries.compiled()
        with CaptureQueriesContext(connection) as ran:
            entries = queries.bench_for(ROLE, limit=LIMIT)
        sql = [q["sql"] for q in ran.captured_queries]
        # Proof it was computed: the ratings were summed, and (cold) the framework read.
        assert any("SUM(" in s and "frameworks_skillrating" in s for s in sql), sql
        assert compile_framework == any("frameworks_roleskill" in s for s in sql), sql
        return entries, len(sql)

    def plain():
        forget_everything()
        with CaptureQueriesContext(connection) as ran:
            entries = straightforward_bench(ROLE, limit=LIMIT)
        return entries, len(ran.captured_queries)

    people = Person.objects.count()
    ratings = SkillRating.objects.count()
    labels = {
        "cold": "Careermap's bench, nothing cached (the framework compiled too)",
        "warm": "Careermap's bench, the framework already compiled (as on pages)",
        "plain": "straightforward, set-based: the same report for everyone in plain Python",
    }
    calls = {
        "cold": lambda: engine(compile_framework=True),
        "warm": lambda: engine(compile_framework=False),
        "plain": plain,
    }
    # One untimed round reads the database file into the operating system's cache, so the
    # first timed way does not pay for the disk the others then get for free.
    expected, _ = calls["cold"]()
    for how in calls:
        entries, _ = calls[how]()
        assert entries == expected, f"{how} disagrees with the engine"
    assert len(expected) == LIMIT
    times: dict[str, list[float]] = {how: [] for how in calls}
    counts: dict[str, set[int]] = {how: set() for how in calls}
    for _ in range(runs):
        for how, call in calls.items():  # interleaved, so a noisy moment hits every way
            start = time.perf_counter()
            entries, n = call()
            times[how].append((time.perf_counter() - start) * 1000)
            counts[how].add(n)
            assert entries == expected, f"{how} disagrees with the engine"

    print(
        f"### The bench for {ROLE} across {people:,} people ({ratings:,} skill ratings)\n\n"
        f"{runs} runs of each, interleaved; the top {LIMIT} of every run are the same people "
        "with the same scores and gaps, checked.\n"
    )
    print("| how | queries | time |")
    print("| --- | ---: | --- |")
    for how, label in labels.items():
        print(f"| {label} | {'/'.join(map(str, sorted(counts[how])))} | {summary(times[how])} |")
    cold = statistics.median(times["cold"])
    print(
        f"\nThe straightforward version takes {statistics.median(times['plain']) / cold:.1f} "
        "times as long as Careermap's bench with nothing cached (medians).\n",
        flush=True,
    )


def _load() -> str:
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def bench_in_organisations(args) -> None:
    orgs = args.orgs or Path(tempfile.mkdtemp(prefix="careermap-engine-"))
    for people in args.people:
        folder = orgs / str(people)
        build_org(folder, people)
        # A process per organisation: Django's settings (and database) are fixed per process.
        subprocess.run(
            [sys.executable, __file__, "--bench-here", "--runs", str(args.runs)],
            env=_org_env(folder),
            cwd=ROOT,
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=500)
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=200, help="Engine calls per computation.")
    parser.add_argument(
        "--people", type=int, nargs="*", default=[10_000, 100_000], help="Organisation sizes."
    )
    parser.add_argument("--runs", type=int, default=7, help="Timed runs of each bench way.")
    parser.add_argument(
        "--orgs", type=Path, help="Folder for the organisations (one sub-folder per size)."
    )
    parser.add_argument("--engine-only", action="store_true")
    parser.add_argument("--bench-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bench_here:  # the child process for one organisation
        bench_figures(args.runs)
        return

    print(f"`{' '.join(['python', 'benchmarks/engine.py', *sys.argv[1:]])}`")
    print(f"on {machine()}, {dt.date.today():%Y-%m-%d}")
    print(f"load average at the start: {_load()} (the machine may be shared)\n")
    engine_figures(args.roles, args.skills, args.calls)
    if not args.engine_only:
        bench_in_organisations(args)
    print(f"load average at the end: {_load()}")


if __name__ == "__main__":
    main()
