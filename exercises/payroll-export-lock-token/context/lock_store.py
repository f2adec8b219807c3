"""The scheduler's shared key-value store for locks (read-only project file).

Production uses Redis; tests and local runs use MemoryLockStore, which has the same semantics
and reads time from an injected clock. Every method is one atomic step on the server:

- set_if_absent  = SET key value NX PX ttl   (True when the key was free and is now ours)
- get            = GET key
- expire         = PEXPIRE key ttl           (renews the key whoever holds it)
- delete         = DEL key                   (deletes the key whoever holds it)
- delete_if_equals / expire_if_equals: small Lua scripts that compare the value and act in one
  step, so nothing can happen between the comparison and the action.

A key whose time to live has run out is gone: the next set_if_absent succeeds.
"""

from __future__ import annotations

import time
from typing import Callable, Protocol


class LockStore(Protocol):
    def set_if_absent(self, key: str, value: str, ttl_s: float) -> bool: ...
    def get(self, key: str) -> str | None: ...
    def expire(self, key: str, ttl_s: float) -> bool: ...
    def delete(self, key: str) -> bool: ...
    def delete_if_equals(self, key: str, expected: str) -> bool: ...
    def expire_if_equals(self, key: str, expected: str, ttl_s: float) -> bool: ...


class MemoryLockStore:
    """In-memory LockStore for tests and local runs."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._items: dict[str, tuple[str, float]] = {}  # key -> (value, expires at)

    def _value(self, key: str) -> str | None:
        item = self._items.get(key)
        if item is not None and item[1] <= self._clock():
            del self._items[key]
            return None
        return item[0] if item else None

    def set_if_absent(self, key: str, value: str, ttl_s: float) -> bool:
        if self._value(key) is not None:
            return False
        self._items[key] = (value, self._clock() + ttl_s)
        return True

    def get(self, key: str) -> str | None:
        return self._value(key)

    def expire(self, key: str, ttl_s: float) -> bool:
        value = self._value(key)
        if value is None:
            return False
        self._items[key] = (value, self._clock() + ttl_s)
        return True

    def delete(self, key: str) -> bool:
        existed = self._value(key) is not None
        self._items.pop(key, None)
        return existed

    def delete_if_equals(self, key: str, expected: str) -> bool:
        if self._value(key) != expected:
            return False
        del self._items[key]
        return True

    def expire_if_equals(self, key: str, expected: str, ttl_s: float) -> bool:
        if self._value(key) != expected:
            return False
        self._items[key] = (expected, self._clock() + ttl_s)
        return True
