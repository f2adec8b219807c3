"""Move stock between bins from the handheld scanner (ticket WMS-140)."""

from __future__ import annotations

import sqlite3

from warehouse_db import TransferError


def _take(conn: sqlite3.Connection, sku: str, bin_id: str, quantity: int) -> None:
    cursor = conn.execute(
        "UPDATE bins SET quantity = quantity - ? WHERE id = ? AND sku = ? AND quantity >= ?",
        (quantity, bin_id, sku, quantity),
    )
    if cursor.rowcount != 1:
        raise TransferError(f"bin {bin_id} does not hold {quantity} x {sku}")


def _put(conn: sqlite3.Connection, sku: str, bin_id: str, quantity: int) -> None:
    cursor = conn.execute("UPDATE bins SET quantity = quantity + ? WHERE id = ? AND sku = ?", (quantity, bin_id, sku))
    if cursor.rowcount != 1:  # no such bin, or it holds another product: the stock would vanish
        raise TransferError(f"bin {bin_id} does not exist or does not hold {sku}")


def transfer_stock(
    conn: sqlite3.Connection,
    sku: str,
    from_bin: str,
    to_bin: str,
    quantity: int,
    moved_by: str,
) -> None:
    """Move `quantity` units of `sku` from one bin to another and record the movement.

    All or nothing: both bins and the movement log change in one transaction, or none of them
    does and TransferError says why.
    """
    if type(quantity) is not int or quantity <= 0:
        raise TransferError(f"quantity must be a positive whole number, not {quantity!r}")
    try:
        with conn:  # one transaction: commit on success, roll back on any exception
            _take(conn, sku, from_bin, quantity)
            _put(conn, sku, to_bin, quantity)
            conn.execute(
                "INSERT INTO movements (sku, from_bin, to_bin, quantity, moved_by) VALUES (?, ?, ?, ?, ?)",
                (sku, from_bin, to_bin, quantity, moved_by),
            )
    except sqlite3.Error as exc:
        raise TransferError(f"could not move {quantity} x {sku} from {from_bin} to {to_bin}: {exc}") from exc
