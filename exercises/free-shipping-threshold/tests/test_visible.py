"""Checks you can run: ordinary baskets from the ticket's summary."""

from shipping_quote import shipping_cost_cents


def test_light_parcel_below_threshold():
    """A light parcel in a small basket pays the 2 kg tier price."""
    got = shipping_cost_cents(2_500, 800)
    assert got == 490, f"got {got}"


def test_large_basket_ships_free():
    """A large basket with a normal parcel ships free."""
    got = shipping_cost_cents(8_000, 3_000)
    assert got == 0, f"got {got}"
