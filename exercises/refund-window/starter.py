"""Refund calculation for the support console (ticket SUP-1207)."""

from datetime import datetime, timedelta

from shop_orders import RETURN_WINDOW_DAYS, Order, RefundRejected


def refund_amount_cents(order: Order, items: dict[str, int], requested_at: datetime) -> int:
    """Amount to refund, in cents, for returning `items` (SKU -> units) of `order`.

    Raises RefundRejected when the refund is not allowed.
    """
    # Returns are accepted for 30 days after delivery.
    if requested_at - order.delivered_at > timedelta(days=RETURN_WINDOW_DAYS):
        raise RefundRejected(f"{order.order_id}: the {RETURN_WINDOW_DAYS}-day return window has closed")

    lines = {line.sku: line for line in order.lines}
    refund = 0
    for sku, units in items.items():
        line = lines.get(sku)
        if line is None:
            raise RefundRejected(f"{order.order_id} has no item {sku}")
        if units > line.quantity:
            raise RefundRejected(f"{order.order_id}: only {line.quantity} x {sku} were ordered")
        refund += units * line.unit_price_cents

    # Everything is coming back: refund the shipping fee too.
    if all(items.get(line.sku, 0) == line.quantity for line in order.lines):
        refund += order.shipping_cents
    return refund
