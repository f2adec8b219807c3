"""Basket pricing for the shop's basket page (SHOP-412)."""

from __future__ import annotations

from typing import Iterable, TypedDict

from money import Money


class BasketLine(TypedDict):
    sku: str
    price: str  # unit price as the catalogue API sends it, e.g. "4.99"
    qty: int


def basket_total(lines: Iterable[BasketLine], discount_percent: int = 0) -> Money:
    """What the customer pays for the basket, after the promo-code discount.

    Prices are parsed straight into Money (whole cents), so no float ever touches an
    amount; the discount is rounded half up to the cent by Money.percent, the
    finance team's rule.
    """
    subtotal = Money.zero()
    for line in lines:
        subtotal += Money.parse(line["price"]).times(line["qty"])
    return subtotal - subtotal.percent(discount_percent)
