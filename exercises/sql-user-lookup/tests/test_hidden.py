import sqlite3

import pytest

from user_lookup import find_user_by_email, search_users

USERS = [
    (1, "root@shop.test", "Site Admin", "pbkdf2$admin-hash", 1),
    (2, "Ana.Lopez@Example.com", "Ana Lopez", "pbkdf2$ana-hash", 0),
    (3, "sean.o'brien@example.ie", "Sean O'Brien", "pbkdf2$sean-hash", 0),
    (4, "bob@example.org", "Bob Stone", "pbkdf2$bob-hash", 0),
    (5, "annie@example.net", "Annie Hall", "pbkdf2$annie-hash", 0),
    (6, "k.darcy@example.co.uk", "Kate D'Arcy", "pbkdf2$kate-hash", 0),
]


class RecordingCursor(sqlite3.Cursor):
    """A real cursor that also remembers the SQL text of every statement it runs."""

    def execute(self, sql, parameters=(), /):
        self.connection.statements.append(sql)
        return super().execute(sql, parameters)


class RecordingConnection(sqlite3.Connection):
    """A real SQLite connection that remembers the SQL text (without the bound values) it runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = []

    def cursor(self, factory=RecordingCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        self.statements.append(sql)
        return super().execute(sql, parameters)


@pytest.fixture
def conn():
    db = sqlite3.connect(":memory:", factory=RecordingConnection)
    db.execute(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL,"
        " password_hash TEXT NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0)"
    )
    db.executemany("INSERT INTO users VALUES (?, ?, ?, ?, ?)", USERS)
    db.commit()
    db.statements.clear()
    yield db
    db.close()


def expected(user_id):
    uid, email, name, _hash, _admin = USERS[user_id - 1]
    return {"id": uid, "email": email, "name": name}


def check_rows(got, user_ids):
    assert type(got) is list, f"expected a list, got {type(got).__name__}"
    assert all(type(row) is dict for row in got), "every result should be a dict"
    want = [expected(user_id) for user_id in user_ids]
    assert want == got, f"got {got!r}"


def check_user(got, user_id):
    want = expected(user_id)
    assert type(got) is dict, f"expected a dict, got {type(got).__name__}"
    assert want == got, f"got {got!r}"
    assert type(got["id"]) is int, "id should be an int"


@pytest.mark.parametrize("user_id", [1, 2, 4, 5], ids=[
    "the admin account", "an address stored with capitals", "a plain address", "another customer"])
def test_finds_customer_by_exact_email(conn, user_id):
    """Looking up a customer's address returns that customer as a dict with id, email and name —
    agents rely on this to open the right account."""
    check_user(find_user_by_email(conn, USERS[user_id - 1][1]), user_id)


@pytest.mark.parametrize("typed, user_id", [
    ("ana.lopez@example.com", 2),
    ("  ROOT@SHOP.TEST ", 1),
    ("\tBob@Example.ORG\n", 4),
], ids=["an address typed in lower case", "capitals with spaces around", "mixed case with a tab and a newline"])
def test_email_match_ignores_case_and_spaces(conn, typed, user_id):
    """The e-mail lookup ignores upper/lower case and surrounding whitespace, as the ticket asks,
    because addresses are stored as customers typed them."""
    check_user(find_user_by_email(conn, typed), user_id)


def test_email_with_apostrophe_is_found(conn):
    """A real address containing an apostrophe is found instead of causing a SQL error — such
    customers exist and must be able to log in."""
    check_user(find_user_by_email(conn, "Sean.O'Brien@example.ie"), 3)


@pytest.mark.parametrize("typed", ["nobody@example.com", "ana.lopez@example", "", "   "], ids=[
    "an address nobody has", "a customer's address cut short", "an empty search", "only spaces"])
def test_unknown_email_returns_none(conn, typed):
    """An address nobody has (or an empty search) returns None, so the login form can say
    "unknown address" instead of crashing."""
    assert find_user_by_email(conn, typed) is None, "expected None for an unknown address"


EMAIL_PAYLOADS = [
    "' or '1'='1",
    "x' or 1=1 --",
    "root@shop.test' --",
    "nobody@example.com' or email like '%",
    "' union select id, password_hash, name from users --",
    "' union select 1, sqlite_version(), 'x' --",
    "bob@example.org'; drop table users; --",
    "ana.lopez@example.com'",
    "'",
    "ROOT@SHOP.TEST'/*",
]


@pytest.mark.parametrize("payload", EMAIL_PAYLOADS, ids=[
    "a quote followed by an always-true OR",
    "an always-true OR followed by a comment",
    "a real address followed by a comment",
    "a wildcard match smuggled after a quote",
    "a UNION that reads password hashes",
    "a UNION that reads the database version",
    "a second statement that drops the table",
    "a real address with a trailing quote",
    "a lone quote",
    "a real address followed by an open comment",
])
def test_email_injection_finds_nobody(conn, payload):
    """SQL typed into the e-mail field (quotes, OR 1=1, UNION, comments) finds nobody and raises
    no database error — otherwise anyone at the login form can log in as the first user or read
    password hashes."""
    try:
        got = find_user_by_email(conn, payload)
    except sqlite3.Error as exc:
        pytest.fail(f"the lookup raised a database error: {type(exc).__name__}")
    assert got is None, "an injection attempt returned a row"
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == len(USERS), "rows were lost"


def test_search_by_name_fragment(conn):
    """Searching by part of a name returns every matching customer, ignoring case, sorted by
    name — this is the admin dashboard's main search."""
    check_rows(search_users(conn, "ann"), [5])
    check_rows(search_users(conn, "O"), [2, 4, 3])


