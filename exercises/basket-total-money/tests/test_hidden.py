"""Hidden tests for basket-total-money."""

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from basket_pricing import basket_total
from money import Money


def _line(price, qty, sku="SKU"):
    return {"sku": sku, "price": price, "qty": qty}


def _exact_total_cents(lines, percent):
    """Independent exact arithmetic: Decimal subtotal, discount rounded half up to the cent."""
    subtotal = sum((Decimal(l["price"]) * 100 * l["qty"] for l in lines), Decimal(0))
    discount = (subtotal * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(subtotal - discount)


def _assert_money(result, cents):
    assert type(result) is Money, f"basket_total returned {type(result).__name__}, not the project's Money"
    assert type(result.cents) is int, f"Money.cents is a {type(result.cents).__name__}"
    assert result.currency == "EUR", f"currency was {result.currency!r}"
    assert Money(cents) == result, f"total was {result}, expected {Money(cents)}"


def test_returns_the_project_money_type():
    """basket_total returns the project's Money (whole cents, EUR), not a float: the payment
    provider and the invoice code only accept Money, and a float amount crashes checkout."""
    result = basket_total([_line("4.99", 2), _line("12.50", 1)])
    _assert_money(result, 2248)


@pytest.mark.parametrize(
    "lines, cents",
    [
        ([_line("0.10", 1), _line("0.20", 1)], 30),
        ([_line("0.29", 1)], 29),
        ([_line("19.99", 3), _line("0.01", 7)], 6004),
        ([_line("1.15", 1), _line("2.30", 2), _line("0.05", 3)], 590),
        ([_line("4.35", 100)], 43500),
        ([_line("1234.56", 1), _line("0.07", 13)], 123547),
    ],
    ids=["two small prices", "a price floats cannot hold", "several of a price and of a cent",
         "three lines of small prices", "a hundred of one price", "a large price and many small ones"],
)
def test_totals_are_exact_to_the_cent(lines, cents):
    """A basket without a promo code costs exactly the sum of price x quantity, to the cent:
    an amount that is off by one cent is a refund ticket and a reconciliation failure."""
    _assert_money(basket_total(lines), cents)


@pytest.mark.parametrize(
    "price, percent, cents",
    [
        ("0.50", 15, 42),
        ("10.05", 10, 904),
        ("0.05", 50, 2),
        ("2.10", 25, 157),
        ("99.90", 5, 9490),
        ("0.25", 10, 22),
    ],
    ids=["a discount ending in half a cent", "ten percent of an odd amount", "half of a few cents",
         "a quarter off", "a small discount on a large price", "ten percent of a quarter"],
)
def test_discount_is_rounded_half_up_to_the_cent(price, percent, cents):
    """The discount is worked out on the whole basket and rounded half up to the cent, as
    Money.percent does (the finance team's rule), so the shop and the accounts agree."""
    _assert_money(basket_total([_line(price, 1)], discount_percent=percent), cents)


def test_many_baskets_match_exact_arithmetic():
    """Totals stay exact for all sorts of baskets and discounts: float rounding drifts on
    some amounts, so checking a couple of happy-path baskets is not enough."""
    rng = random.Random(7)
    wrong = []
    for _ in range(300):
        lines = [
            _line(f"{rng.randint(0, 4999) / 100:.2f}", rng.randint(1, 12), sku=f"S{i}")
            for i in range(rng.randint(1, 8))
        ]
        percent = rng.choice([0, 0, 5, 10, 12, 15, 20, 25, 33, 50])
        result = basket_total(lines, discount_percent=percent)
        expected = _exact_total_cents(lines, percent)
        if type(result) is not Money or Money(expected) != result:
            wrong.append((result, Money(expected)))
    assert not wrong, f"{len(wrong)} of 300 baskets were wrong, e.g. got {wrong[0][0]} expected {wrong[0][1]}"


def test_quantities_and_defaults_still_work():
    """Quantities multiply the unit price and no promo code means no discount: the feature
    itself must keep working."""
    _assert_money(basket_total([_line("3.00", 4)]), 1200)
    _assert_money(basket_total([_line("3.00", 4)], 0), 1200)
    _assert_money(basket_total([_line("8.00", 2)], discount_percent=100), 0)


def test_empty_basket_is_zero_money():
    """An empty basket totals zero Money rather than 0.0 or an error, so the basket page renders."""
    _assert_money(basket_total([]), 0)
    _assert_money(basket_total(iter([])), 0)
