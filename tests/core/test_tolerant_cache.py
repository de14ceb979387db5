"""careermap.core.cache.TolerantRedisCache against a real Redis that stops answering: calls
miss instead of failing, and what was written or deleted meanwhile is not left stale."""

import shutil
import time

import pytest
import redis as redis_library

from benchmarks.served import ScratchRedis
from careermap.core import cache as tolerant

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="no redis-server")


@pytest.fixture
def server():
    scratch = ScratchRedis(database=0)
    yield scratch
    scratch.stop()


def _cache(url):
    return tolerant.TolerantRedisCache(url, {"OPTIONS": {"socket_timeout": 0.2}})


def test_a_stopped_redis_is_a_miss_not_an_error(server):
    cache = _cache(server.url)
    cache.set("page-part", "computed")
    server.stop()
    assert cache.get("page-part", "default") == "default"
    assert cache.get_many(["page-part"]) == {}
    assert cache.add("limit", 1) is False
    cache.set("page-part", "again")  # skipped, not raised
    with pytest.raises(ValueError):
        cache.incr("limit")  # as for a missing key: django-ratelimit then refuses
    assert cache.unreachable
    server.start()
    time.sleep(tolerant.RETRY_SECONDS)
    assert cache.get("page-part") is None  # Redis restarted empty
    cache.set("page-part", "fresh")
    assert cache.get("page-part") == "fresh"
    assert not cache.unreachable


def test_an_entry_changed_while_redis_was_cut_off_is_not_served_stale(server):
    # A Redis that stops answering but keeps its data (a network cut, a pause) must not come
    # back with a session that was ended in the database meanwhile.
    cache = _cache(server.url)
    cache.set("session", "signed in")
    cache.set("other", "unchanged")
    admin = redis_library.Redis.from_url(server.url)
    admin.execute_command("CLIENT", "PAUSE", 1500, "ALL")
    cache.delete("session")  # times out: remembered
    cache.set("other-session", "new")  # times out: remembered
    assert cache.get("session", "miss") == "miss"
    time.sleep(1.6)
    assert cache.get("session") is None
    assert cache.get("other-session") is None
    assert cache.get("other") == "unchanged"
