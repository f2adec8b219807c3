"""Hidden tests for SHOP-412: shipping tiers and the free-shipping threshold at their exact boundaries."""

import pytest

from shipping_quote import shipping_cost_cents


def _quote(subtotal, weight):
    got = shipping_cost_cents(subtotal, weight)
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


@pytest.mark.parametrize("weight, price", [(1, 490), (750, 490), (1_999, 490), (5_000, 790), (9_999, 790), (20_000, 1_490), (31_499, 1_490)],
                         ids=["one gram", "a light parcel", "just under the first limit", "a middle weight",
                              "just under the middle limit", "a heavy parcel", "just under the carrier limit"])
def test_ordinary_weights_keep_their_price(weight, price):
    """Parcels well inside a weight tier still pay that tier's price — the feature must keep working for everyday baskets."""
    got = _quote(1_999, weight)
    assert got == price, f"a parcel inside a tier was charged {got} cents"


@pytest.mark.parametrize("weight, price", [(2_000, 490), (10_000, 790), (31_500, 1_490)],
                         ids=["exactly the first limit", "exactly the middle limit", "exactly the carrier limit"])
def test_tier_limit_is_inclusive(weight, price):
    """A parcel weighing exactly a tier's limit pays that tier ("up to and including") — charging the next tier overcharges customers at the most common weights."""
    got = _quote(3_000, weight)
    assert got == price, f"a parcel exactly at a tier limit was charged {got} cents"


@pytest.mark.parametrize("weight, price", [(2_001, 790), (10_001, 1_490)],
                         ids=["one gram over the first limit", "one gram over the middle limit"])
def test_just_above_a_limit_pays_the_next_tier(weight, price):
    """A parcel one gram over a tier's limit pays the next tier — otherwise the shop pays the carrier's difference."""
    got = _quote(4_000, weight)
    assert got == price, f"a parcel just over a tier limit was charged {got} cents"


def test_exactly_fifty_ships_free():
    """A basket of exactly 50.00 EUR ships free ("from 50.00") — the banner promises it and customers fill baskets to exactly that amount."""
    got = _quote(5_000, 1_200)
    assert got == 0, f"a basket at the threshold was charged {got} cents"


@pytest.mark.parametrize("subtotal, weight", [(5_001, 6_000), (12_345, 400), (5_000, 10_000), (99_999, 9_999)],
                         ids=["a cent over the threshold", "a large basket of light items",
                              "exactly the threshold and exactly the weight limit", "a very large basket just under the weight limit"])
def test_at_or_above_threshold_ships_free(subtotal, weight):
    """Baskets at or above 50.00 EUR with a parcel up to 10 kg ship free, including a parcel of exactly 10 kg."""
    got = _quote(subtotal, weight)
    assert got == 0, f"an eligible basket was charged {got} cents"


@pytest.mark.parametrize("subtotal, weight, price", [(4_999, 1_500, 490), (4_999, 10_000, 790), (0, 2_001, 790)],
                         ids=["one cent under the threshold", "one cent under with a parcel at the weight limit", "an empty basket"])
def test_just_below_threshold_pays(subtotal, weight, price):
    """A basket one cent below 50.00 EUR still pays shipping — giving it away below the threshold costs margin on every small order."""
    got = _quote(subtotal, weight)
    assert got == price, f"a basket below the threshold was charged {got} cents"


@pytest.mark.parametrize("subtotal, weight", [(5_000, 10_001), (7_500, 18_000), (50_000, 31_500)],
                         ids=["one gram over the free-shipping weight", "a heavy parcel in a large basket",
                              "a parcel at the carrier limit in a very large basket"])
def test_heavy_parcels_never_ship_free(subtotal, weight):
    """Parcels over 10 kg pay their weight tier even above the free-shipping threshold — free shipping only covers parcels up to 10 kg."""
    got = _quote(subtotal, weight)
    assert got == 1_490, f"a heavy parcel in a large basket was charged {got} cents"


@pytest.mark.parametrize("subtotal, weight", [(1_000, 31_501), (60_000, 31_501), (2_000, 45_000)],
                         ids=["one gram over the carrier limit", "one gram over the carrier limit in a large basket",
                              "far over the carrier limit"])
def test_over_the_carrier_limit_is_refused(subtotal, weight):
    """A parcel over 31.5 kg raises ValueError instead of getting a price — the carrier refuses it, so checkout must offer freight."""
    with pytest.raises(ValueError):
        shipping_cost_cents(subtotal, weight)
