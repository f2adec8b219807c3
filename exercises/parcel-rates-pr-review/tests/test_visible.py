"""Checks you can run: a small parcel in each zone, and a zone we don't ship to."""

import pytest

from parcel_rates import Parcel, UnknownZone, parcel_price_cents

BOOK = Parcel(weight_g=800, length_cm=25, width_cm=18, height_cm=4)


def test_small_parcel_in_each_zone():
    """A book-sized parcel costs the first band's price in every zone."""
    got = [parcel_price_cents(BOOK, zone) for zone in ("domestic", "eu", "islands")]
    assert got == [590, 1_390, 1_190], f"got {got}"


def test_unknown_zone():
    """A zone we don't ship to raises UnknownZone."""
    with pytest.raises(UnknownZone):
        parcel_price_cents(BOOK, "antarctica")
