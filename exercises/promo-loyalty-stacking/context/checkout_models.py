"""Checkout types and campaign tables shared by the shop's backend (read-only)."""

from dataclasses import dataclass

# Active promo codes: code (upper case) -> percent off the eligible subtotal.
PROMO_CODES: dict[str, int] = {
    "SPRING10": 10,
    "WELCOME15": 15,
    "VIP20": 20,
}

# Loyalty programme: tier -> percent off the eligible subtotal.
LOYALTY_PERCENT: dict[str, int] = {
    "none": 0,
    "silver": 5,
    "gold": 10,
}

# Finance's rule: promo + loyalty together never exceed this share of the eligible subtotal.
MAX_COMBINED_PERCENT = 20


@dataclass(frozen=True)
class CartLine:
    sku: str
    unit_price_cents: int  # current price, already reduced for sale items
    quantity: int
    on_sale: bool = False  # clearance/sale items are excluded from every discount


class UnknownPromoCode(ValueError):
    """The customer typed a code that does not exist or has expired; checkout shows an error."""
