"""Courier webhook: mark an order as shipped (SHOP-918)."""

from __future__ import annotations

from dataclasses import replace

from errors import ConflictError, NotFoundError
from orders import PACKED, PAID, SHIPPED, Order, OutboxEvent
from repository import get_order_repository

SHIPPABLE = frozenset({PAID, PACKED})


def mark_shipped(order_id: int, tracking_number: str) -> Order:
    """Record that the courier picked up the order; return the updated order.

    Goes through the project's OrderRepository: deleted orders stay invisible, values are
    bound as parameters, and the "order.shipped" event (the customer's e-mail) is saved in
    the same transaction as the status change. The courier retries webhooks, so a repeat
    with the same tracking number changes nothing and sends no second e-mail.
    """
    repo = get_order_repository()
    order = repo.get(order_id)
    if order is None:
        raise NotFoundError(f"Order {order_id} not found")

    if order.status == SHIPPED:
        if order.tracking_number == tracking_number:
            return order  # a retried webhook: already done
        raise ConflictError(f"Order {order_id} already shipped with another tracking number")
    if order.status not in SHIPPABLE:
        raise ConflictError(f"Order {order_id} is {order.status} and cannot be shipped")

    shipped = replace(order, status=SHIPPED, tracking_number=tracking_number)
    event = OutboxEvent("order.shipped", {"order_id": order_id, "tracking_number": tracking_number})
    repo.save(shipped, events=[event])
    return shipped
