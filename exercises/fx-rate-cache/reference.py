"""Cached exchange rates for contractor payouts (ticket PAY-77)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from decimal import Decimal

# fetch(base, quote, day) -> rate; calls the FX provider (slow, and billed per request).
FetchRate = Callable[[str, str, date], Decimal]

DEFAULT_MAXSIZE = 10_000


class RateCache:
    """A least-recently-used cache of FX rates holding at most `maxsize` entries."""

    def __init__(self, fetch: FetchRate, maxsize: int = DEFAULT_MAXSIZE) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self._fetch = fetch
        self._maxsize = maxsize
        # Oldest use first: move_to_end on every hit, popitem(last=False) to evict.
        self._rates: OrderedDict[tuple[str, str, date], Decimal] = OrderedDict()

    def get(self, base: str, quote: str, day: date) -> Decimal:
        """Rate to convert 1 `base` into `quote` on `day`; cached rates are not fetched again."""
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return Decimal(1)
        key = (base, quote, day)
        if key in self._rates:
            self._rates.move_to_end(key)
            return self._rates[key]
        rate = self._fetch(base, quote, day)
        self._rates[key] = rate
        if len(self._rates) > self._maxsize:
            self._rates.popitem(last=False)  # forget the least recently used rate
        return rate

    def __len__(self) -> int:
        """Number of rates currently cached."""
        return len(self._rates)
