"""Checkout total with promo code and loyalty discount (ticket MKT-218)."""

from checkout_models import LOYALTY_PERCENT, PROMO_CODES, CartLine


def checkout_total_cents(
    lines: list[CartLine],
    promo_code: str | None = None,
    loyalty_tier: str = "none",
) -> int:
    """Return what the customer pays, in cents, after the promo code and loyalty discount."""
    subtotal = sum(line.unit_price_cents * line.quantity for line in lines)
    total = float(subtotal)

    # Promo code first: codes are typed by customers, so normalise them.
    if promo_code:
        percent = PROMO_CODES.get(promo_code.strip().upper(), 0)
        total -= total * percent / 100

    # Then the loyalty discount on what is left.
    total -= total * LOYALTY_PERCENT[loyalty_tier] / 100

    return round(total)
