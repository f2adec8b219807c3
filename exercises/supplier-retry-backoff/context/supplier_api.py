"""Nordlicht Wholesale supplier API: error types and the client conventions (read-only project file).

A transport is a callable `transport(path: str) -> dict` that performs one HTTP GET against
the supplier API and returns the decoded JSON body. It raises:

- SupplierUnavailable for transient failures: 502/503/504 answers, connection resets and
  read timeouts. The same request usually succeeds a little later.
- SupplierRejected for permanent failures: 400/401/403/404. Repeating the request gives the
  same answer, so it must not be retried.

House rule for outbound clients: they take `sleep` and `rng` keyword arguments so that tests
can inject a fake sleeper and a seeded random generator (see PriceClient below).
"""

from __future__ import annotations

import random
import time
from typing import Callable

Transport = Callable[[str], dict]


class SupplierError(Exception):
    """Base class for errors reported by the supplier API."""


class SupplierUnavailable(SupplierError):
    """Transient failure (502/503/504, reset, timeout): worth retrying later."""


class SupplierRejected(SupplierError):
    """Permanent failure (400/401/403/404): retrying gives the same answer."""


class PriceClient:
    """Existing client for list prices (prices are cached upstream, so no retries here)."""

    def __init__(
        self,
        transport: Transport,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._transport = transport
        self._sleep = sleep
        self._rng = rng if rng is not None else random.SystemRandom()

    def unit_price_cents(self, sku: str) -> int:
        return int(self._transport(f"/v2/prices/{sku}")["unit_price_cents"])
