from datetime import date
from decimal import Decimal

from fx_rates import RateCache


def test_second_lookup_is_cached():
    """The second lookup of the same rate does not call the provider."""
    calls = []

    def fetch(base, quote, day):
        calls.append((base, quote, day))
        return Decimal("0.9213")

    cache = RateCache(fetch, maxsize=10)
    assert cache.get("USD", "EUR", date(2025, 3, 3)) == Decimal("0.9213")
    assert cache.get("USD", "EUR", date(2025, 3, 3)) == Decimal("0.9213")
    assert len(calls) == 1, f"provider called {len(calls)} times"
    assert len(cache) == 1
