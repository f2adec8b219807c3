"""Throttle login attempts per client IP (ticket AUTH-233)."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

DEFAULT_MAX_CLIENTS = 10_000


class LoginRateLimiter:
    """At most `limit` login attempts per client in any `window_s` seconds, tracking at most
    `max_clients` clients.

    Clients are kept in order of their last attempt. The ones at the front whose last attempt is
    older than the window have nothing left to count and are forgotten; when a flood of new
    clients fills the table, the client seen longest ago goes first.
    """

    def __init__(
        self,
        *,
        limit: int = 5,
        window_s: float = 900.0,
        max_clients: int = DEFAULT_MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window_s <= 0 or max_clients < 1:
            raise ValueError("limit, window_s and max_clients must be positive")
        self._limit = limit
        self._window = window_s
        self._max_clients = max_clients
        self._clock = clock
        # client -> (time of its last attempt, times of its allowed attempts in the window)
        self._clients: OrderedDict[str, tuple[float, deque[float]]] = OrderedDict()

    def allow(self, client: str) -> bool:
        """Record an attempt by `client` and say whether it may go ahead."""
        now = self._clock()
        self._forget_idle(now)
        _, attempts = self._clients.pop(client, (now, deque()))
        while attempts and now - attempts[0] >= self._window:
            attempts.popleft()
        allowed = len(attempts) < self._limit
        if allowed:
            attempts.append(now)
        self._clients[client] = (now, attempts)  # re-inserted last: most recently seen
        if len(self._clients) > self._max_clients:
            self._clients.popitem(last=False)
        return allowed

    def _forget_idle(self, now: float) -> None:
        """Drop clients whose last attempt left the window; they are all at the front."""
        while self._clients:
            last_seen, _ = next(iter(self._clients.values()))
            if now - last_seen < self._window:
                return
            self._clients.popitem(last=False)

    def __len__(self) -> int:
        """Number of clients currently tracked."""
        return len(self._clients)
