import pytest

from lock_store import MemoryLockStore
from run_lock import RunLock

TTL = 120.0


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class RaceWindowStore(MemoryLockStore):
    """A store where the first plain `get` is followed by a pause: the lease runs out and another
    run takes the lock before the caller's next command reaches the server."""

    def __init__(self, clock, rival_name):
        super().__init__(clock)
        self.clock = clock
        self.rival = RunLock(self, rival_name, ttl_s=TTL)
        self.rival_acquired = False
        self.fired = False

    def get(self, key):
        value = super().get(key)
        if not self.fired:
            self.fired = True
            self.clock.now += TTL + 1
            self.rival_acquired = self.rival.acquire()
        return value


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(clock):
    return MemoryLockStore(clock)


def test_only_one_run_holds_the_lock(store):
    """While one run holds the lock, another run cannot acquire it — the reason the lock exists."""
    first, second = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "payroll-export", ttl_s=TTL)
    assert first.acquire() is True, "the first run could not take a free lock"
    assert second.acquire() is False, "a second run took a lock that was held"


def test_release_lets_the_next_run_start(store):
    """After the holder releases the lock, the next run can take it at once."""
    first, second = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "payroll-export", ttl_s=TTL)
    assert first.acquire()
    first.release()
    assert second.acquire() is True, "the lock was still held after its owner released it"


def test_a_crashed_holder_frees_the_lock_after_its_lease(store, clock):
    """If the holder dies without releasing, the lock expires after its time to live and the next night's run can start."""
    first, second = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "payroll-export", ttl_s=TTL)
    assert first.acquire()
    clock.now += TTL + 1
    assert second.acquire() is True, "the lock never expired"


def test_renewing_keeps_a_long_run_exclusive(store, clock):
    """A long export that renews its lease between batches keeps the lock well past the first time to live."""
    first, second = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "payroll-export", ttl_s=TTL)
    assert first.acquire()
    for batch in range(5):
        clock.now += TTL * 0.75
        assert first.renew() is True, f"renewal {batch + 1} of a lock we hold failed"
    assert second.acquire() is False, "another run took the lock while its owner kept renewing it"


def test_a_late_release_does_not_free_the_next_runs_lock(store, clock):
    """A run that stalled past its lease and then releases must not delete the lock the next run now holds — otherwise a third run starts and two payroll exports write payments at once."""
    stalled, current, third = (RunLock(store, "payroll-export", ttl_s=TTL) for _ in range(3))
    assert stalled.acquire()
    clock.now += TTL + 30  # a long database stall: the lease ran out
    assert current.acquire(), "the next run could not take the expired lock"
    stalled.release()
    assert third.acquire() is False, "the stalled run's release freed the lock the next run holds"
    assert current.renew() is True, "the run holding the lock lost it to another run's release"


def test_a_stalled_run_cannot_renew_someone_elses_lock(store, clock):
    """A run whose lease expired learns it lost the lock: renewing returns False instead of silently extending the lock the next run holds."""
    stalled, current = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "payroll-export", ttl_s=TTL)
    assert stalled.acquire()
    clock.now += TTL + 30
    assert current.acquire()
    assert stalled.renew() is False, "the stalled run believes it still holds the lock"
    current.release()
    assert stalled.renew() is False, "a run that lost the lock renewed it after the owner released it"


def test_a_run_that_never_got_the_lock_cannot_release_it(store):
    """A run that failed to acquire and then releases in its `finally` block leaves the holder's lock in place."""
    holder, latecomer, third = (RunLock(store, "payroll-export", ttl_s=TTL) for _ in range(3))
    assert holder.acquire()
    assert latecomer.acquire() is False
    latecomer.release()
    assert third.acquire() is False, "a run that never held the lock released it"
    assert latecomer.renew() is False, "a run that never held the lock could renew it"


def test_two_runs_in_the_same_process_are_told_apart(store, clock):
    """Each acquisition has its own identity: two schedulers on the same host (or in the same process) cannot release each other's lock."""
    first, second, third = (RunLock(store, "payroll-export", ttl_s=TTL) for _ in range(3))
    assert first.acquire()
    clock.now += TTL + 1
    assert second.acquire()
    first.release()
    assert third.acquire() is False, "a lock taken by another run in the same process was released"


def test_release_compares_and_deletes_in_one_step(clock):
    """Releasing checks ownership and deletes in one atomic step: if the lease runs out between a separate check and the delete, the next run's lock would be deleted."""
    store = RaceWindowStore(clock, "payroll-export")
    mine, third = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "payroll-export", ttl_s=TTL)
    store.fired = True  # no pause while acquiring
    assert mine.acquire()
    store.fired = False  # the pause happens inside release, if it reads the lock first
    mine.release()
    if store.rival_acquired:
        assert third.acquire() is False, "release deleted the lock another run took after the ownership check"


def test_renew_compares_and_extends_in_one_step(clock):
    """Renewing checks ownership and extends in one atomic step: a separate check followed by a plain extend can extend the next run's lock and leave two runs believing they hold it."""
    store = RaceWindowStore(clock, "payroll-export")
    mine = RunLock(store, "payroll-export", ttl_s=TTL)
    store.fired = True
    assert mine.acquire()
    store.fired = False
    renewed = mine.renew()
    if store.rival_acquired:
        assert renewed is False, "renew reported success on a lock another run took after the ownership check"


def test_locks_with_different_names_are_independent(store):
    """Locks with different names don't block each other (the payroll export and the timesheet import run side by side)."""
    payroll, timesheets = RunLock(store, "payroll-export", ttl_s=TTL), RunLock(store, "timesheet-import", ttl_s=TTL)
    assert payroll.acquire() and timesheets.acquire(), "two differently named locks blocked each other"
