"""Check you can run: an ordinary transfer."""

import sqlite3

from stock_transfers import transfer_stock
from warehouse_db import SCHEMA


def test_ordinary_transfer():
    """Ten units move from A-01-3 to B-07-1 and one movement is recorded."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    conn.executemany("INSERT INTO bins VALUES (?, ?, ?)", [("A-01-3", "SKU-1", 40), ("B-07-1", "SKU-1", 0)])
    conn.commit()
    transfer_stock(conn, "SKU-1", "A-01-3", "B-07-1", 10, "scanner-1")
    assert conn.execute("SELECT quantity FROM bins ORDER BY id").fetchall() == [(30,), (10,)]
    assert conn.execute("SELECT COUNT(*) FROM movements").fetchone() == (1,)
