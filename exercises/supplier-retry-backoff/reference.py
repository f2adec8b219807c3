"""Stock levels from Nordlicht Wholesale, for the shop's "only 3 left" badges."""

from __future__ import annotations

import logging
import random
import time
from typing import Callable

from supplier_api import SupplierUnavailable, Transport

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # total requests, the first one included
BASE_DELAY_S = 1.0  # nominal pause before the first retry
MAX_DELAY_S = 5.0  # the nominal pause never grows beyond this


def backoff_delay(retry: int, rng: random.Random) -> float:
    """Pause before retry number `retry` (1-based): exponential, capped, with equal jitter."""
    nominal = min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (retry - 1))
    return nominal / 2 + rng.uniform(0, nominal / 2)


class StockClient:
    """Reads stock levels from the supplier API, retrying transient failures a bounded number of times."""

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

    def available(self, sku: str) -> int:
        """Units of `sku` the supplier can ship today.

        Retries only SupplierUnavailable, at most MAX_ATTEMPTS requests in total, backing off
        exponentially with jitter; re-raises the last error when the supplier stays down.
        Permanent rejections and unexpected errors propagate at once.
        """
        path = f"/v2/stock/{sku}"
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                payload = self._transport(path)
            except SupplierUnavailable as exc:
                if attempt == MAX_ATTEMPTS:
                    raise
                delay = backoff_delay(attempt, self._rng)
                log.warning("stock lookup for %s failed (attempt %d), retrying in %.2fs: %s", sku, attempt, delay, exc)
                self._sleep(delay)
                continue
            return int(payload["available"])
        raise AssertionError("unreachable: the last attempt returns or raises")
