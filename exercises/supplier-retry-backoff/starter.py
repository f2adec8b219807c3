"""Stock levels from Nordlicht Wholesale, for the shop's "only 3 left" badges."""

from __future__ import annotations

import logging
import random
import time
from typing import Callable

from supplier_api import Transport

log = logging.getLogger(__name__)

RETRY_DELAY_S = 1.0  # pause between attempts so we don't hammer the supplier


class StockClient:
    """Reads stock levels from the supplier API, retrying when it is flaky."""

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
        """Units of `sku` the supplier can ship today."""
        attempt = 0
        # The supplier API drops requests now and then, so keep trying until it answers.
        while True:
            attempt += 1
            try:
                payload = self._transport(f"/v2/stock/{sku}")
                return int(payload["available"])
            except Exception as exc:
                log.warning("stock lookup for %s failed (attempt %d): %s", sku, attempt, exc)
                self._sleep(RETRY_DELAY_S)
