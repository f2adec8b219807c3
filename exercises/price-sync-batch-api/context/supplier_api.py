"""Client for the supplier's pricing API (read-only project file).

Every method call is one HTTPS request to the supplier (about 80 ms round trip from our
servers). The supplier allows 20 requests per second per API key, shared by all our jobs.

    client.get_price(sku)     GET /v2/prices/{sku}          -> price in cents, or None if unknown
    client.get_prices(skus)   POST /v2/prices:batchGet      -> {sku: price in cents}
                              at most MAX_BATCH SKUs per request; unknown SKUs are absent
                              from the answer; more than MAX_BATCH raises BatchTooLarge (HTTP 413)
"""

from __future__ import annotations

from typing import Protocol

MAX_BATCH = 100


class BatchTooLarge(ValueError):
    """The supplier rejected a batch request with more than MAX_BATCH SKUs (HTTP 413)."""


class PricingClient(Protocol):
    def get_price(self, sku: str) -> int | None: ...

    def get_prices(self, skus: list[str]) -> dict[str, int]: ...
