import sqlite3

from ticket_api import list_tickets


def make_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, title TEXT, status TEXT, created_at TEXT)")
    conn.executemany("INSERT INTO tickets VALUES (?, ?, ?, ?)", [
        (1, "Printer jam", "open", "2025-03-03T09:00:00Z"),
        (2, "VPN drops", "pending", "2025-03-03T09:05:00Z"),
        (3, "New laptop", "open", "2025-03-03T09:05:00Z"),
        (4, "Password reset", "solved", "2025-03-04T08:00:00Z"),
        (5, "Monitor flickers", "open", "2025-03-04T10:30:00Z"),
    ])
    return conn


def test_two_pages():
    """Five tickets with limit=3 come back as a page of 3 and a last page of 2."""
    conn = make_db()
    first = list_tickets(conn, limit=3)
    assert [t["id"] for t in first["items"]] == [1, 2, 3], first["items"]
    assert first["next_cursor"] is not None
    second = list_tickets(conn, limit=3, cursor=first["next_cursor"])
    assert [t["id"] for t in second["items"]] == [4, 5], second["items"]
    assert second["next_cursor"] is None
