"""Shipping quote for the checkout page (ticket SHOP-412)."""

FREE_SHIPPING_THRESHOLD_CENTS = 5_000  # free shipping FROM 50.00 EUR, inclusive
FREE_SHIPPING_MAX_GRAMS = 10_000  # free shipping covers parcels up to and including 10 kg

# (maximum parcel weight in grams, inclusive; price in cents), lightest tier first.
WEIGHT_TIERS: list[tuple[int, int]] = [
    (2_000, 490),
    (10_000, 790),
    (31_500, 1_490),
]


def shipping_cost_cents(subtotal_cents: int, weight_grams: int) -> int:
    """Return the shipping cost in cents for one parcel.

    `subtotal_cents` is the basket value after discounts, `weight_grams` the parcel weight.
    Raises ValueError for a parcel over the carrier's 31,500 g limit (freight only).
    """
    price = _tier_price(weight_grams)
    if subtotal_cents >= FREE_SHIPPING_THRESHOLD_CENTS and weight_grams <= FREE_SHIPPING_MAX_GRAMS:
        return 0
    return price


def _tier_price(weight_grams: int) -> int:
    for max_weight, price in WEIGHT_TIERS:
        if weight_grams <= max_weight:  # "up to and including"
            return price
    raise ValueError(f"a parcel of {weight_grams} g exceeds the 31,500 g limit: use freight")
