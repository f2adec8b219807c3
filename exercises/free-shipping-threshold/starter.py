"""Shipping quote for the checkout page (ticket SHOP-412)."""

FREE_SHIPPING_THRESHOLD_CENTS = 5_000  # 50.00 EUR

# (maximum parcel weight in grams, price in cents), lightest tier first.
WEIGHT_TIERS: list[tuple[int, int]] = [
    (2_000, 490),
    (10_000, 790),
    (31_500, 1_490),
]


def shipping_cost_cents(subtotal_cents: int, weight_grams: int) -> int:
    """Return the shipping cost in cents for one parcel.

    `subtotal_cents` is the basket value after discounts, `weight_grams` the parcel weight.
    """
    if subtotal_cents > FREE_SHIPPING_THRESHOLD_CENTS:
        return 0  # free shipping for orders above 50.00
    for max_weight, price in WEIGHT_TIERS:
        if weight_grams < max_weight:
            return price
    # Heavier than every tier: charge the top tier.
    return WEIGHT_TIERS[-1][1]
