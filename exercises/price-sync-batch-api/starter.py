"""Nightly job: pull the supplier's current prices for the SKUs we stock."""

from __future__ import annotations

from collections.abc import Iterable

from supplier_api import PricingClient


def fetch_prices(client: PricingClient, skus: Iterable[str]) -> dict[str, int]:
    """Supplier price in cents for each SKU; SKUs the supplier doesn't know are left out."""
    prices: dict[str, int] = {}
    for sku in skus:
        if sku in prices:
            continue  # bundles list the same SKU more than once
        price = client.get_price(sku)
        if price is not None:
            prices[sku] = price
    return prices
