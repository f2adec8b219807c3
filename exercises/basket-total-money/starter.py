"""Basket pricing for the shop's basket page (SHOP-412)."""

from __future__ import annotations

from typing import Iterable, TypedDict


class BasketLine(TypedDict):
    sku: str
    price: str  # unit price as the catalogue API sends it, e.g. "4.99"
    qty: int


def basket_total(lines: Iterable[BasketLine], discount_percent: int = 0) -> float:
    """What the customer pays for the basket, after the promo-code discount."""
    subtotal = 0.0
    for line in lines:
        # The catalogue API sends prices as strings, so convert before multiplying.
        subtotal += float(line["price"]) * line["qty"]

    # Promo codes take a whole-number percentage off the whole basket.
    discount = subtotal * discount_percent / 100
    total = subtotal - discount

    # Round to cents for display and for the payment provider.
    return round(total, 2)