def test_search_respects_limit(conn):
    """The name search returns at most `limit` customers, sorted by name, so a one-letter search
    stays small."""
    check_rows(search_users(conn, "a", limit=2), [2, 5])
    check_rows(search_users(conn, "a"), [2, 5, 6, 3, 1])


def test_search_name_with_apostrophe(conn):
    """A name containing an apostrophe is found instead of causing a SQL error."""
    check_rows(search_users(conn, "D'Arc"), [6])
    check_rows(search_users(conn, "o'b"), [3])


def test_search_with_no_match(conn):
    """A name nobody has returns an empty list, and an empty search returns an empty list."""
    check_rows(search_users(conn, "zzz"), [])
    check_rows(search_users(conn, "  "), [])


SEARCH_PAYLOADS = [
    "%' or 1=1 --",
    "zzz' or '1'='1",
    "' union select id, password_hash, name from users --",
    "zzz%' union select 1, 2, 3 --",
    "zz' and 0) or (1=1 --",
    "zzz'",
    "Ana'; delete from users; --",
]


@pytest.mark.parametrize("payload", SEARCH_PAYLOADS, ids=[
    "a wildcard with an always-true OR",
    "a quote followed by an always-true OR",
    "a UNION that reads password hashes",
    "a UNION with made-up columns",
    "a closing bracket with an always-true OR",
    "a trailing quote",
    "a second statement that deletes rows",
])
def test_search_injection_returns_nothing(conn, payload):
    """SQL typed into the name search returns no customers and raises no database error — a
    crafted search must not list every account or smuggle out password hashes."""
    try:
        got = search_users(conn, payload)
    except sqlite3.Error as exc:
        pytest.fail(f"the search raised a database error: {type(exc).__name__}")
    assert type(got) is list and got == [], f"an injection attempt returned {got!r}"
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == len(USERS), "rows were lost"


@pytest.mark.parametrize("fragment", ["%", "_", "a_n", "%%"], ids=[
    "a lone percent sign", "a lone underscore", "an underscore between letters", "two percent signs"])
def test_search_wildcards_match_literally(conn, fragment):
    """A % or _ typed into the name search matches only names that contain that very character
    (here: nobody) — otherwise a single character lists every customer in the shop."""
    check_rows(search_users(conn, fragment), [])


def _queries_containing(conn, text):
    return [sql for sql in conn.statements if text in sql.lower()]


def test_email_is_a_bound_parameter(conn):
    """The e-mail reaches the database as a bound parameter, never inside the SQL text — hand-made
    escaping breaks on the first character it forgot and is exactly what the team rule forbids."""
    check_user(find_user_by_email(conn, "Sean.O'Brien@example.ie"), 3)
    leaked = _queries_containing(conn, "brien")
    assert not leaked, "the e-mail address was written into the SQL text instead of bound"


def test_name_and_limit_are_bound_parameters(conn):
    """The searched name and the limit reach the database as bound parameters, never inside the
    SQL text — the team rule holds for every value, numbers included."""
    check_rows(search_users(conn, "Kate D'Arcy", limit=137), [6])
    assert not _queries_containing(conn, "arcy"), "the name was written into the SQL text instead of bound"
    assert not _queries_containing(conn, "137"), "the limit was written into the SQL text instead of bound"
