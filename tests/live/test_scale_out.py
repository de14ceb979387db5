"""Careermap scaled out as the operator's guide lays it out ("Scale out"): two `careermap serve`
instances in production mode and one `careermap worker`, each with a data folder of its own,
sharing PostgreSQL and Redis, behind nginx running the shipped deploy/nginx/careermap.conf.

nginx answers on three doors, each from that same file: one shares requests round-robin
between the two app servers, as in production, and two send everything to one app server
each, so that two people are provably on different servers. Through them: two browsers co-edit
a conversation's notes and each sees the other's words within a second; a sign-in made on one
server is accepted, and its sign-out honoured, by the other; the password-reset limit holds
across both; and the e-mail a server queues is sent by the worker.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, FLAGS
from tests.core.operator import (
    ROOT,
    careermap,
    environment,
    free_port,
    needs_postgres,
    scratch_postgres,
    wait_until_up,
)

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
SITE = ROOT / "deploy/nginx/careermap.conf"
REDIS_URL = "redis://127.0.0.1:6379/12"  # this test's own database
PASSWORD = "careermap-demo"
DANIEL, MAYA = "daniel.okafor@example.com", "maya.chen@example.com"
RESET_LIMIT = 5  # an hour, from one address (careermap/urls.py)


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _missing() -> str:
    if not os.access(NGINX, os.X_OK):
        return f"no nginx at {NGINX}: apt-get install nginx"
    if not shutil.which("openssl"):
        return "no openssl (for the proxy's certificate): apt-get install openssl"
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM}: apt-get install chromium"
    if not _redis_up():
        return "no Redis on 127.0.0.1:6379"
    return ""


# In CI everything must be there (.ci/run installs it): the test fails rather than skips.
pytestmark = [
    pytest.mark.browser,
    needs_postgres,
    pytest.mark.skipif(bool(not os.environ.get("CI") and _missing()), reason=_missing()),
]


def site_config(*, upstreams: list[str], https_port: int, http_port: int, log: Path) -> str:
    """The shipped site config with this machine's addresses in place of the containers'."""
    text = SITE.read_text()
    swaps = [
        (
            "    server app1:8000;\n    server app2:8000;\n",
            "".join(f"    server {upstream};\n" for upstream in upstreams),
        ),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("access_log /var/log/nginx/access.log ", f"access_log {log} "),
    ]
    for old, new in swaps:
        assert text.count(old) == 1, f"{SITE.name} no longer has {old!r}: update this test"
        text = text.replace(old, new)
    return text


@contextmanager
def nginx(folder: Path, certificate: Path, upstreams: list[str], port: int = 0):
    """nginx in the foreground with the shipped site, its files in `folder`: its https URL."""
    (folder / "certs").mkdir(parents=True)
    for name in ("fullchain.pem", "privkey.pem"):
        shutil.copy(certificate.parent / name, folder / "certs" / name)
    port = port or free_port()
    site = site_config(
        upstreams=upstreams, https_port=port, http_port=free_port(), log=folder / "access.log"
    )
    (folder / "careermap.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 512; }\n"
        f"http {{\n{temp}\n    include {folder / 'careermap.conf'};\n}}\n"
    )
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    proxy = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        base = f"https://127.0.0.1:{port}"
        trusted = ssl.create_default_context(cafile=str(certificate))
        for _ in range(100):
            assert proxy.poll() is None, (folder / "error.log").read_text()
            with suppress(OSError):
                urllib.request.urlopen(f"{base}/healthz", timeout=5, context=trusted)  # noqa: S310
                break
            time.sleep(0.2)
        yield base
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proxy.pid, signal.SIGQUIT)  # nginx's graceful stop
        proxy.wait(timeout=30)


@contextmanager
def process(args: list[str], env: dict, output: Path):
    with output.open("w") as out:
        started = subprocess.Popen(
            [sys.executable, "-m", "careermap", *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield started
    finally:
        with suppress(ProcessLookupError):
            # SIGINT lets the worker finish a task; gunicorn stops on it too.
            os.killpg(started.pid, signal.SIGINT)
        try:
            started.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(started.pid, signal.SIGKILL)
            started.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The layout, running: {"both", "a", "b"} door URLs, the certificate, the worker's log."""
    import redis

    tmp = tmp_path_factory.mktemp("scale-out")
    certificate = ["-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
    subprocess.run(
        ["openssl", "req", *certificate, "-addext", "subjectAltName=IP:127.0.0.1",  # noqa: S607
         "-keyout", str(tmp / "privkey.pem"), "-out", str(tmp / "fullchain.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    with ExitStack() as stack:
        database_url = stack.enter_context(scratch_postgres("scale"))
        # The demo organisation, loaded as a developer would (it refuses production mode).
        loader = environment(tmp / "loader", DATABASE_URL=database_url)
        careermap(loader, "migrate", "-v0")
        careermap(loader, "demo", "--people", "30", "--no-serve")

        # What every instance shares, as in docs/operations.md: the same settings file.
        door_port = free_port()
        settings = {
            "CAREERMAP_PRODUCTION": "true",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "BEHIND_TLS_PROXY": "true",
            "PROXY_COUNT": "1",
            "TRUST_X_REQUEST_ID": "true",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "CAREERMAP_BASE_URL": f"https://127.0.0.1:{door_port}",
        }
        apps = []
        for name in ("app1", "app2"):
            env = environment(tmp / name, **settings)  # a data folder of its own: no files shared
            port = free_port()
            server = stack.enter_context(
                process(["serve", "--port", str(port), "--workers", "1"], env, tmp / f"{name}.log")
            )
            apps.append((f"http://127.0.0.1:{port}", server))
        for base, server in apps:
            wait_until_up(base, server)
        worker_log = tmp / "worker.log"
        stack.enter_context(
            process(["worker"], environment(tmp / "worker", **settings), worker_log)
        )

        upstreams = [base.removeprefix("http://") for base, _ in apps]
        doors = {
            "both": stack.enter_context(
                nginx(tmp / "nginx-both", tmp / "fullchain.pem", upstreams, door_port)
            ),
            "a": stack.enter_context(nginx(tmp / "nginx-a", tmp / "fullchain.pem", upstreams[:1])),
            "b": stack.enter_context(nginx(tmp / "nginx-b", tmp / "fullchain.pem", upstreams[1:])),
        }
        yield {**doors, "certificate": tmp / "fullchain.pem", "worker_log": worker_log}
    shared.flushdb()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """Someone with their own cookies, reaching Careermap through any of the doors."""

    def __init__(self, certificate: Path):
        self.jar = http.cookiejar.CookieJar()
        trusted = ssl.create_default_context(cafile=str(certificate))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=trusted),
            urllib.request.HTTPCookieProcessor(self.jar),
            _NoRedirects,
        )

    def open(self, url: str, form: dict | None = None, *, form_page: str = ""):
        """(status, headers, body text). A form is posted with the CSRF token of the page it is
        on: `url`'s own, or `form_page`'s."""
        data = None
        if form is not None:
            page = self.open(form_page or url)[2]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.headers, answer.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers, answer.read().decode()


def test_a_sign_in_made_on_one_server_holds_on_the_other_and_so_does_its_sign_out(cluster):
    visitor = Visitor(cluster["certificate"])
    status, headers, _ = visitor.open(
        f"{cluster['a']}/accounts/login/", {"username": MAYA, "password": PASSWORD}
    )
    assert status == 302 and "/accounts/login/" not in headers["Location"]
    status, _, page = visitor.open(f"{cluster['b']}/me/")
    assert status == 200 and "Maya Chen" in page
    # Signed out on the second server: the first no longer knows the session either.
    signed_out = visitor.open(
        f"{cluster['b']}/accounts/logout/", {}, form_page=f"{cluster['b']}/me/"
    )
    assert signed_out[0] == 302
    status, headers, _ = visitor.open(f"{cluster['a']}/me/")
    assert status == 302 and headers["Location"].startswith("/accounts/login/")


def test_the_password_reset_limit_holds_across_servers_and_the_worker_sends_the_mail(cluster):
    visitor = Visitor(cluster["certificate"])
    reset = "/accounts/password_reset/"
    doors = [cluster["a"], cluster["b"]] * RESET_LIMIT
    for door in doors[:RESET_LIMIT]:
        status, headers, _ = visitor.open(f"{door}{reset}", {"email": MAYA})
        assert status == 302 and headers["Location"].endswith("/accounts/password_reset/done/")
    # Counted in Redis: neither server takes another, whichever the request reaches.
    for door in (cluster["a"], cluster["b"], cluster["both"]):
        status, _, page = visitor.open(f"{door}{reset}", {"email": MAYA})
        assert status == 429 and "Too many requests" in page

    # Each request queued its e-mail in Redis; the worker, not the servers, sends them.
    deadline = time.monotonic() + 60
    sent = 0
    while time.monotonic() < deadline and sent < RESET_LIMIT:
        time.sleep(0.5)
        sent = cluster["worker_log"].read_text().count("Subject: Choose your Careermap password")
    assert sent == RESET_LIMIT
    mail = cluster["worker_log"].read_text()
    assert f"To: {MAYA}" in mail
    assert f"{cluster['both']}/accounts/reset/" in mail  # links to the address people open


def _wait_for(page, *parts: str) -> float:
    """Seconds until the page's shared notes hold every part."""
    started = time.monotonic()
    page.wait_for_function(
        "parts => parts.every(p => document.querySelector('#shared-notes').value.includes(p))",
        arg=list(parts),
        timeout=10_000,
    )
    return time.monotonic() - started


def _type(page, words: str) -> None:
    page.click("#shared-notes")
    page.keyboard.press("Control+End")
    page.keyboard.type(words)


def test_two_people_on_different_servers_co_edit_and_see_each_other_within_a_second(cluster):
    # The browser tests' Playwright may already run its event loop in this thread, and a second
    # sync Playwright refuses to start inside it: this one gets a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(_co_edit, cluster).result()


def _co_edit(cluster):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            pages = {}
            for email, door in ((DANIEL, cluster["a"]), (MAYA, cluster["b"])):
                context = browser.new_context(
                    ignore_https_errors=True, viewport={"width": 1300, "height": 1000}
                )
                page = context.new_page()
                page.set_default_timeout(15_000)
                page.goto(f"{door}/accounts/login/")
                page.fill("input[name=username]", email)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(f"{door}/")  # signing in lands on the home page
                pages[email] = page
            daniel, maya = pages[DANIEL], pages[MAYA]
            maya.goto(f"{cluster['b']}/conversations/")
            link = re.search(r'href="(/conversations/\d+/)"', maya.content()).group(1)
            maya.goto(f"{cluster['b']}{link}")
            daniel.goto(f"{cluster['a']}{link}")
            # Until each page's event stream is open, nothing can reach it: a first exchange
            # (not timed) shows both are.
            for writer, reader, words in ((daniel, maya, " Hello."), (maya, daniel, " Hi.")):
                _type(writer, words)
                _wait_for(reader, words)

            delays = []
            for writer, reader, words in [
                (daniel, maya, " Daniel, on the first server."),
                (maya, daniel, " Maya, on the second server."),
                (daniel, maya, " Agreed: she leads the next integration."),
            ]:
                _type(writer, words)
                delays.append(_wait_for(reader, words))
            assert max(delays) < 1.0, delays
            texts = {page.input_value("#shared-notes") for page in (daniel, maya)}
            assert len(texts) == 1
        finally:
            browser.close()
