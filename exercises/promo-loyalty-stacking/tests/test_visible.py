"""Checks you can run: the example from the ticket and a plain basket."""

from checkout_models import CartLine
from cart_discounts import checkout_total_cents


def test_plain_basket_costs_its_subtotal():
    """No code and no loyalty tier: the customer pays the subtotal."""
    lines = [CartLine("TENT-2P", 10_000, 1), CartLine("PEG-10", 450, 2)]
    got = checkout_total_cents(lines)
    assert got == 10_900, f"got {got}"


def test_ticket_example():
    """The ticket's example: tent + sale lantern, code spring10, silver tier."""
    lines = [CartLine("TENT-2P", 10_000, 1), CartLine("LANTERN", 3_000, 1, on_sale=True)]
    got = checkout_total_cents(lines, "spring10", "silver")
    assert got == 11_500, f"got {got}"
