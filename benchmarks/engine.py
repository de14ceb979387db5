"""Career analysis speed: the engine on a large framework, and the bench across a large
organisation compared with the straightforward per-person ORM loop.

    python benchmarks/engine.py                        # engine only, synthetic framework
    python benchmarks/engine.py --org /tmp/bench100k    # plus the bench on a demo organisation

`--org` is a data folder built by `careermap demo --people N --no-serve` (the demo places
everyone in the default framework with skill ratings). Prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careermap.engine.gaps import gap_report
from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec
from careermap.engine.paths import best_paths
from careermap.engine.ranking import next_roles


def timed(fn, runs: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


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


def engine_figures(roles: int, skills: int) -> None:
    rng = random.Random(2)
    start = time.perf_counter()
    framework = synthetic_framework(roles, skills)
    build = (time.perf_counter() - start) * 1000
    profile = Profile(skills={k: rng.randint(1, 5) for k in rng.sample(framework.skills, 60)})
    source, target = "role-0", "role-4"
    far = next(r.key for r in framework.roles if r.track != "track-0" and r.level == 5)
    print(
        f"## Engine, synthetic framework: {roles} roles, {skills} skills, "
        f"{len(framework.moves)} moves"
    )
    print(f"- compile the framework (once per framework version): {build:.1f} ms")
    rows = [
        ("gap analysis for one target role", lambda: gap_report(framework, profile, target)),
        (
            "where could I go next (one move away)",
            lambda: next_roles(framework, profile, source, limit=5),
        ),
        (
            "where could I go next (all roles, no current role)",
            lambda: next_roles(framework, profile, None, limit=5),
        ),
        ("3 best paths up a track", lambda: best_paths(framework, profile, source, target, k=3)),
        ("3 best paths to another track", lambda: best_paths(framework, profile, source, far, k=3)),
    ]
    print("\n| computation | median ms | p95 ms |\n| --- | ---: | ---: |")
    for label, fn in rows:
        median, p95 = timed(fn, 200)
        print(f"| {label} | {median:.2f} | {p95:.2f} |")


def bench_figures(data_dir: str, naive_sample: int) -> None:
    os.environ["CAREERMAP_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")
    import django

    django.setup()
    from careermap.frameworks import queries
    from careermap.frameworks.models import Achievement, PersonRole, SkillRating
    from careermap.people.models import Person

    role_key = "engineering-management-l3"
    people = Person.objects.count()
    ratings = SkillRating.objects.count()
    queries.compiled_framework()
    median, p95 = timed(lambda: queries.bench_for(role_key, limit=20), 10)
    print(f"\n## Bench for {role_key}: {people:,} people, {ratings:,} skill ratings")
    print(
        f"- vectorised (one query per kind of data, NumPy): median {median:.0f} ms, "
        f"p95 {p95:.0f} ms (database reads included)"
    )

    # The straightforward way: every person's ratings through the ORM, scored one by one.
    framework = queries.compiled_framework()
    holders = set(PersonRole.objects.filter(role__key=role_key).values_list("person_id", flat=True))
    start = time.perf_counter()
    scored = []
    for person in Person.objects.all()[:naive_sample]:
        if person.pk in holders:
            continue
        skills = {
            r.skill.key: r.effective
            for r in SkillRating.objects.filter(person=person).select_related("skill")
        }
        had = list(
            Achievement.objects.filter(person=person).select_related("experience", "relationship")
        )
        profile = Profile(
            skills=skills,
            experiences=frozenset(a.experience.key for a in had if a.experience),
            relationships=frozenset(a.relationship.key for a in had if a.relationship),
        )
        scored.append((gap_report(framework, profile, role_key).readiness, person.pk))
    scored.sort(key=lambda x: (-x[0], x[1]))
    naive_ms = (time.perf_counter() - start) * 1000
    per_person = naive_ms / min(naive_sample, people)
    whole = per_person * people
    print(
        f"- per-person ORM loop over the first {min(naive_sample, people):,} people: "
        f"{naive_ms:,.0f} ms ({per_person:.2f} ms a person), so about {whole / 1000:,.1f} s "
        f"for all {people:,}"
    )
    print(f"- ratio: Careermap's bench is about {whole / median:,.0f} times faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=500)
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument("--org", help="A data folder with a demo organisation, for the bench.")
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=10_000,
        help="How many people the slow per-person loop scores (it is timed "
        "and scaled to the whole organisation).",
    )
    args = parser.parse_args()
    engine_figures(args.roles, args.skills)
    if args.org:
        bench_figures(args.org, args.naive_sample)


if __name__ == "__main__":
    main()
