"""Back-office report: orders in a date range with their customer and priced lines."""

from __future__ import annotations

import sqlite3
from datetime import date

from shop_types import LineTotal, OrderSummary

# One round trip: every order in the range with its customer, and each of its lines.
# LEFT JOIN keeps orders that have no lines yet (their line columns come back as NULL).
_REPORT_SQL = """
SELECT o.id, o.placed_on, c.name, l.sku, l.quantity, l.unit_price_cents
FROM orders AS o
JOIN customers AS c ON c.id = o.customer_id
LEFT JOIN order_lines AS l ON l.order_id = o.id
WHERE o.placed_on BETWEEN ? AND ?
ORDER BY o.placed_on, o.id, l.id
"""


def order_report(conn: sqlite3.Connection, start: date, end: date) -> list[OrderSummary]:
    """Orders placed from `start` to `end` (both inclusive), oldest first."""
    rows = conn.execute(_REPORT_SQL, (start.isoformat(), end.isoformat()))

    # Rows arrive sorted by order, so each order's lines are contiguous; dicts keep that order.
    headers: dict[int, tuple[str, str]] = {}
    lines: dict[int, list[LineTotal]] = {}
    for order_id, placed_on, customer_name, sku, quantity, unit_price_cents in rows:
        if order_id not in headers:
            headers[order_id] = (placed_on, customer_name)
            lines[order_id] = []
        if sku is not None:
            lines[order_id].append(LineTotal(sku, quantity, quantity * unit_price_cents))

    return [
        OrderSummary(
            order_id=order_id,
            placed_on=placed_on,
            customer_name=customer_name,
            lines=tuple(lines[order_id]),
            total_cents=sum(line.total_cents for line in lines[order_id]),
        )
        for order_id, (placed_on, customer_name) in headers.items()
    ]
