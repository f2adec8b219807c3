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

    Raises UsernameTaken when the username is already in use. The UNIQUE constraint on
    users.username is the only check that holds when two sign-ups run at once, so we
    simply try the insert and translate a violation into UsernameTaken.
    """
    username = normalise_username(username)
    try:
        # `with conn` commits on success and rolls back on error, so a clash never
        # leaves a transaction (and its lock) open on a pooled connection.
        with conn:
            cursor = conn.execute(
                "INSERT INTO users (username, email) VALUES (?, ?)", (username, email)
            )
    except sqlite3.IntegrityError as exc:
        raise UsernameTaken(username) from exc
    return int(cursor.lastrowid)
