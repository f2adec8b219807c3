"""Visible tests for basket-total-money: run them with Check."""

from basket_pricing import basket_total
from money import Money


def test_simple_basket():
    """Two teas and a teapot cost 4.99 x 2 + 12.50, as Money."""
    result = basket_total([
        {"sku": "TEA-01", "price": "4.99", "qty": 2},
        {"sku": "POT-03", "price": "12.50", "qty": 1},
    ])
    assert type(result) is Money, f"got {type(result).__name__}, expected Money"
    assert Money(2248) == result, f"total was {result}"


def test_promo_code():
    """A 10% promo code takes 10% off the whole basket."""
    result = basket_total([{"sku": "MUG-02", "price": "9.00", "qty": 2}], discount_percent=10)
    assert type(result) is Money, f"got {type(result).__name__}, expected Money"
    assert Money(1620) == result, f"total was {result}"
