"""Self-service sign-up for the Brightdesk helpdesk."""

from __future__ import annotations

import sqlite3


class UsernameTaken(Exception):
    """The requested username belongs to another account (the API answers 409)."""

    def __init__(self, username: str) -> None:
        super().__init__(f"username {username!r} is already taken")
        self.username = username


def normalise_username(raw: str) -> str:
    """Trim surrounding whitespace; usernames are compared case-insensitively by the database."""
    username = raw.strip()
    if not 3 <= len(username) <= 32:
        raise ValueError("a username has 3 to 32 characters")
    return username


def register_user(conn: sqlite3.Connection, username: str, email: str) -> int:
    """Create an account and return its id.

    Raises UsernameTaken when the username is already in use, so the API can answer
    409 Conflict with a friendly "pick another name" message.
    """
    username = normalise_username(username)

    # Make sure nobody has the username yet before creating the account.
    existing = conn.execute(
        "SELECT id FROM users WHERE username = ?", (username,)
    ).fetchone()
    if existing is not None:
        raise UsernameTaken(username)

    cursor = conn.execute(
        "INSERT INTO users (username, email) VALUES (?, ?)", (username, email)
    )
    conn.commit()
    return int(cursor.lastrowid)
