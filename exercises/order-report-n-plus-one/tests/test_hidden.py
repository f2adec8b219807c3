import random
import sqlite3
from datetime import date, timedelta

import pytest

from order_report import order_report
from shop_schema import SCHEMA
from shop_types import LineTotal, OrderSummary

FIRST = ["Ana", "Bram", "Chiara", "Dev", "Eilidh", "Femi", "Goran", "Hana", "Ines", "Jonas"]
LAST = ["Okafor", "Lindqvist", "O'Neill", "Moreau", "Tanaka", "Silva", "Novak", "Haddad"]
DAY0 = date(2024, 3, 1)


def build_shop(n_orders, seed, n_customers=12, days=20):
    """An in-memory shop; returns (conn, orders) where orders mirror the rows as plain dicts."""
    rng = random.Random(seed)
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    customers = {}
    for cid in range(1, n_customers + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        customers[cid] = name
        conn.execute("INSERT INTO customers VALUES (?, ?, ?)", (cid, name, f"c{cid}@example.test"))
    orders = []
    for oid in range(1, n_orders + 1):
        placed = (DAY0 + timedelta(days=rng.randrange(days))).isoformat()
        cid = rng.randint(1, n_customers)
        conn.execute("INSERT INTO orders VALUES (?, ?, ?)", (oid, cid, placed))
        orders.append({"id": oid, "placed_on": placed, "name": customers[cid], "lines": []})
    # Lines are inserted in shuffled order so line ids of one order are not contiguous.
    pending = []
    for order in orders:
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
            pending.append((order, f"SKU-{rng.randrange(1000):03d}", rng.randint(1, 5), rng.randint(99, 9999)))
    rng.shuffle(pending)
    for line_id, (order, sku, qty, price) in enumerate(pending, start=1):
        conn.execute(
            "INSERT INTO order_lines VALUES (?, ?, ?, ?, ?)", (line_id, order["id"], sku, qty, price)
        )
        order["lines"].append((line_id, sku, qty, price))
    conn.commit()
    return conn, orders


def expected_report(orders, start, end):
    rows = []
    chosen = [o for o in orders if start.isoformat() <= o["placed_on"] <= end.isoformat()]
    for o in sorted(chosen, key=lambda o: (o["placed_on"], o["id"])):
        lines = tuple(LineTotal(sku, q, q * p) for _, sku, q, p in sorted(o["lines"]))
        rows.append(OrderSummary(o["id"], o["placed_on"], o["name"], lines, sum(l.total_cents for l in lines)))
    return rows


def count_selects(conn, start, end):
    statements = []
    conn.set_trace_callback(statements.append)
    try:
        report = order_report(conn, start, end)
    finally:
        conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    return report, len(selects)


def check_rows(expected, report):
    assert type(report) is list, f"order_report returned a {type(report).__name__}, not a list"
    assert all(type(row) is OrderSummary for row in report), "every row must be an OrderSummary"
    assert len(report) == len(expected), f"the report has {len(report)} orders, expected {len(expected)}"
    for want, got in zip(expected, report):
        assert want == got, f"order {want.order_id}: got {got!r}"


@pytest.mark.parametrize("seed", [3, 11, 29], ids=["a first random shop", "a second random shop", "a third random shop"])
def test_report_has_every_order_in_range_with_customer_and_lines(seed):
    """The report lists every order in the date range with its customer's name, its priced lines
    and its total, oldest first — the fix must keep the report correct, not just faster."""
    conn, orders = build_shop(40, seed)
    start, end = DAY0 + timedelta(days=4), DAY0 + timedelta(days=15)
    check_rows(expected_report(orders, start, end), order_report(conn, start, end))


def test_range_includes_both_end_dates():
    """Orders placed on the first and on the last day of the range are in the report — finance
    reconciles month ends with it, so a missing boundary day is a missing day of revenue."""
    conn, orders = build_shop(60, 5)
    start = end = DAY0 + timedelta(days=7)
    expected = expected_report(orders, start, end)
    assert expected, "test data has orders on that day"
    check_rows(expected, order_report(conn, start, end))
    start, end = DAY0 + timedelta(days=2), DAY0 + timedelta(days=3)
    check_rows(expected_report(orders, start, end), order_report(conn, start, end))


def test_order_without_lines_is_kept_with_zero_total():
    """An order that has no lines yet still appears, with no lines and a total of 0 — dropping it
    hides orders that the warehouse is still waiting on."""
    conn, orders = build_shop(40, 17)
    conn.execute("INSERT INTO orders VALUES (?, ?, ?)", (1000, 2, (DAY0 + timedelta(days=9)).isoformat()))
    conn.commit()
    start, end = DAY0, DAY0 + timedelta(days=30)
    report = order_report(conn, start, end)
    empty = [row for row in report if type(row) is OrderSummary and row.order_id == 1000]
    assert len(empty) == 1, "the order without lines is missing from the report (or listed twice)"
    assert empty[0].lines == () and empty[0].total_cents == 0, f"got {empty[0]!r}"
    check_rows(expected_report(orders, start, end), [r for r in report if r.order_id != 1000])


def test_empty_range_gives_empty_report():
    """A date range without orders gives an empty list, not an error."""
    conn, _ = build_shop(30, 2)
    report = order_report(conn, date(2023, 1, 1), date(2023, 1, 31))
    assert type(report) is list and report == [], f"got {report!r}"


def test_each_call_uses_its_own_range_and_data():
    """Two reports on different data and ranges each reflect their own inputs — a cached or
    module-level result would show one shop's orders in another's report."""
    for seed, first, last in [(41, 0, 9), (42, 10, 19), (41, 5, 6)]:
        conn, orders = build_shop(25, seed)
        start, end = DAY0 + timedelta(days=first), DAY0 + timedelta(days=last)
        check_rows(expected_report(orders, start, end), order_report(conn, start, end))


def test_query_count_is_small_for_many_orders():
    """The report runs a small, fixed number of queries (at most 3) however many orders are in
    the range — one query per order is the N+1 pattern that turns a 50 ms report into minutes."""
    conn, orders = build_shop(80, 23)
    start, end = DAY0, DAY0 + timedelta(days=30)
    report, selects = count_selects(conn, start, end)
    check_rows(expected_report(orders, start, end), report)
    assert selects <= 3, f"{selects} SELECT statements for {len(report)} orders"


def test_query_count_does_not_grow_with_orders():
    """The number of queries is the same for 5 orders as for 50 — the cost of a round trip to the
    database must not be paid once per order (or once per customer)."""
    counts = []
    for n in (5, 50):
        conn, orders = build_shop(n, 31, n_customers=n)
        start, end = DAY0, DAY0 + timedelta(days=30)
        report, selects = count_selects(conn, start, end)
        check_rows(expected_report(orders, start, end), report)
        counts.append(selects)
    assert counts[0] == counts[1], f"{counts[0]} queries for 5 orders but {counts[1]} for 50"


def test_reads_only_the_rows_of_the_range():
    """The report reads only the orders of the requested range, with their own lines and
    customers — the tables hold years of history, and loading every line or every customer for a
    one-month report makes each export slower and bigger as the shop grows."""
    conn, orders = build_shop(300, 37, n_customers=300, days=60)
    start, end = DAY0 + timedelta(days=10), DAY0 + timedelta(days=12)
    expected = expected_report(orders, start, end)
    fetched = []

    def counting_rows(cursor, row):
        fetched.append(1)
        return row

    conn.row_factory = counting_rows
    report = order_report(conn, start, end)
    check_rows(expected, report)
    wanted = len(expected) + sum(len(row.lines) for row in expected)
    assert len(fetched) <= 2 * wanted + 10, (
        f"read {len(fetched)} rows from the database for a report of {wanted} orders and lines"
    )


def test_a_big_month_fits_the_databases_parameter_limit():
    """A month with more orders than one statement may have bound parameters (999 on the
    production database) still produces the full report — an IN list with one placeholder per
    order fails with "too many SQL variables" on exactly the busy month finance needs."""
    conn, orders = build_shop(1200, 43, n_customers=40, days=25)
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    start, end = DAY0, DAY0 + timedelta(days=30)
    report, selects = count_selects(conn, start, end)
    check_rows(expected_report(orders, start, end), report)
    assert selects <= 3, f"{selects} SELECT statements for {len(report)} orders"
