from lock_store import MemoryLockStore
from run_lock import RunLock


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_second_run_is_refused():
    """Only one run holds the lock at a time."""
    store = MemoryLockStore(Clock())
    assert RunLock(store, "payroll-export").acquire() is True
    assert RunLock(store, "payroll-export").acquire() is False


def test_stalled_run_does_not_release_the_next_runs_lock():
    """A run that outlived its lease cannot free the lock the next run holds."""
    clock = Clock()
    store = MemoryLockStore(clock)
    stalled, current = RunLock(store, "payroll-export", ttl_s=60), RunLock(store, "payroll-export", ttl_s=60)
    assert stalled.acquire()
    clock.now += 90
    assert current.acquire()
    stalled.release()
    assert RunLock(store, "payroll-export", ttl_s=60).acquire() is False
