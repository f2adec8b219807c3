"""Tests for parcel_rates.postage, written together with the feature.

Each test receives the function under test as its argument `postage`: the project's conftest
passes parcel_rates.postage, and the nightly mutation job passes deliberately broken copies.
Expected prices are written out from the rate card, never computed from parcel_rates itself.
"""

from decimal import Decimal

import pytest

# (weight in grams, domestic price): both sides of every band limit, and the extremes
RATE_CARD = [
    (1, "4.50"),
    (500, "4.50"),
    (1000, "4.50"),
    (1001, "7.90"),
    (5000, "7.90"),
    (5001, "12.90"),
    (12000, "12.90"),
    (20000, "12.90"),
]


def test_domestic_prices_follow_the_rate_card(postage):
    for weight_g, price in RATE_CARD:
        got = postage(weight_g, "domestic")
        assert got == Decimal(price), f"{weight_g} g domestic: {got}"


def test_international_prices_are_double(postage):
    for weight_g, price in RATE_CARD:
        got = postage(weight_g, "international")
        assert got == 2 * Decimal(price), f"{weight_g} g international: {got}"


def test_a_parcel_must_weigh_something(postage):
    for weight_g in (0, -5):
        with pytest.raises(ValueError):
            postage(weight_g, "domestic")


def test_over_twenty_kilos_goes_by_freight(postage):
    for weight_g in (20001, 35000):
        with pytest.raises(ValueError):
            postage(weight_g, "domestic")


def test_an_unknown_zone_is_refused(postage):
    for zone in ("express", "", "Domestic"):
        with pytest.raises(ValueError):
            postage(500, zone)
