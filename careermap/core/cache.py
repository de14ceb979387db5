"""Redis as a cache that a Redis outage cannot take the site down with.

With REDIS_URL, sessions, page parts and rate limits are read through Redis. Django's own
RedisCache raises on every call while Redis is unreachable, so every page answered 500 until
it came back. Here a call that cannot reach Redis behaves as a miss: a session is read from
the database (sessions are `cached_db`), a page part is computed again, a write is skipped.
Nobody is signed out and nothing typed is lost; only speed suffers.

Two things make that safe rather than merely quiet:

- A write or delete that did not reach Redis is remembered, and deleted from Redis before
  anything else once it answers again. Otherwise a Redis that was cut off (not restarted empty)
  would come back holding an entry that is no longer true: above all, the session of someone
  who signed out meanwhile.
- After a failure the process does not ask Redis again for a moment (RETRY_SECONDS): a Redis
  that hangs rather than refuses would otherwise cost every request a timeout per cache call.

Rate limits (django-ratelimit) get no count while Redis is away and so refuse: a limited form
says it cannot be sent just now (careermap.core.views.too_many_requests).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 1.0
# Keys to delete once Redis is back. Past this many, the oldest are forgotten (and said so):
# an outage long enough to fill it has written far more sessions to the database than that.
PENDING_LIMIT = 10_000


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a cache call that waits longer than the page it serves helps nobody.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        # Once more at once: after Redis restarts, each pooled connection fails once (its socket
        # is dead) before a new one is made; that is not an outage.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._stale: dict[tuple[str, int | None], None] = {}  # ordered, unique

    @property
    def unreachable(self) -> bool:
        """Whether this process last found Redis away (and is not asking again just now)."""
        return time.monotonic() < self._down_until

    def _call(self, fallback, method, *args, stale=(), version=None):
        """Run one RedisCache call; `fallback` if Redis cannot be reached. `stale` names the
        keys that call would have changed, to be deleted once Redis is back."""
        if self.unreachable:
            self._remember(stale, version)
            return fallback
        try:
            if self._stale:
                self._forget_stale()
            result = method(*args, version=version)
        except UNREACHABLE as error:
            self._remember(stale, version)
            with self._lock:
                first = self._down_until == 0.0
                self._down_until = time.monotonic() + RETRY_SECONDS
            if first:
                logger.warning("Redis cannot be reached; the cache is bypassed: %s", error)
            return fallback
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis answers again; the cache is used again")
        return result

    def _remember(self, keys, version) -> None:
        if not keys:
            return
        with self._lock:
            for key in keys:
                self._stale[(key, version)] = None
            while len(self._stale) > PENDING_LIMIT:
                dropped = next(iter(self._stale))
                del self._stale[dropped]
                logger.error("Too many cache entries to correct after the outage: %s", dropped)

    def _forget_stale(self) -> None:
        with self._lock:
            pending, self._stale = self._stale, {}
        try:
            for key, version in pending:
                super().delete(key, version=version)
        except BaseException:
            with self._lock:
                self._stale = {**pending, **self._stale}
            raise
        logger.warning("Deleted %d cache entries changed while Redis was away", len(pending))

    # Each public call: what a miss looks like, and which keys a failed write leaves stale.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super().add
        return self._call(False, parent, key, value, timeout, stale=[key], version=version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super().set
        return self._call(None, parent, key, value, timeout, stale=[key], version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, stale=[key], version=version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version=version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version=version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        found = self._call(missing, super().incr, key, delta, stale=[key], version=version)
        if found is missing:
            raise ValueError(f"Key {key!r} not found (Redis cannot be reached)")
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        failed = self._call(keys, super().set_many, data, timeout, stale=keys, version=version)
        return failed

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(None, super().delete_many, keys, stale=keys, version=version)

    def clear(self):
        # Not tolerated: clearing is an operator's deliberate act and must say if it failed.
        return super().clear()
