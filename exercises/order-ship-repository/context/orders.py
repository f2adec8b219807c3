"""Orders and the events other services react to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Order.status values
PENDING_PAYMENT = "pending_payment"
PAID = "paid"
PACKED = "packed"
SHIPPED = "shipped"
CANCELLED = "cancelled"
REFUNDED = "refunded"


@dataclass(frozen=True)
class Order:
    id: int
    customer_email: str
    status: str
    tracking_number: str | None = None


@dataclass(frozen=True)
class OutboxEvent:
    """Saved in the same transaction as the order; the outbox worker delivers it
    (e-mails, the warehouse, analytics). "order.shipped" sends the customer the
    "your order is on its way" e-mail with the tracking link."""

    name: str
    payload: dict[str, Any] = field(default_factory=dict)
