"""Back-office report: orders in a date range with their customer and priced lines."""

from __future__ import annotations

import sqlite3
from datetime import date

from shop_types import LineTotal, OrderSummary


def order_report(conn: sqlite3.Connection, start: date, end: date) -> list[OrderSummary]:
    """Orders placed from `start` to `end` (both inclusive), oldest first."""
    orders = conn.execute(
        "SELECT id, customer_id, placed_on FROM orders"
        " WHERE placed_on BETWEEN ? AND ? ORDER BY placed_on, id",
        (start.isoformat(), end.isoformat()),
    ).fetchall()

    report: list[OrderSummary] = []
    for order_id, customer_id, placed_on in orders:
        # Who placed the order?
        (customer_name,) = conn.execute(
            "SELECT name FROM customers WHERE id = ?", (customer_id,)
        ).fetchone()

        # Price each line of the order.
        lines = tuple(
            LineTotal(sku=sku, quantity=quantity, total_cents=quantity * unit_price_cents)
            for sku, quantity, unit_price_cents in conn.execute(
                "SELECT sku, quantity, unit_price_cents FROM order_lines"
                " WHERE order_id = ? ORDER BY id",
                (order_id,),
            )
        )

        report.append(
            OrderSummary(
                order_id=order_id,
                placed_on=placed_on,
                customer_name=customer_name,
                lines=lines,
                total_cents=sum(line.total_cents for line in lines),
            )
        )
    return report
