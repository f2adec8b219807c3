"""Cached exchange rates for contractor payouts (ticket PAY-77)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

# fetch(base, quote, day) -> rate; calls the FX provider (slow, and billed per request).
FetchRate = Callable[[str, str, date], Decimal]


class RateCache:
    """Remembers every rate we have already paid the FX provider for."""

    def __init__(self, fetch: FetchRate) -> None:
        self._fetch = fetch
        # (base, quote, day) -> rate. Rates for past days never change, so we can keep them forever.
        self._rates: dict[tuple[str, str, date], Decimal] = {}

    def get(self, base: str, quote: str, day: date) -> Decimal:
        """Rate to convert 1 `base` into `quote` on `day`, fetched at most once."""
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return Decimal(1)
        key = (base, quote, day)
        if key not in self._rates:
            self._rates[key] = self._fetch(base, quote, day)
        return self._rates[key]

    def __len__(self) -> int:
        """Number of rates currently cached."""
        return len(self._rates)
