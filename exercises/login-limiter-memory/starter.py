"""Throttle login attempts per client IP (ticket AUTH-233)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable


class LoginRateLimiter:
    """At most `limit` login attempts per client in any `window_s` seconds."""

    def __init__(self, *, limit: int = 5, window_s: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._window = window_s
        self._clock = clock
        # client -> times of its recent allowed attempts
        self._attempts: dict[str, list[float]] = defaultdict(list)

    def allow(self, client: str) -> bool:
        """Record an attempt by `client` and say whether it may go ahead."""
        now = self._clock()
        recent = [t for t in self._attempts[client] if now - t < self._window]
        self._attempts[client] = recent
        if len(recent) >= self._limit:
            return False
        recent.append(now)
        return True

    def __len__(self) -> int:
        """Number of clients currently tracked."""
        return len(self._attempts)
