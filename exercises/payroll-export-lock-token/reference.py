"""One nightly payroll export at a time, across every scheduler host."""

from __future__ import annotations

import secrets

from lock_store import LockStore

LOCK_TTL_S = 120.0  # if a host dies holding the lock, the next run can start after two minutes


class RunLock:
    """A lock shared by all scheduler hosts through the lock store.

    The export calls `acquire()` before it starts, `renew()` between batches so that a long run
    keeps the lock, and `release()` in a `finally` block when it is done.

    Each acquisition stores a fresh random token as the lock's value. Renewing and releasing
    compare that token and act in one atomic step, so a run whose lease already expired can
    neither extend nor delete the lock the next run now holds.
    """

    def __init__(self, store: LockStore, name: str, *, ttl_s: float = LOCK_TTL_S) -> None:
        self._store = store
        self._key = f"lock:{name}"
        self._ttl_s = ttl_s
        self._token: str | None = None  # set while we believe we hold the lock

    def acquire(self) -> bool:
        """True when we now hold the lock; it expires by itself if this host crashes."""
        token = secrets.token_hex(16)
        if not self._store.set_if_absent(self._key, token, self._ttl_s):
            return False
        self._token = token
        return True

    def renew(self) -> bool:
        """Extend our lease while the export is still running; False if the lock is no longer ours."""
        if self._token is None:
            return False
        if self._store.expire_if_equals(self._key, self._token, self._ttl_s):
            return True
        self._token = None  # our lease ran out: another run may hold the lock now
        return False

    def release(self) -> None:
        """Let the next run start — only if the lock is still ours."""
        if self._token is not None:
            self._store.delete_if_equals(self._key, self._token)
            self._token = None
