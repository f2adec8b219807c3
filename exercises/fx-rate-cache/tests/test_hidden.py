import tracemalloc
from datetime import date, timedelta
from decimal import Decimal

import pytest

from fx_rates import RateCache

CURRENCIES = ["EUR", "GBP", "INR", "BRL", "PLN", "JPY", "PHP", "MXN", "NGN", "UAH"]


class FakeProvider:
    """The FX provider: returns a distinct rate per request and counts the (billed) calls."""

    def __init__(self):
        self.calls = 0
        self.fail_next = False

    def __call__(self, base, quote, day):
        self.calls += 1
        if self.fail_next:
            self.fail_next = False
            raise ConnectionError("FX provider unavailable")
        return Decimal(f"{len(base) + len(quote)}.{day.toordinal():07d}{CURRENCIES.index(quote) if quote in CURRENCIES else 0}")


def distinct_keys(count, start=date(2019, 1, 1)):
    """`count` different (base, quote, day) triples."""
    for i in range(count):
        yield "USD", CURRENCIES[i % len(CURRENCIES)], start + timedelta(days=i // len(CURRENCIES))


def test_returns_the_providers_rate():
    """get() returns the provider's rate as a Decimal for the requested pair and day — payouts are
    computed from it, so it must be the exact value."""
    provider = FakeProvider()
    cache = RateCache(provider)
    for base, quote, day in [("USD", "EUR", date(2024, 2, 29)), ("usd", "inr", date(2023, 7, 1))]:
        got = cache.get(base, quote, day)
        want = FakeProvider()(base.upper(), quote.upper(), day)
        assert type(got) is Decimal and want == got, f"got {got!r}"


def test_repeated_lookups_are_not_fetched_again():
    """Asking for a rate that is cached does not call the provider again, whatever the letter case —
    every provider call is slow and billed."""
    provider = FakeProvider()
    cache = RateCache(provider)
    keys = list(distinct_keys(40))
    for base, quote, day in keys:
        cache.get(base, quote, day)
    for base, quote, day in keys:
        cache.get(base.lower(), quote, day)
        cache.get(base, quote.lower(), day)
    assert provider.calls == 40, f"provider called {provider.calls} times for 40 distinct rates"


def test_same_currency_needs_no_provider():
    """Converting a currency into itself is 1 and never costs a provider call."""
    provider = FakeProvider()
    got = RateCache(provider).get("EUR", "eur", date(2025, 1, 6))
    assert type(got) is Decimal and Decimal(1) == got, f"got {got!r}"
    assert provider.calls == 0, f"provider called {provider.calls} times"


def test_failed_fetch_is_not_cached():
    """When the provider fails the error reaches the caller and the next call tries again, so one
    outage does not poison the cache."""
    provider = FakeProvider()
    cache = RateCache(provider)
    provider.fail_next = True
    with pytest.raises(ConnectionError):
        cache.get("USD", "GBP", date(2025, 1, 6))
    got = cache.get("USD", "GBP", date(2025, 1, 6))
    assert FakeProvider()("USD", "GBP", date(2025, 1, 6)) == got, f"got {got!r}"


def test_size_stays_within_maxsize():
    """After many distinct lookups the cache holds no more than maxsize rates — otherwise it grows
    for as long as the service runs until the process runs out of memory."""
    cache = RateCache(FakeProvider(), maxsize=100)
    for base, quote, day in distinct_keys(5000):
        cache.get(base, quote, day)
    size = len(cache)
    assert type(size) is int and 0 < size <= 100, f"len(cache) was {size!r}"


def test_memory_stays_bounded():
    """Memory held by the cache stops growing once it is full, however many distinct rates are
    looked up."""
    cache = RateCache(FakeProvider(), maxsize=100)
    keys = list(distinct_keys(6000))
    for base, quote, day in keys[:200]:
        cache.get(base, quote, day)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for base, quote, day in keys[200:]:
            cache.get(base, quote, day)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 100_000, f"memory grew by {(after - before) // 1024} KiB after the cache was full"


def test_default_bound_is_ten_thousand():
    """Without a maxsize argument the cache is still bounded, to the documented 10,000 rates."""
    cache = RateCache(FakeProvider())
    for base, quote, day in distinct_keys(10_300):
        cache.get(base, quote, day)
    assert 0 < len(cache) <= 10_000, f"len(cache) was {len(cache)}"


def test_cache_uses_its_capacity():
    """Up to maxsize distinct rates are all kept: a cache that forgets too early keeps paying for
    the same lookups."""
    provider = FakeProvider()
    cache = RateCache(provider, maxsize=64)
    keys = list(distinct_keys(64, start=date(2022, 5, 1)))
    for _ in range(3):
        for base, quote, day in keys:
            cache.get(base, quote, day)
    assert provider.calls == 64, f"provider called {provider.calls} times for 64 rates that fit"


def test_frequently_used_rate_stays_cached():
    """A rate used all the time is kept while one-off rates come and go — eviction removes the
    least recently used rate, not the oldest one or everything at once."""
    provider = FakeProvider()
    cache = RateCache(provider, maxsize=50)
    hot = ("USD", "EUR", date(2025, 3, 31))
    for base, quote, day in distinct_keys(700, start=date(2015, 1, 1)):
        cache.get(*hot)
        cache.get(base, quote, day)
    assert provider.calls == 701, f"provider called {provider.calls} times; the busy rate was re-fetched"


def test_evicts_least_recently_used_first():
    """When the cache is full the rate unused for the longest time is the one forgotten."""
    provider = FakeProvider()
    cache = RateCache(provider, maxsize=3)
    a, b, c, d = [("USD", "EUR", date(2025, 1, n)) for n in (1, 2, 3, 4)]
    for key in (a, b, c, a, d):
        cache.get(*key)
    calls = provider.calls
    cache.get(*a)
    cache.get(*c)
    cache.get(*d)
    assert provider.calls == calls, "a recently used rate was evicted"
    cache.get(*b)
    assert provider.calls == calls + 1, "the least recently used rate was still cached"
    assert len(cache) == 3, f"len(cache) was {len(cache)}"


@pytest.mark.parametrize("bad", [0, -5], ids=["a maxsize of zero", "a negative maxsize"])
def test_rejects_a_useless_maxsize(bad):
    """A maxsize below 1 is a configuration mistake and raises ValueError at construction."""
    with pytest.raises(ValueError):
        RateCache(FakeProvider(), maxsize=bad)
