"""Customer lookups for the back-office admin screens (ticket SUP-412)."""

from __future__ import annotations

import sqlite3
from typing import Any

# Columns the admin screens show. password_hash never leaves the database.
_COLUMNS = ("id", "email", "name")


def _row_to_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    """Turn a (id, email, name) row into the dict the admin templates expect."""
    return dict(zip(_COLUMNS, row))


def find_user_by_email(conn: sqlite3.Connection, email: str) -> dict[str, Any] | None:
    """Return the customer with this e-mail address, or None.

    Support agents paste addresses from e-mails and tickets, so the match
    ignores case and surrounding whitespace.
    """
    normalised = email.strip().lower()
    if not normalised:
        return None

    # lower() on both sides: addresses are stored exactly as the customer typed
    # them at sign-up, and the search box should not care about capitals.
    row = conn.execute(
        f"SELECT id, email, name FROM users WHERE lower(email) = '{normalised}'"
    ).fetchone()
    return _row_to_dict(row) if row else None


def search_users(conn: sqlite3.Connection, name_fragment: str, limit: int = 20) -> list[dict[str, Any]]:
    """Customers whose name contains `name_fragment` (any case), sorted by name.

    Used by the "find customer" box on the admin dashboard; at most `limit`
    rows come back so a one-letter search stays fast.
    """
    fragment = name_fragment.strip()
    if not fragment:
        return []

    # SQLite's LIKE is case-insensitive for ASCII, which is what we want here.
    query = (
        f"SELECT id, email, name FROM users "
        f"WHERE name LIKE '%{fragment}%' "
        f"ORDER BY name LIMIT {int(limit)}"
    )
    return [_row_to_dict(row) for row in conn.execute(query).fetchall()]
