import csv
import io
import random
import sqlite3

import pytest

from order_export import HEADER, export_orders_csv

EXPECTED_HEADER = ["order_id", "customer_name", "customer_email", "total", "status", "created_at"]


class ShopDb:
    """The shop database; counts how many order rows SQLite has handed to the caller."""

    def __init__(self):
        self.rows_produced = 0
        self.conn = sqlite3.connect(":memory:")
        self.conn.create_function("produced", 1, self._produced)
        self.conn.executescript(
            """
            CREATE TABLE order_rows (
                id INTEGER PRIMARY KEY, customer_name TEXT NOT NULL, customer_email TEXT NOT NULL,
                total_cents INTEGER NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE VIEW orders AS
                SELECT id, produced(customer_name) AS customer_name, customer_email,
                       total_cents, status, created_at
                FROM order_rows;
            """
        )

    def _produced(self, value):
        self.rows_produced += 1
        return value

    def add(self, rows):
        self.conn.executemany("INSERT INTO order_rows VALUES (?, ?, ?, ?, ?, ?)", rows)


class Download:
    """The HTTP response body: every write goes to the browser. Records how far the export ran
    ahead of what it had written."""

    def __init__(self, db):
        self.db = db
        self.parts = []
        self.lines_written = 0
        self.max_ahead = 0

    def write(self, text):
        rows_sent = max(self.lines_written - 1, 0)  # minus the header
        self.max_ahead = max(self.max_ahead, self.db.rows_produced - rows_sent)
        self.parts.append(text)
        self.lines_written += text.count("\n")
        return len(text)

    def rows(self):
        return list(csv.reader(io.StringIO("".join(self.parts), newline="")))


def generated_orders(count, seed, start_id=1):
    rng = random.Random(seed)
    rows = []
    for i in range(start_id, start_id + count):
        day = rng.randint(1, 28)
        rows.append((i, f"Customer {rng.randint(1, 999)}", f"c{i}@example.org", rng.randint(0, 250000),
                     rng.choice(["paid", "shipped", "refunded"]), f"2025-02-{day:02d}T{i % 24:02d}:15:00"))
    return rows


def expected_rows(rows, since):
    return [[str(r[0]), r[1], r[2], f"{r[3] // 100}.{r[3] % 100:02d}", r[4], r[5]]
            for r in sorted(rows) if r[5] >= since]


@pytest.mark.parametrize(
    "since,seed",
    [("2025-02-01", 3), ("2025-02-15", 8), ("2025-02-27", 21)],
    ids=["a date before every order", "a date in the middle of the month", "a date near the end of the month"],
)
def test_exports_orders_since_date_in_id_order(since, seed):
    """The CSV has the agreed header and one line per order created on or after the date, in order
    id order with the total in euros — finance imports this file into their spreadsheets."""
    db = ShopDb()
    rows = generated_orders(120, seed)
    random.Random(seed).shuffle(rows)
    db.add(rows)
    out = Download(db)
    count = export_orders_csv(db.conn, out, since)
    got = out.rows()
    assert got and EXPECTED_HEADER == got[0], f"header was {got[:1]}"
    want = expected_rows(rows, since)
    assert len(want) == len(got) - 1, f"{len(got) - 1} orders written, expected {len(want)}"
    assert want == got[1:], "the order lines do not match the database"
    assert type(count) is int and count == len(want), f"returned {count!r}"


def test_header_constant_unchanged():
    """The HEADER constant still lists the six agreed columns, as other reports reuse it."""
    assert EXPECTED_HEADER == list(HEADER), f"HEADER is {HEADER!r}"


def test_quotes_names_with_commas_and_small_amounts():
    """Names containing commas or quotes stay in one column and small totals keep two decimals,
    so the spreadsheet import does not shift or misread columns."""
    db = ShopDb()
    db.add([(7, 'Smith, Jane "JJ"', "jane@example.org", 5, "paid", "2025-03-02T09:00:00"),
            (9, "O'Neil & Sons, Ltd", "ap@oneil.example", 100000, "shipped", "2025-03-02T10:00:00")])
    out = Download(db)
    count = export_orders_csv(db.conn, out, "2025-03-01")
    assert count == 2, f"returned {count!r} for two orders"
    got = out.rows()
    assert ["7", 'Smith, Jane "JJ"', "jane@example.org", "0.05", "paid", "2025-03-02T09:00:00"] == got[1], got[1]
    assert ["9", "O'Neil & Sons, Ltd", "ap@oneil.example", "1000.00", "shipped", "2025-03-02T10:00:00"] == got[2], got[2]


def test_no_orders_writes_only_the_header():
    """With no orders in the period the download is just the header line and the count is 0."""
    db = ShopDb()
    db.add(generated_orders(30, 5))
    out = Download(db)
    count = export_orders_csv(db.conn, out, "2025-03-01")
    assert [EXPECTED_HEADER] == out.rows(), f"got {out.rows()[:3]}"
    assert type(count) is int and count == 0, f"returned {count!r}"


def test_streams_rows_instead_of_loading_them_all():
    """Orders are written to the download as they are read from the database, never holding more
    than about a thousand orders in memory — a full year's export has millions of rows and the web
    worker has 512 MB."""
    db = ShopDb()
    db.add(generated_orders(6000, 13))
    out = Download(db)
    count = export_orders_csv(db.conn, out, "2025-02-01")
    assert count == 6000, f"returned {count!r}"
    assert out.lines_written == 6001, f"{out.lines_written} lines written"
    assert out.max_ahead <= 1000, (
        f"at one point {out.max_ahead} orders had been read from the database but not yet written"
    )
