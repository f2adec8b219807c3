import io
import sqlite3

from order_export import export_orders_csv


def test_small_export():
    """Two orders since the 1st of March give a header and two CSV lines."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_name TEXT, customer_email TEXT,"
                 " total_cents INTEGER, status TEXT, created_at TEXT)")
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", [
        (1, "Ann Lee", "ann@example.org", 1999, "paid", "2025-02-28T23:59:00"),
        (2, "Bo Chen", "bo@example.org", 4250, "shipped", "2025-03-01T08:00:00"),
        (3, "Cy Park", "cy@example.org", 700, "paid", "2025-03-02T12:30:00"),
    ])
    out = io.StringIO()
    assert export_orders_csv(conn, out, "2025-03-01") == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == "order_id,customer_name,customer_email,total,status,created_at", lines[0]
    assert lines[1] == "2,Bo Chen,bo@example.org,42.50,shipped,2025-03-01T08:00:00", lines[1]
    assert lines[2] == "3,Cy Park,cy@example.org,7.00,paid,2025-03-02T12:30:00", lines[2]
