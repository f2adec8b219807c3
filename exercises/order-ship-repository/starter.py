"""Courier webhook: mark an order as shipped (SHOP-918)."""

from __future__ import annotations

import sqlite3
from typing import Any

DB_PATH = "shop.db"


def mark_shipped(order_id: int, tracking_number: str) -> dict[str, Any]:
    """Record that the courier picked up the order; return the updated order."""
    with sqlite3.connect(DB_PATH) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(f"SELECT * FROM orders WHERE id = {order_id}").fetchone()
        if row is None:
            raise ValueError(f"Order {order_id} not found")

        conn.execute(
            f"UPDATE orders SET status = 'shipped', tracking_number = '{tracking_number}' "
            f"WHERE id = {order_id}"
        )
        # The notification service picks up status changes and e-mails the customer.

    return {**dict(row), "status": "shipped", "tracking_number": tracking_number}
