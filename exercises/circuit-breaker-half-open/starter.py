"""Circuit breaker around the tax-rate service used by invoicing."""

from __future__ import annotations

import time
from typing import Any, Callable, TypeVar

T = TypeVar("T")

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitOpen(Exception):
    """The service is considered down; the call was rejected without being made."""


class CircuitBreaker:
    """Stops calling a failing service so requests fail fast instead of piling up."""

    def __init__(
        self,
        *,
        failure_threshold: int = 5,
        reset_timeout_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failure_threshold = failure_threshold
        self.reset_timeout_s = reset_timeout_s
        self._clock = clock
        self._state = CLOSED
        self._failures = 0
        self._opened_at = 0.0

    @property
    def state(self) -> str:
        return self._state

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call `fn(*args, **kwargs)` through the breaker."""
        if self._state == OPEN:
            raise CircuitOpen("tax-rate service unavailable, failing fast")
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                # Too many failures: stop hammering the service.
                self._state = OPEN
                self._opened_at = self._clock()
            raise
        return result
