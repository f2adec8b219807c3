"""Checks you can run: the support agents' first test."""

from datetime import datetime, timezone

from shop_orders import Order, OrderLine
from refund_policy import refund_amount_cents


def test_whole_order_a_week_later():
    """A whole order returned a week after delivery refunds every item and the shipping."""
    order = Order(
        "BB-1001",
        (OrderLine("TENT-2P", 1, 24_900), OrderLine("SOCKS-WOOL", 3, 1_500)),
        shipping_cents=995,
        delivered_at=datetime(2024, 5, 2, 3, 0, tzinfo=timezone.utc),
    )
    got = refund_amount_cents(order, {"TENT-2P": 1, "SOCKS-WOOL": 3}, datetime(2024, 5, 9, 1, 0, tzinfo=timezone.utc))
    assert got == 30_395, f"got {got}"
