import tracemalloc

import pytest

from login_limiter import LoginRateLimiter


class FakeClock:
    """Seconds that only move when the test says so."""

    def __init__(self, start=10_000.0):
        self.now = start

    def __call__(self):
        return self.now


def ip(n):
    return f"203.0.{n // 256 % 256}.{n % 256}" if n < 65_536 else f"2001:db8::{n:x}"


@pytest.mark.parametrize(
    "options, limit", [({}, 5), ({"limit": 3, "window_s": 60.0}, 3)],
    ids=["the default limit", "a custom limit and window"],
)
def test_attempts_up_to_the_limit_then_denied(options, limit):
    """A client gets `limit` attempts in a window and is denied after that — the whole point of
    the limiter is to slow down password guessing."""
    clock = FakeClock()
    limiter = LoginRateLimiter(clock=clock, **options)
    results = []
    for _ in range(limit + 3):
        results.append(limiter.allow("198.51.100.7"))
        clock.now += 1
    assert results == [True] * limit + [False] * 3, f"got {results}"


def test_the_window_slides():
    """Attempts older than the window stop counting, so a client who waited is let in again,
    one attempt per attempt that expired."""
    clock = FakeClock()
    limiter = LoginRateLimiter(limit=3, window_s=100.0, clock=clock)
    for t in (0, 10, 20):
        clock.now = 10_000 + t
        assert limiter.allow("198.51.100.7") is True
    clock.now = 10_050
    assert limiter.allow("198.51.100.7") is False, "a fourth attempt inside the window must be denied"
    clock.now = 10_101
    assert limiter.allow("198.51.100.7") is True, "the first attempt has left the window"
    assert limiter.allow("198.51.100.7") is False, "only one attempt had expired"


def test_clients_are_limited_separately():
    """One client reaching its limit does not block another."""
    clock = FakeClock()
    limiter = LoginRateLimiter(limit=2, clock=clock)
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    assert limiter.allow("b") is True, "another client was blocked"


def test_idle_clients_are_forgotten():
    """A client whose last attempt is older than the window is no longer tracked — an API
    that sees millions of distinct IPs a month must not remember each of them forever."""
    clock = FakeClock()
    limiter = LoginRateLimiter(window_s=900.0, clock=clock)
    for n in range(5_000):
        limiter.allow(ip(n))
        clock.now += 1
    tracked = len(limiter)
    assert type(tracked) is int and tracked <= 902, f"{tracked} clients tracked; only ~900 tried in the last window"
    clock.now += 901
    limiter.allow("198.51.100.99")
    assert len(limiter) == 1, f"{len(limiter)} clients tracked after everyone else went idle"


@pytest.mark.parametrize(
    "max_clients, flood", [(1_000, 1_001), (1_000, 12_000)], ids=["one client too many", "a botnet burst"]
)
def test_never_more_clients_than_max_clients(max_clients, flood):
    """During a burst of distinct IPs within one window, the limiter never tracks more than
    max_clients — attackers rotating through IPv6 addresses must not be able to exhaust the
    server's memory."""
    clock = FakeClock()
    limiter = LoginRateLimiter(max_clients=max_clients, clock=clock)
    worst = 0
    for n in range(flood):
        limiter.allow(ip(n))
        if n % 97 == 0:
            worst = max(worst, len(limiter))
    worst = max(worst, len(limiter))
    assert worst <= max_clients, f"{worst} clients tracked with max_clients={max_clients}"


def test_default_max_clients_is_ten_thousand():
    """Without a max_clients argument the limiter still has the documented bound of 10,000."""
    limiter = LoginRateLimiter(clock=FakeClock())
    for n in range(10_400):
        limiter.allow(ip(n))
    assert 0 < len(limiter) <= 10_000, f"{len(limiter)} clients tracked"


def test_a_persistent_attacker_stays_blocked_during_a_flood():
    """A client who keeps trying stays blocked while a flood of other IPs passes through: when
    the table is full the client seen longest ago is forgotten, not the busiest one, and not
    everyone at once."""
    clock = FakeClock()
    limiter = LoginRateLimiter(limit=5, max_clients=200, clock=clock)
    attacker = "192.0.2.66"
    assert [limiter.allow(attacker) for _ in range(5)] == [True] * 5
    for n in range(3_000):
        limiter.allow(ip(n))
        if n % 20 == 0:
            assert limiter.allow(attacker) is False, f"the attacker was let in again after {n} other clients"


def test_memory_stays_flat_under_steady_traffic():
    """With steady traffic from ever-new IPs, memory stops growing once the window is full."""
    clock = FakeClock()
    limiter = LoginRateLimiter(window_s=100.0, clock=clock)
    tracemalloc.start()
    try:
        for n in range(400):
            limiter.allow(ip(n))
            clock.now += 1
        before, _ = tracemalloc.get_traced_memory()
        for n in range(400, 5_000):
            limiter.allow(ip(n))
            clock.now += 1
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 100_000, f"memory grew by {(after - before) // 1024} KiB"


@pytest.mark.parametrize(
    "options", [{"limit": 0}, {"window_s": 0}, {"max_clients": 0}],
    ids=["a limit of zero", "an empty window", "room for no clients"],
)
def test_useless_settings_are_rejected(options):
    """Settings that would block everyone or track nothing are configuration mistakes and raise
    ValueError."""
    with pytest.raises(ValueError):
        LoginRateLimiter(clock=FakeClock(), **options)
