"""Circuit breaker around the tax-rate service used by invoicing."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, TypeVar

T = TypeVar("T")

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitOpen(Exception):
    """The service is considered down; the call was rejected without being made."""


class CircuitBreaker:
    """Stops calling a failing service so requests fail fast instead of piling up.

    closed    -> calls go through; `failure_threshold` consecutive failures open the breaker.
    open      -> calls fail fast with CircuitOpen until `reset_timeout_s` has passed.
    half_open -> one trial call goes through (others are rejected meanwhile): success closes
                 the breaker, failure opens it again for a full reset timeout.
    """

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
        self._trial_in_flight = False
        # Guards the bookkeeping only, never the call to the service: the check "may this
        # caller be the trial?" and the claim "I am the trial" must happen as one step, or two
        # workers reaching the half-open breaker at once both become the trial.
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        if self._state == OPEN and self._clock() - self._opened_at >= self.reset_timeout_s:
            return HALF_OPEN
        return self._state

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call `fn(*args, **kwargs)` through the breaker."""
        trial = self._admit()
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record_failure(trial)
            raise
        else:
            self._record_success()
        finally:
            if trial:
                with self._lock:
                    self._trial_in_flight = False
        return result

    def _admit(self) -> bool:
        """Let the call through (True when it is the half-open trial) or raise CircuitOpen."""
        with self._lock:
            state = self.state
            if state == CLOSED:
                return False
            if state == HALF_OPEN and not self._trial_in_flight:
                self._trial_in_flight = True
                return True
        raise CircuitOpen("tax-rate service unavailable, failing fast")

    def _record_success(self) -> None:
        with self._lock:
            self._state, self._failures = CLOSED, 0

    def _record_failure(self, trial: bool) -> None:
        with self._lock:
            self._failures += 1
            if trial or self._failures >= self.failure_threshold:
                self._state, self._opened_at, self._failures = OPEN, self._clock(), 0
