"""Page speed for a large organisation, served the way production serves it.

Builds (or reuses) an organisation of --people people in its own data folder, starts
`careermap serve --workers 2` on a loopback port, signs in as each viewer through the sign-in
form and drives each main page with wrk: throughput at 16 connections, and latency percentiles
at 1 connection. Prints a Markdown table for docs/benchmarks.md.

Only 2xx answers count. Every viewer's sign-in is checked (/me/ names them in the menu),
every page must answer 200 before it is timed, and wrk counts the status of every response
under load (a Lua `response()` callback): a redirect (to the sign-in page, say), an error or a
dropped connection stops the run with the page's name.

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
import urllib.error
import urllib.parse
import urllib.request
from html import escape
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "careermap-demo"


# The checkout served and its Python: this one unless --checkout names another version (see
# benchmarks/versions.py), so that two versions are measured by the same script.
CHECKOUT = ROOT
PYTHON = sys.executable


def careermap(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "-m", "careermap", *args], env=env, check=True, cwd=CHECKOUT, **kwargs
    )


def build(env, people: int) -> float:
    started = time.perf_counter()
    careermap(
        env, "demo", "--people", str(people), "--no-serve", "--reset", stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to check, never one to follow: a page that sends a viewer to
    the sign-in page must not pass for the page."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def fetch(url: str, *, cookie: str = "", data: bytes | None = None, opener=None, **headers):
    """(status, headers, body) of one request, redirects not followed."""
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with (opener or urllib.request.build_opener(_NoRedirects)).open(request, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def sign_in(base: str, email: str, name: str) -> str:
    """The session cookie of a real sign-in, checked: /me/ answers 200 and names the viewer
    in the menu (others' names appear on /me/ too: a manager's, a report's)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects)
    login = f"{base}/accounts/login/"
    status, _, page = fetch(login, opener=opener)
    if status != 200:
        raise SystemExit(f"The sign-in page answered {status}.")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    status, headers, _ = fetch(login, data=data, opener=opener, Referer=login)
    if status != 302 or headers["Location"].startswith("/accounts/login/"):
        raise SystemExit(f"Signing in as {email} failed: {status} {headers.get('Location', '')}")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    status, _, me = fetch(f"{base}/me/", cookie=cookie)
    viewer = re.search(r"<summary>([^<]*)</summary>", me)
    if status != 200 or not viewer or viewer.group(1) != escape(name):
        raise SystemExit(f"Signed in as {email}, /me/ answered {status}, not as {name!r}.")
    return cookie


def page_text(base: str, path: str, cookie: str) -> str:
    status, headers, body = fetch(base + path, cookie=cookie)
    if status != 200:
        raise SystemExit(f"{path} answered {status} {headers.get('Location', '')}")
    return body


# wrk runs this in each of its threads; done() adds up every thread's status counts.
STATUS_COUNTER = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do io.write(string.format("status %d: %d\\n", status, n)) end
end
"""


def wrk(url: str, cookie: str, connections: int, duration: int, script: Path) -> dict:
    args = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{duration}s"]
    # wrk gives up on an answer after 2 s by default, which a shared, busy machine can exceed
    # at 16 connections; a request still unanswered after 30 s stops the run.
    args += ["--timeout", "30s", "--latency", "-s", str(script), url]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    statuses = {int(s): int(n) for s, n in re.findall(r"^status (\d+): (\d+)$", out, re.M)}
    wrong = {s: n for s, n in statuses.items() if not 200 <= s < 300}
    if not statuses or wrong:
        raise SystemExit(f"{url} answered {wrong or 'nothing'} under load (only 2xx count):\n{out}")
    dropped = re.search(r"Socket errors: (.*)", out)
    if dropped:
        raise SystemExit(f"{url} under load: socket errors, {dropped.group(1)}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: _ms(re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1)) for p in ("50", "99")}
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"]}


def _ms(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group(0))
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    return value * 1000  # seconds


def organisation(people: int, data_dir: Path | None) -> tuple[Path, dict, float | None]:
    """The data folder, the environment to run Careermap in, and how long building the
    organisation took (None when a folder built before was reused)."""
    data = data_dir or Path(tempfile.mkdtemp(prefix="careermap-bench-"))
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None) if "BENCH_DATABASE_URL" not in env else env.update(
        DATABASE_URL=env["BENCH_DATABASE_URL"]
    )
    built = None
    if data_dir is None or not (data / "careermap.sqlite3").exists():
        built = build(env, people)
        print(f"built an organisation of {people:,} people in {built:.1f} s")
    # Maya's two-year, 100-step plan and a manager with 50 reports (once per data folder).
    subprocess.run(
        [PYTHON, str(CHECKOUT / "benchmarks" / "plan_data.py")],
        # The made-up people's calendar invites go nowhere (not to this script's output).
        env={**env, "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"},
        check=True,
        cwd=CHECKOUT,
    )
    return data, env, built


def start(command: list[str], env: dict, base: str) -> subprocess.Popen:
    """A server started in its own process group, once it answers its sign-in page."""
    server = subprocess.Popen(
        command,
        env=env,
        cwd=CHECKOUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            fetch(f"{base}/accounts/login/")
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit(f"{command} did not answer at {base}.")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def main_pages(base: str) -> list[tuple[str, str, str]]:
    """(name, path, session cookie) of each main page, its viewer signed in."""
    manager = sign_in(base, "daniel.okafor@example.com", "Daniel Okafor")
    hr = sign_in(base, "rosa.delgado@example.com", "Rosa Delgado")
    director = sign_in(base, "marcus.bell@example.com", "Marcus Bell")
    member = sign_in(base, "maya.chen@example.com", "Maya Chen")
    big_team = sign_in(base, "bench.manager@example.com", "Bench Manager")
    me = page_text(base, "/me/", member)
    maya = re.search(r'href="(/people/\d+/)career/"', me).group(1)
    listing = page_text(base, "/conversations/", member)
    talk = re.search(r'href="(/conversations/\d+/)"', listing).group(1)
    return [
        ("Home (member)", "/", member),
        ("Home (manager, 7 reports)", "/", manager),
        ("Home (director, 4 + 26 skip-level)", "/", director),
        ("Home (HR admin and manager)", "/", hr),
        ("Home (manager, 50 reports)", "/", big_team),
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
        ("Insights (HR)", "/insights/", hr),
        ("Insights (HR), one track, 3 months", "/insights/?track=engineering&period=3", hr),
        ("Conversations (member)", "/conversations/", member),
        ("Conversation page (member)", talk, member),
        ("Opportunities (member)", "/opportunities/", member),
        ("Opportunities, For me (member)", "/opportunities/?for=me", member),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, help="Reuse an organisation built before.")
    parser.add_argument("--only", help="Only pages whose name contains this text.")
    parser.add_argument(
        "--checkout",
        type=Path,
        help="Serve another Careermap checkout, with the Python of its own .venv.",
    )
    args = parser.parse_args()
    global CHECKOUT, PYTHON
    if args.checkout:
        CHECKOUT = args.checkout.resolve()
        PYTHON = str(CHECKOUT / ".venv" / "bin" / "python")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    data, env, built = organisation(args.people, args.data_dir)
    base = f"http://127.0.0.1:{args.port}"
    command = [PYTHON, "-m", "careermap", "serve", "--port", str(args.port)]
    server = start([*command, "--workers", "2"], env, base)
    try:
        pages = main_pages(base)
        rows = []
        pages = [p for p in pages if not args.only or args.only.lower() in p[0].lower()]
        script = data / "count_statuses.lua"
        script.write_text(STATUS_COUNTER)
        for name, path, cookie in pages:
            for _ in range(20):  # warm both workers' caches and connections
                page_text(base, path, cookie)
            loaded = wrk(base + path, cookie, 16, args.duration, script)
            single = wrk(base + path, cookie, 1, args.duration, script)
            rows.append((name, loaded["rps"], single["p50"], single["p99"]))
            print(
                f"{name:<40} {loaded['rps']:7.0f} req/s @16   p50 {single['p50']:5.1f} ms"
                f"   p99 {single['p99']:5.1f} ms @1",
                flush=True,
            )
    finally:
        stop(server)

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
