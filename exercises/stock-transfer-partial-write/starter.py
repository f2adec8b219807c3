"""Move stock between bins from the handheld scanner (ticket WMS-140)."""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)


def transfer_stock(
    conn: sqlite3.Connection,
    sku: str,
    from_bin: str,
    to_bin: str,
    quantity: int,
    moved_by: str,
) -> bool:
    """Move `quantity` units of `sku` from one bin to another and record the movement."""
    try:
        conn.execute("UPDATE bins SET quantity = quantity - ? WHERE id = ? AND sku = ?", (quantity, from_bin, sku))
        conn.execute("UPDATE bins SET quantity = quantity + ? WHERE id = ? AND sku = ?", (quantity, to_bin, sku))
        conn.execute(
            "INSERT INTO movements (sku, from_bin, to_bin, quantity, moved_by) VALUES (?, ?, ?, ?, ?)",
            (sku, from_bin, to_bin, quantity, moved_by),
        )
        conn.commit()
        return True
    except sqlite3.Error as exc:
        log.error("stock transfer failed: %s", exc)
        return False
