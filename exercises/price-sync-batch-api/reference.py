"""Nightly job: pull the supplier's current prices for the SKUs we stock."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from supplier_api import MAX_BATCH, PricingClient


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """Consecutive lists of at most `size` items; works for lists and one-shot generators."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def fetch_prices(client: PricingClient, skus: Iterable[str]) -> dict[str, int]:
    """Supplier price in cents for each SKU; SKUs the supplier doesn't know are left out."""
    # One request per MAX_BATCH distinct SKUs instead of one per SKU: each request is a
    # round trip and counts against the supplier's rate limit.
    unique = dict.fromkeys(skus)  # drop repeats (bundles), keep order
    prices: dict[str, int] = {}
    for chunk in _chunks(unique, MAX_BATCH):
        prices.update(client.get_prices(chunk))
    return prices
