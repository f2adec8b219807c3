"""Charge the customer's saved card when an order is placed (checkout worker)."""

from __future__ import annotations

import logging
import time
from typing import Callable

from payment_gateway import Charge, GatewayTimeout, PaymentGateway
from shop_orders import Order

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def idempotency_key(order: Order) -> str:
    """One key per order, the same for every attempt and every run of the job.

    A timed-out request may have been processed; repeating it with the same key makes
    Paystream return the original charge instead of charging the card again.
    """
    return f"charge-order-{order.id}"


def charge_order(
    order: Order,
    gateway: PaymentGateway,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Charge:
    """Charge the order total to the customer's saved card and return the Charge.

    Safe to retry and safe to run twice for the same order: every request carries the
    order's idempotency key. Timeouts are retried with exponential backoff (at most
    MAX_ATTEMPTS attempts); a declined card propagates at once.
    """
    key = idempotency_key(order)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return gateway.create_charge(
                customer_id=order.customer_id,
                amount_cents=order.total_cents,
                currency=order.currency,
                reference=order.reference,
                idempotency_key=key,
            )
        except GatewayTimeout:
            if attempt == MAX_ATTEMPTS:
                raise
            log.warning("charge for %s timed out (attempt %d), retrying", order.reference, attempt)
            sleep(2.0**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")
