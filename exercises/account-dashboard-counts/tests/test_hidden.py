import random
import sqlite3
import tracemalloc

import pytest

from account_dashboard import account_tiles
from billing_schema import SCHEMA, AccountTiles

BIG_ACCOUNT = 7  # an enterprise customer with SSO provisioning: thousands of users and invoices
BIG_USERS = 12_000
BIG_INVOICES = 8_000


def build_database(seed=5):
    rng = random.Random(seed)
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    users, invoices, expected = [], [], {}
    sizes = {1: (3, 2), 2: (40, 25), 3: (0, 0), 4: (15, 0), BIG_ACCOUNT: (BIG_USERS, BIG_INVOICES)}
    for account, (n_users, n_invoices) in sizes.items():
        tiles = {"active": 0, "invited": 0, "open": 0, "due": 0}
        for _ in range(n_users):
            status = rng.choice(["active"] * 7 + ["invited", "invited", "suspended"])
            tiles[status] = tiles.get(status, 0) + 1
            users.append((account, f"user{len(users)}@customer{account}.example", status,
                          rng.choice(["owner", "admin", "member", "member"]), "2024-02-03T10:00:00Z"))
        for _ in range(n_invoices):
            status = rng.choice(["open", "paid", "paid", "paid", "void"])
            amount = rng.randrange(0, 250_000)
            if status == "open":
                tiles["open"] += 1
                tiles["due"] += amount
            invoices.append((account, f"INV-{len(invoices):07d}", status, amount, "2025-01-31"))
        expected[account] = AccountTiles(tiles["active"], tiles["invited"], tiles["open"], tiles["due"])
    conn.executemany("INSERT INTO users (account_id, email, status, role, created_at) VALUES (?, ?, ?, ?, ?)", users)
    conn.executemany("INSERT INTO invoices (account_id, number, status, amount_due_cents, due_on) VALUES (?, ?, ?, ?, ?)", invoices)
    conn.commit()
    return conn, expected


@pytest.fixture(scope="module")
def database():
    conn, expected = build_database()
    yield conn, expected
    conn.close()


class RowCounter:
    """A row factory: SQLite hands every result row to it before the code sees the row."""

    def __init__(self):
        self.rows = 0

    def __call__(self, cursor, row):
        self.rows += 1
        return row


def check(expected, got):
    assert type(got) is AccountTiles, f"returned a {type(got).__name__}, not AccountTiles"
    for field in ("active_users", "pending_invites", "open_invoices", "amount_due_cents"):
        value = getattr(got, field)
        assert type(value) is int, f"{field} is {value!r} ({type(value).__name__}), not an int"
        assert getattr(expected, field) == value, f"{field} was {value}, expected {getattr(expected, field)}"


@pytest.mark.parametrize(
    "account",
    [1, 2, 4, BIG_ACCOUNT],
    ids=["a small team", "a mid-sized customer", "an account with no invoices yet", "an enterprise account"],
)
def test_tiles_show_the_accounts_numbers(database, account):
    """The four tiles show the account's active seats, pending invitations, open invoices and
    the total due on them, as whole numbers — billing and the customer's admin both rely on
    them."""
    conn, expected = database
    check(expected[account], account_tiles(conn, account))


def test_an_empty_account_shows_zeros(database):
    """A brand-new account with no users and no invoices shows 0 on every tile, never None or
    an error."""
    conn, expected = database
    check(expected[3], account_tiles(conn, 3))
    check(AccountTiles(0, 0, 0, 0), account_tiles(conn, 999))


def test_other_accounts_are_never_counted(database):
    """Only the requested account's users and invoices are counted: the numbers of a small
    customer do not include an enterprise's seats."""
    conn, expected = database
    for account in (1, 2):
        check(expected[account], account_tiles(conn, account))


@pytest.mark.parametrize(
    "account", [2, BIG_ACCOUNT], ids=["a mid-sized customer", "an enterprise account"]
)
def test_rows_sent_back_do_not_grow_with_the_account(database, account):
    """The database sends back a handful of rows whatever the size of the account: it counts
    and adds up, the application does not. Fetching every user and invoice to count them makes
    each dashboard view cost as much as the account is big."""
    conn, _ = database
    counter = RowCounter()
    conn.row_factory = counter
    try:
        account_tiles(conn, account)
    finally:
        conn.row_factory = None
    assert counter.rows <= 8, f"{counter.rows} rows were sent back to show four numbers"


def test_memory_does_not_grow_with_the_account(database):
    """Showing the dashboard of an account with thousands of users and invoices needs no more
    memory than a small account's — the admin page is opened all day by every customer, and a
    few big ones at once must not exhaust the web worker."""
    conn, expected = database
    tracemalloc.start()
    try:
        got = account_tiles(conn, BIG_ACCOUNT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    check(expected[BIG_ACCOUNT], got)
    assert peak < 256 * 1024, f"peak memory was {peak // 1024} KiB for one dashboard"
