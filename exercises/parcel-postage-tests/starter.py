"""Tests for parcel_rates.postage, written together with the feature.

Each test receives the function under test as its argument `postage`: the project's conftest
passes parcel_rates.postage, and the nightly mutation job passes deliberately broken copies.
"""

from decimal import Decimal
from unittest import mock


def test_light_parcel(postage):
    assert postage(500, "domestic") == Decimal("4.50")


def test_one_kilo_parcel(postage):
    # 1 kg is the start of the second band
    assert postage(1000, "domestic") == Decimal("7.90")


def test_heavy_parcel(postage):
    assert postage(12000, "domestic") > 0


def test_international_parcel(postage):
    with mock.patch("parcel_rates.postage", return_value=Decimal("9.00")) as fake_postage:
        assert fake_postage(500, "international") == Decimal("9.00")


def test_invalid_weight(postage):
    try:
        postage(-5, "domestic")
    except ValueError:
        pass
