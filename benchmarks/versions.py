"""The same pages, two versions of Careermap, measured in turns on one machine.

This machine's speed changes from hour to hour (its cores are shared), so a figure measured
today cannot be compared with one measured last week. This script serves an older checkout
and this one alternately, page by page and round by round, so both versions meet the same
conditions, and measures both with this checkout's benchmarks/pages.py,
so both are counted the same way. The older checkout needs its own virtualenv (.venv); each
version serves its own data folder, built by its own `careermap demo` (pages.py --checkout).

    git worktree add /tmp/old <commit> && python -m venv /tmp/old/.venv \\
        && /tmp/old/.venv/bin/pip install -e "/tmp/old[dev]"
    python benchmarks/pages.py --checkout /tmp/old --data-dir /tmp/old10k --only Me  # builds
    python benchmarks/pages.py --data-dir /tmp/new10k --only Me                       # builds
    python benchmarks/versions.py --old /tmp/old --old-data /tmp/old10k --new-data /tmp/new10k
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "Me (manager)",
    "My team (manager, 7 reports)",
    "Career page (member, gap and routes)",
    "Conversations (member)",
    "Conversation page (member)",
    "Playbook (member)",
    "Plan page (member, 100 steps, 2 years of check-ins)",
    "Check-in page (manager)",
    "Team at a glance (manager, 50 reports)",
]
LINE = re.compile(
    r"^(?P<name>.+?)\s+(?P<rps>[\d.]+) req/s @16"
    r"\s+p50\s+(?P<p50>[\d.]+) ms\s+p99\s+(?P<p99>[\d.]+) ms"
)


def measure(checkout: Path | None, data: Path, page: str, duration: int) -> dict | None:
    # This checkout's pages.py measures both versions, so both are counted the same way.
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "pages.py"),
            *(["--checkout", str(checkout)] if checkout else []),
            "--data-dir",
            str(data),
            "--only",
            page,
            "--duration",
            str(duration),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout
    for line in out.splitlines():
        found = LINE.match(line)
        if found and found["name"].strip() == page:
            return {k: float(found[k]) for k in ("rps", "p50", "p99")}
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="The older checkout.")
    parser.add_argument("--old-data", type=Path, required=True)
    parser.add_argument("--new-data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=8)
    args = parser.parse_args()
    results: dict[str, dict[str, list]] = {p: {"old": [], "new": []} for p in PAGES}
    for round_ in range(args.rounds):
        for page in PAGES:
            for which in ("old", "new"):
                checkout, data = (
                    (args.old, args.old_data) if which == "old" else (None, args.new_data)
                )
                got = measure(checkout, data, page, args.duration)
                if got is None:
                    print(f"round {round_ + 1}: {page} ({which}) did not answer", flush=True)
                    continue
                results[page][which].append(got)
                print(
                    f"round {round_ + 1}: {page:<55} {which}: {got['rps']:6.0f} req/s"
                    f"  p50 {got['p50']:5.1f}  p99 {got['p99']:6.1f} ms",
                    flush=True,
                )
    print()
    print(
        "| page | older: req/s at 16 (each round) | this: req/s at 16 (each round) |"
        " older: median p50 / p99 ms | this: median p50 / p99 ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for page in PAGES:
        row = [page]
        for which in ("old", "new"):
            row.append(", ".join(f"{r['rps']:.0f}" for r in results[page][which]) or "—")
        for which in ("old", "new"):
            runs = results[page][which]
            row.append(
                f"{statistics.median(r['p50'] for r in runs):.1f} / "
                f"{statistics.median(r['p99'] for r in runs):.1f}"
                if runs
                else "—"
            )
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
