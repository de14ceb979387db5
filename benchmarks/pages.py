"""Page speed for a large organisation, served the way production serves it.

Builds (or reuses) an organisation of --people people in its own data folder, starts
`careermap serve` (gunicorn, 2 workers) on a loopback port, signs in as each viewer and drives
each main page with wrk: throughput at 16 connections, and latency percentiles at 1 connection.
Prints a Markdown table for docs/benchmarks.md.

    python benchmarks/pages.py --people 10000
    python benchmarks/pages.py --people 100000 --duration 10

Needs `wrk` (apt-get install wrk). All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "careermap-demo"


def careermap(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "careermap", *args], env=env, check=True, cwd=ROOT, **kwargs
    )


def build(env, people: int) -> float:
    started = time.perf_counter()
    careermap(
        env, "demo", "--people", str(people), "--no-serve", "--reset", stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def sign_in(base: str, email: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(
        urllib.request.Request(
            f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
        )
    )
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(url: str, cookie: str, connections: int, duration: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(connections, 2)),
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: _ms(re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1)) for p in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url} answered {errors.group(1)} errors under load:\n{out}")
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"]}


def _ms(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group(0))
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    return value * 1000  # seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, help="Reuse an organisation built before.")
    parser.add_argument("--only", help="Only pages whose name contains this text.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    data = args.data_dir or Path(tempfile.mkdtemp(prefix="careermap-bench-"))
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None) if "BENCH_DATABASE_URL" not in env else env.update(
        DATABASE_URL=env["BENCH_DATABASE_URL"]
    )
    built = None
    if args.data_dir is None or not (data / "careermap.sqlite3").exists():
        built = build(env, args.people)
        print(f"built an organisation of {args.people:,} people in {built:.1f} s")
    # Maya's two-year, 100-step plan and a manager with 50 reports (once per data folder).
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "plan_data.py")], env=env, check=True, cwd=ROOT
    )

    server = subprocess.Popen(
        [sys.executable, "-m", "careermap", "serve", "--port", str(args.port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        manager = sign_in(base, "daniel.okafor@example.com")
        hr = sign_in(base, "rosa.delgado@example.com")
        director = sign_in(base, "marcus.bell@example.com")
        member = sign_in(base, "maya.chen@example.com")
        big_team = sign_in(base, "bench.manager@example.com")
        me = urllib.request.urlopen(
            urllib.request.Request(f"{base}/me/", headers={"Cookie": member})
        )
        maya = re.search(r'href="(/people/\d+/)career/"', me.read().decode()).group(1)
        listing = (
            urllib.request.urlopen(
                urllib.request.Request(f"{base}/conversations/", headers={"Cookie": member})
            )
            .read()
            .decode()
        )
        talk = re.search(r'href="(/conversations/\d+/)"', listing).group(1)
        pages = [
            ("Me (manager)", "/me/", manager),
            ("My team (manager, 7 reports)", "/team/", manager),
            ("My team (director, 4 + 26 skip-level)", "/team/", director),
            ("People directory (HR), page 1", "/people/", hr),
            ("People directory (HR), search", "/people/?q=engineer", hr),
            ("People directory (HR), page 100", "/people/?page=100", hr),
            ("Person page (HR)", "/people/1/", hr),
            ("Import page (HR)", "/people/import/", hr),
            ("Career page (member, gap and routes)", f"{maya}career/", member),
            ("Skills page (member)", f"{maya}skills/", member),
            ("Career map (member)", f"{maya}career/map/", member),
            (
                "Career page (manager, for a report)",
                f"{maya}career/?target=engineering-l4",
                manager,
            ),
            ("Framework overview", "/framework/", member),
            ("Role page", "/framework/roles/engineering-l3/", member),
            ("Bench for a role (HR)", "/framework/roles/engineering-management-l3/bench/", hr),
            ("Conversations (member)", "/conversations/", member),
            ("Conversation page (member)", talk, member),
            ("Shared notes poll (member)", f"{talk}notes/shared/", member),
            ("Playbook (member)", "/conversations/playbooks/career-vision-grow/", member),
            ("Plan page (member, 100 steps, 2 years of check-ins)", f"{maya}plan/", member),
            ("Plan page (manager, the same plan)", f"{maya}plan/", manager),
            ("Check-in page (manager)", f"{maya}plan/check-in/", manager),
            ("Plan history (member)", f"{maya}plan/history/", member),
            ("Team at a glance (manager, 50 reports)", "/team/at-a-glance/", big_team),
            ("Team at a glance (manager, 7 reports)", "/team/at-a-glance/", manager),
            ("Reminders (manager)", "/me/reminders/", manager),
            ("Who has seen my information (member)", "/me/access-log/", member),
            ("Sign-in page", "/accounts/login/", ""),
        ]
        rows = []
        pages = [p for p in pages if not args.only or args.only.lower() in p[0].lower()]
        for name, path, cookie in pages:
            for _ in range(20):  # warm both workers' caches and connections
                urllib.request.urlopen(
                    urllib.request.Request(base + path, headers={"Cookie": cookie})
                )
            loaded = wrk(base + path, cookie, 16, args.duration)
            single = wrk(base + path, cookie, 1, args.duration)
            rows.append((name, loaded["rps"], single["p50"], single["p99"]))
            print(
                f"{name:<40} {loaded['rps']:7.0f} req/s @16   p50 {single['p50']:5.1f} ms"
                f"   p99 {single['p99']:5.1f} ms @1",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    print()
    print(
        f"| page ({args.people:,} people) | req/s at 16 connections | p50 ms at 1 | p99 ms at 1 |"
    )
    print("| --- | ---: | ---: | ---: |")
    for name, rps, p50, p99 in rows:
        print(f"| {name} | {rps:.0f} | {p50:.1f} | {p99:.1f} |")
    if built is not None:
        print(f"\nBuilding the organisation took {built:.1f} s.")
    print(f"median req/s over pages: {statistics.median(r[1] for r in rows):.0f}")


if __name__ == "__main__":
    main()
