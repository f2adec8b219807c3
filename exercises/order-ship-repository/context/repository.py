"""The one way services read and write orders.

Services never open database connections or write SQL: they call get_order_repository().
The repository hides soft-deleted orders, binds every value as a parameter, and saves an
order together with its outbox events in one transaction, so an e-mail is never sent for a
change that was rolled back, nor lost for one that was committed.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Sequence

from orders import Order, OutboxEvent

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    customer_email TEXT NOT NULL,
    status TEXT NOT NULL,
    tracking_number TEXT,
    deleted_at TEXT
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    payload TEXT NOT NULL
);
"""


class OrderRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, order_id: int) -> Order | None:
        """The order, or None if there is none (soft-deleted orders count as none)."""
        row = self._conn.execute(
            "SELECT id, customer_email, status, tracking_number FROM orders"
            " WHERE id = ? AND deleted_at IS NULL",
            (order_id,),
        ).fetchone()
        return Order(*row) if row else None

    def save(self, order: Order, *, events: Sequence[OutboxEvent] = ()) -> None:
        """Update the order and queue its events, atomically."""
        with self._conn:
            cursor = self._conn.execute(
                "UPDATE orders SET customer_email = ?, status = ?, tracking_number = ?"
                " WHERE id = ? AND deleted_at IS NULL",
                (order.customer_email, order.status, order.tracking_number, order.id),
            )
            if cursor.rowcount != 1:
                raise LookupError(f"order {order.id} does not exist")
            self._conn.executemany(
                "INSERT INTO outbox (name, payload) VALUES (?, ?)",
                [(e.name, json.dumps(e.payload, sort_keys=True)) for e in events],
            )


_repository: OrderRepository | None = None


def configure(repository: OrderRepository | None) -> None:
    """Install the repository (the web app does it at start-up; tests do it per test)."""
    global _repository
    _repository = repository


def get_order_repository() -> OrderRepository:
    if _repository is None:
        raise RuntimeError("no order repository configured")
    return _repository
