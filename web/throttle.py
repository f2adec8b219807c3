"""Per-process limits on work an anonymous client can make the server do.

Every sign-up hashes a password with argon2 (tens of milliseconds of CPU and 64 MiB of memory),
so an open sign-up page is a lever for exhausting the server, and for filling the database with
accounts. Sign-in failures are already counted in the database by learning.accounts; these
limits are the cheaper guard in front of the other forms. Each replica counts for itself.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class Throttle:
    """At most `limit` events per `window_s` seconds for one key (a client address)."""

    def __init__(
        self,
        limit: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ):
        self.limit, self.window_s, self.clock, self.max_keys = limit, window_s, clock, max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Record an event for `key` and say whether it is within the limit."""
        now = self.clock()
        with self._lock:
            events = self._events.pop(key, None) or deque()
            while events and events[0] <= now - self.window_s:
                events.popleft()
            allowed = len(events) < self.limit
            if allowed:
                events.append(now)
            self._events[key] = events  # most recently seen last
            while len(self._events) > self.max_keys:
                self._events.popitem(last=False)  # memory stays bounded under a spray of addresses
            return allowed


# Argon2 holds 64 MiB per hash: a burst of sign-ups must queue rather than exhaust memory.
HASHING = threading.BoundedSemaphore(4)
