import sqlite3

import pytest

from user_lookup import find_user_by_email, search_users


@pytest.fixture
def conn():
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL,"
        " password_hash TEXT NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0)"
    )
    db.executemany(
        "INSERT INTO users VALUES (?, ?, ?, ?, ?)",
        [(1, "root@shop.test", "Site Admin", "x", 1), (2, "Ana.Lopez@Example.com", "Ana Lopez", "y", 0)],
    )
    yield db
    db.close()


def test_finds_customer_ignoring_case(conn):
    """An agent can paste an address in any case and find the customer."""
    got = find_user_by_email(conn, " ana.lopez@example.com ")
    assert got == {"id": 2, "email": "Ana.Lopez@Example.com", "name": "Ana Lopez"}, f"got {got!r}"


def test_unknown_address(conn):
    """An unknown address finds nobody."""
    assert find_user_by_email(conn, "nobody@example.com") is None


def test_quote_in_email_is_not_sql(conn):
    """A quote in the address is just a character: no user, no database error."""
    assert find_user_by_email(conn, "' or '1'='1") is None


def test_search_by_name(conn):
    """Part of a name finds the customer."""
    assert [row["id"] for row in search_users(conn, "lop")] == [2]
