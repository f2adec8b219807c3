"""Checkout total with promo code and loyalty discount (ticket MKT-218)."""

from checkout_models import (
    LOYALTY_PERCENT,
    MAX_COMBINED_PERCENT,
    PROMO_CODES,
    CartLine,
    UnknownPromoCode,
)


def checkout_total_cents(
    lines: list[CartLine],
    promo_code: str | None = None,
    loyalty_tier: str = "none",
) -> int:
    """Return what the customer pays, in cents.

    Promo and loyalty percentages add up, are capped at MAX_COMBINED_PERCENT, and apply once to
    the lines that are not on sale; the discount is rounded down to a whole cent.
    """
    eligible = sum(line.unit_price_cents * line.quantity for line in lines if not line.on_sale)
    on_sale = sum(line.unit_price_cents * line.quantity for line in lines if line.on_sale)
    percent = min(promo_percent(promo_code) + LOYALTY_PERCENT[loyalty_tier], MAX_COMBINED_PERCENT)
    discount = eligible * percent // 100  # integer cents, rounded down
    return eligible - discount + on_sale


def promo_percent(promo_code: str | None) -> int:
    """The percent a customer-typed code gives; 0 for no code; UnknownPromoCode if invalid."""
    code = (promo_code or "").strip().upper()
    if not code:
        return 0
    try:
        return PROMO_CODES[code]
    except KeyError:
        raise UnknownPromoCode(f"promo code {promo_code!r} is not valid") from None
