"""One nightly payroll export at a time, across every scheduler host."""

from __future__ import annotations

from lock_store import LockStore

LOCK_TTL_S = 120.0  # if a host dies holding the lock, the next run can start after two minutes


class RunLock:
    """A lock shared by all scheduler hosts through the lock store.

    The export calls `acquire()` before it starts, `renew()` between batches so that a long run
    keeps the lock, and `release()` in a `finally` block when it is done.
    """

    def __init__(self, store: LockStore, name: str, *, ttl_s: float = LOCK_TTL_S) -> None:
        self._store = store
        self._key = f"lock:{name}"
        self._ttl_s = ttl_s

    def acquire(self) -> bool:
        """True when we now hold the lock; it expires by itself if this host crashes."""
        return self._store.set_if_absent(self._key, "locked", self._ttl_s)

    def renew(self) -> bool:
        """Extend our lease while the export is still running; False if the lock is gone."""
        return self._store.expire(self._key, self._ttl_s)

    def release(self) -> None:
        """Let the next run start."""
        self._store.delete(self._key)
