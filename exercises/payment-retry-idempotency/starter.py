"""Charge the customer's saved card when an order is placed (checkout worker)."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Callable

from payment_gateway import Charge, GatewayTimeout, PaymentGateway
from shop_orders import Order

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def charge_order(
    order: Order,
    gateway: PaymentGateway,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Charge:
    """Charge the order total to the customer's saved card and return the Charge.

    Paystream times out now and then, so timeouts are retried with exponential backoff
    (at most MAX_ATTEMPTS attempts). A declined card propagates at once.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return gateway.create_charge(
                customer_id=order.customer_id,
                amount_cents=order.total_cents,
                currency=order.currency,
                reference=order.reference,
                # A fresh idempotency key per request, as Paystream recommends.
                idempotency_key=uuid.uuid4().hex,
            )
        except GatewayTimeout:
            if attempt == MAX_ATTEMPTS:
                raise
            log.warning("charge for %s timed out (attempt %d), retrying", order.reference, attempt)
            sleep(2.0**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")
