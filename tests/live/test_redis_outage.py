"""Redis stopped under a running Careermap: pages keep answering, people stay signed in,
what they type is saved, a sign-out made meanwhile holds, and the one request that needs Redis
(the password-reset e-mail, counted by a rate limit) says it cannot be sent just now."""

import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from benchmarks.served import NoteCopy, Person, ScratchRedis, demo_data, served
from careermap.core.cache import RETRY_SECONDS

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="no redis-server")


@pytest.fixture(scope="module")
def demo():
    return demo_data()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status(url: str, **headers) -> int:
    """The status of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as answer:
        return answer.code


def _ask_for_a_password_reset(base: str) -> tuple[int, str]:
    person = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    url = f"{base}/accounts/password_reset/"
    page = person.open(url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"email": "maya.chen@example.com", "csrfmiddlewaretoken": token}
    request = urllib.request.Request(  # noqa: S310
        url, data=urllib.parse.urlencode(form).encode(), headers={"Referer": url}
    )
    try:
        answer = person.open(request, timeout=30)
        return answer.status, answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode()


def test_careermap_keeps_working_while_redis_is_stopped(demo):
    redis = ScratchRedis(database=0)
    try:
        with served(1, data=demo, env_extra={"REDIS_URL": redis.url}) as (base,):
            maya = Person(base, "maya.chen@example.com")
            leaving = Person(base, "maya.chen@example.com")  # another tab, another session
            conversation = maya.conversation()
            notes = NoteCopy(maya, conversation)
            notes.append("Before the outage. ")
            assert notes.sync() == 200

            redis.stop()
            assert _status(f"{base}/readyz") == 503  # the operator is told
            assert "Maya Chen" in maya.get("/me/")
            assert "Maya Chen" in maya.get(conversation)
            notes.append("During the outage. ")
            assert notes.sync() == 200
            daniel = Person(base, "daniel.okafor@example.com")  # signing in works too
            assert "Daniel Okafor" in daniel.get("/me/")
            code, page = _ask_for_a_password_reset(base)
            assert code == 503 and "Not sent just now" in page
            session = leaving.cookie("sessionid")
            leaving.sign_out()

            redis.start()  # empty, as a restarted Redis is
            # A process that failed to reach Redis waits this long before asking again.
            time.sleep(RETRY_SECONDS)
            assert _status(f"{base}/readyz") == 200
            assert _status(f"{base}/me/", Cookie=f"sessionid={session}") == 302
            assert "Maya Chen" in maya.get("/me/")
            other = NoteCopy(daniel, conversation)
            assert other.sync() == 200
            assert other.value() == "Before the outage. During the outage. "
            code, page = _ask_for_a_password_reset(base)
            assert code == 200 and "Check your e-mail" in page
    finally:
        redis.stop()
