"""Admin "Export orders" download for the shop back office (ticket SHOP-481)."""

from __future__ import annotations

import csv
import io
import sqlite3
from typing import TextIO

HEADER = ["order_id", "customer_name", "customer_email", "total", "status", "created_at"]


def _format_cents(cents: int) -> str:
    """1999 -> "19.99" (the finance team's spreadsheets expect a dot and two decimals)."""
    return f"{cents // 100}.{cents % 100:02d}"


def export_orders_csv(conn: sqlite3.Connection, out: TextIO, since: str) -> int:
    """Write every order created on or after `since` (ISO date) to `out` as CSV.

    Returns the number of orders written (the header is not counted).
    """
    rows = conn.execute(
        "SELECT id, customer_name, customer_email, total_cents, status, created_at "
        "FROM orders WHERE created_at >= ? ORDER BY id",
        (since,),
    ).fetchall()

    # Build the whole document first, then send it in a single write.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for order_id, name, email, cents, status, created_at in rows:
        writer.writerow([order_id, name, email, _format_cents(cents), status, created_at])
    out.write(buffer.getvalue())
    return len(rows)
