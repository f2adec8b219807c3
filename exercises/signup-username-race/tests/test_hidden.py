import sqlite3

import pytest

from accounts_db import create_schema
from account_signup import UsernameTaken, register_user


class RacingCursor(sqlite3.Cursor):
    def execute(self, sql, parameters=(), /):
        self.connection._before_statement()
        return super().execute(sql, parameters)


class RacingConnection(sqlite3.Connection):
    """A connection that lets another request commit just before the code's second statement."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = 0
        self.competitor = None

    def _before_statement(self):
        self.statements += 1
        if self.statements == 2 and self.competitor is not None:
            competitor, self.competitor = self.competitor, None
            competitor()

    def execute(self, sql, parameters=(), /):
        self._before_statement()
        return super().execute(sql, parameters)

    def cursor(self, factory=None):
        return super().cursor(factory or RacingCursor)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "accounts.db"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    create_schema(setup)
    setup.close()
    return path


@pytest.fixture
def conn(db_path):
    connection = sqlite3.connect(db_path, factory=RacingConnection, timeout=0)
    yield connection
    connection.close()


def other_request(db_path, username, email):
    """What a second web worker does: insert the account and commit."""

    def run():
        other = sqlite3.connect(db_path, timeout=0)
        try:
            other.execute("INSERT INTO users (username, email) VALUES (?, ?)", (username, email))
            other.commit()
        except sqlite3.Error:
            pass  # the other request lost the race; that is its problem, not ours
        finally:
            other.close()

    return run


def rows_for(db_path, username):
    reader = sqlite3.connect(db_path)
    try:
        return reader.execute(
            "SELECT id, username, email FROM users WHERE username = ? COLLATE NOCASE", (username,)
        ).fetchall()
    finally:
        reader.close()


def test_registers_a_new_user_and_returns_its_id(conn, db_path):
    """Signing up with a free username still creates the account, commits it and returns its id — the feature itself must keep working."""
    user_id = register_user(conn, "quentin_b", "quentin@example.org")
    assert type(user_id) is int, f"register_user returned {type(user_id).__name__}"
    rows = rows_for(db_path, "quentin_b")
    assert [(user_id, "quentin_b", "quentin@example.org")] == rows, f"users rows: {rows}"


def test_several_users_get_their_own_accounts(conn, db_path):
    """Different usernames get different accounts, each with its own e-mail address."""
    names = ["ines.r", "tobias", "wen_li", "oyelaran"]
    ids = [register_user(conn, name, f"{name}@example.net") for name in names]
    assert len(set(ids)) == len(names), f"ids were {ids}"
    for user_id, name in zip(ids, names):
        assert [(user_id, name, f"{name}@example.net")] == rows_for(db_path, name), name


def test_taken_username_raises_username_taken(conn, db_path):
    """A username that already exists (in any letter case) is refused with UsernameTaken, so the API can answer 409 instead of creating a second account."""
    register_user(conn, "Harriet", "harriet@example.org")
    with pytest.raises(UsernameTaken):
        register_user(conn, "hARRIET", "impostor@example.org")
    assert len(rows_for(db_path, "harriet")) == 1


def test_simultaneous_signup_for_same_name_is_username_taken(conn, db_path):
    """When another request grabs the same username while this sign-up is in progress, the user gets UsernameTaken, not a database crash (a 500 error) — two workers really do handle sign-ups at once."""
    conn.competitor = other_request(db_path, "marta_k", "first@example.org")
    try:
        user_id = register_user(conn, "Marta_K", "second@example.org")
    except UsernameTaken:
        rows = rows_for(db_path, "marta_k")
        assert len(rows) == 1 and rows[0][2] == "first@example.org", f"users rows: {rows}"
    else:
        rows = rows_for(db_path, "marta_k")
        assert [(user_id, "Marta_K", "second@example.org")] == rows, f"users rows: {rows}"


def test_connection_is_clean_after_a_clash(conn, db_path):
    """After a username clash the connection has no transaction left open, so the next request on this pooled connection works and no lock is held on the database."""
    conn.competitor = other_request(db_path, "dmitri", "first@example.org")
    with pytest.raises(UsernameTaken):
        register_user(conn, "dmitri", "second@example.org")
        # a single-statement fix may legitimately win the race; force the clash then
        register_user(conn, "dmitri", "second@example.org")
    assert conn.in_transaction is False, "a transaction was left open after UsernameTaken"
    other_request(db_path, "someone_else", "x@example.org")()
    assert len(rows_for(db_path, "someone_else")) == 1, "the database stayed locked after the clash"
    new_id = register_user(conn, "dmitri_2", "d2@example.org")
    assert [(new_id, "dmitri_2", "d2@example.org")] == rows_for(db_path, "dmitri_2")


def test_a_different_concurrent_signup_does_not_block_this_one(conn, db_path):
    """A sign-up for another username happening at the same time does not make this one fail."""
    conn.competitor = other_request(db_path, "someone", "someone@example.org")
    user_id = register_user(conn, "sol_ramirez", "sol@example.org")
    assert [(user_id, "sol_ramirez", "sol@example.org")] == rows_for(db_path, "sol_ramirez")


def test_username_rules_still_apply(conn):
    """Usernames that are too short or too long are still refused with ValueError before touching the database."""
    for bad in ["ab", "  x ", "z" * 40]:
        with pytest.raises(ValueError):
            register_user(conn, bad, "bad@example.org")


def test_other_database_errors_reach_the_caller(conn, db_path):
    """A database failure that is not a username clash (here the database is locked by another
    writer) reaches the caller as the database error, not as UsernameTaken — telling someone
    their name is taken when the database is down sends them away for nothing and hides the
    outage from the error logs."""
    blocker = sqlite3.connect(db_path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlite3.OperationalError):
            register_user(conn, "free_name", "free@example.org")
    except UsernameTaken:
        pytest.fail("a locked database was reported as UsernameTaken")
    finally:
        blocker.rollback()
        blocker.close()
    assert rows_for(db_path, "free_name") == [], "an account was created although the insert failed"
