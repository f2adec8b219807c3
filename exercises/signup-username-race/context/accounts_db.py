"""Schema of the accounts database (read-only project file).

Usernames are unique regardless of case: the UNIQUE constraint on `users.username`
uses COLLATE NOCASE, so "Alice" and "alice" cannot both exist.
"""

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL COLLATE NOCASE,
    email      TEXT NOT NULL,
    CONSTRAINT users_username_key UNIQUE (username)
);
"""


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables (idempotent)."""
    conn.executescript(SCHEMA)
    conn.commit()
