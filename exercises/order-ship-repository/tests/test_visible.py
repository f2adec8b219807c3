"""Visible tests for order-ship-repository: run them with Check."""

import sqlite3

import repository
from orders import Order
from shipping_service import mark_shipped


def test_ship_a_paid_order():
    """A paid order is marked shipped through the project's repository."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(repository.SCHEMA)
    conn.execute("INSERT INTO orders VALUES (1, 'ana@example.com', 'paid', NULL, NULL)")
    conn.commit()
    repository.configure(repository.OrderRepository(conn))
    try:
        result = mark_shipped(1, "JD014600006281")
        assert result == Order(1, "ana@example.com", "shipped", "JD014600006281"), f"returned {result}"
    finally:
        repository.configure(None)
