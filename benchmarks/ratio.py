"""Careermap's pages as a share of a bare Django page's throughput, measured in the same run.

A figure in requests a second depends on the machine and on what else it runs at that moment;
a ratio to a bare Django page served the same way, measured a few seconds apart, holds on a
noisy, shared machine. The bare page (benchmarks/bare/README.md) is a `login_required` view
with a database session rendering 50 ORM rows through a template extending a base, served by
the same gunicorn settings, worker class and bridge as `careermap serve`.

Both servers run side by side (2 workers each, one idle while the other is measured). Each
round measures with wrk at 16 connections: bare, page 1, bare, page 2, ..., bare. A page's
ratio in a round is its req/s over the mean of the bare runs just before and just after it;
the table gives the median over rounds. Only 2xx answers count, every sign-in is checked and
every page must answer 200 before it is timed (benchmarks/pages.py).

    python benchmarks/ratio.py --people 10000
    python benchmarks/ratio.py --data-dir /tmp/cm10k --rounds 3 --duration 5 --only career

Target: every main page at least 0.60 (issue 10). Needs `wrk`; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (
    ROOT,
    STATUS_COUNTER,
    _NoRedirects,
    fetch,
    main_pages,
    organisation,
    page_text,
    start,
    stop,
    wrk,
)

TARGET = 0.60
BARE_PATH = "/rows/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bare_sign_in(base: str) -> str:
    """The bare project's session cookie, checked: its page answers 200 with its 50 rows."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects)
    login = f"{base}/accounts/login/"
    _, _, page = fetch(login, opener=opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {"username": "bench@example.com", "password": "careermap-demo"}
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
    status, _, _ = fetch(login, data=data, opener=opener, Referer=login)
    if status != 302:
        raise SystemExit(f"Signing in to the bare project answered {status}.")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    rows = page_text(base, BARE_PATH, cookie).count("<tr><td>")
    if rows != 50:
        raise SystemExit(f"The bare page showed {rows} rows, not 50.")
    return cookie


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=5, help="Seconds per wrk run.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, help="Reuse an organisation built before.")
    parser.add_argument("--only", help="Only pages whose name contains this text.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    data, env, _ = organisation(args.people, args.data_dir)
    script = data / "count_statuses.lua"
    script.write_text(STATUS_COUNTER)
    port, bare_port = free_port(), free_port()
    base, bare_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bare_port}"
    careermap = [sys.executable, "-m", "careermap", "serve", "--port", str(port)]
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare" / "serve.py")]
    bare += ["--port", str(bare_port), "--data-dir", str(data / "bare")]
    servers = [start([*careermap, "--workers", "2"], env, base)]
    try:
        servers.append(start(bare, env, bare_base))
        bare_cookie = bare_sign_in(bare_base)
        pages = [p for p in main_pages(base) if not args.only or args.only.lower() in p[0].lower()]
        for _ in range(20):  # warm both workers' caches and connections
            page_text(bare_base, BARE_PATH, bare_cookie)
            for _, path, cookie in pages:
                page_text(base, path, cookie)

        def measure_bare() -> float:
            return wrk(bare_base + BARE_PATH, bare_cookie, 16, args.duration, script)["rps"]

        load = [os.getloadavg()[0]]
        started = time.strftime("%Y-%m-%d %H:%M")
        ratios: dict[str, list[float]] = {name: [] for name, _, _ in pages}
        rps: dict[str, list[float]] = {name: [] for name, _, _ in pages}
        bare_rps: list[float] = []
        for round_ in range(1, args.rounds + 1):
            before = measure_bare()
            bare_rps.append(before)
            for name, path, cookie in pages:
                page = wrk(base + path, cookie, 16, args.duration, script)["rps"]
                after = measure_bare()
                bare_rps.append(after)
                ratio = page / ((before + after) / 2)
                ratios[name].append(ratio)
                rps[name].append(page)
                print(
                    f"round {round_}  {name:<52} {page:6.0f} req/s  bare {before:5.0f}/{after:5.0f}"
                    f"  ratio {ratio:.2f}",
                    flush=True,
                )
                before = after
            load.append(os.getloadavg()[0])
    finally:
        for server in servers:
            stop(server)

    print()
    print(f"{started}, {args.rounds} rounds of {args.duration} s runs at 16 connections;")
    print(f"bare Django: median {statistics.median(bare_rps):.0f} req/s", end=" ")
    print(f"(min {min(bare_rps):.0f}, max {max(bare_rps):.0f});", end=" ")
    print(f"1-minute load average {min(load):.1f} to {max(load):.1f} on {os.cpu_count()} cores.")
    print()
    print(f"| page ({args.people:,} people) | req/s at 16 | ratio to bare Django | min-max |")
    print("| --- | ---: | ---: | ---: |")
    short = []
    for name, _, _ in pages:
        ratio = statistics.median(ratios[name])
        if ratio < TARGET:
            short.append(name)
        print(
            f"| {name} | {statistics.median(rps[name]):.0f} | {ratio:.2f} |"
            f" {min(ratios[name]):.2f}-{max(ratios[name]):.2f} |"
        )
    print()
    print(f"Below {TARGET:.2f}: {', '.join(short) if short else 'none'}.")


if __name__ == "__main__":
    main()
