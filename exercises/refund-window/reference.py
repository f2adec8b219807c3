"""Refund calculation for the support console (ticket SUP-1207)."""

from datetime import datetime

from shop_orders import RETURN_WINDOW_DAYS, SHOP_TZ, Order, OrderLine, RefundRejected


def refund_amount_cents(order: Order, items: dict[str, int], requested_at: datetime) -> int:
    """Amount to refund, in cents, for returning `items` (SKU -> units) of `order`.

    Raises RefundRejected when the window has closed or the request is not possible.
    """
    _check_window(order, requested_at)
    lines = {line.sku: line for line in order.lines}
    refund = 0
    for sku, units in items.items():
        line = _returnable_line(order, lines, sku, units)
        if not line.final_sale:  # final-sale units are excluded, not rejected
            refund += units * line.unit_price_cents
    if _fully_refunded_after(order, items):
        refund += order.shipping_cents
    return refund


def _check_window(order: Order, requested_at: datetime) -> None:
    """Day 0 is the delivery date in the shop's time zone; day 30 is the last day, inclusive."""
    delivered_on = order.delivered_at.astimezone(SHOP_TZ).date()
    requested_on = requested_at.astimezone(SHOP_TZ).date()
    if (requested_on - delivered_on).days > RETURN_WINDOW_DAYS:
        raise RefundRejected(f"{order.order_id}: the {RETURN_WINDOW_DAYS}-day return window has closed")


def _returnable_line(order: Order, lines: dict[str, OrderLine], sku: str, units: int) -> OrderLine:
    line = lines.get(sku)
    if line is None:
        raise RefundRejected(f"{order.order_id} has no item {sku}")
    remaining = line.quantity - order.refunded_units.get(sku, 0)
    if not 1 <= units <= remaining:
        raise RefundRejected(f"{order.order_id}: {units} x {sku} requested, {remaining} can be returned")
    return line


def _fully_refunded_after(order: Order, items: dict[str, int]) -> bool:
    """True when every unit of the order will have been refunded once this refund is done."""
    return all(
        not line.final_sale
        and order.refunded_units.get(line.sku, 0) + items.get(line.sku, 0) == line.quantity
        for line in order.lines
    )
