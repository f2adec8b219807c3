import sqlite3

import pytest

from accounts_db import create_schema
from account_signup import UsernameTaken, register_user


@pytest.fixture
def conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "accounts.db")
    create_schema(connection)
    yield connection
    connection.close()


def test_new_username_creates_an_account(conn):
    """A free username creates an account and returns its id."""
    user_id = register_user(conn, "alice", "alice@example.com")
    row = conn.execute("SELECT username, email FROM users WHERE id = ?", (user_id,)).fetchone()
    assert row == ("alice", "alice@example.com"), f"row was {row}"


def test_same_username_twice_is_refused(conn):
    """Registering a username that exists raises UsernameTaken."""
    register_user(conn, "bob", "bob@example.com")
    with pytest.raises(UsernameTaken):
        register_user(conn, "bob", "other@example.com")
