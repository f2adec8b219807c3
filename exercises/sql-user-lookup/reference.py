"""Customer lookups for the back-office admin screens (ticket SUP-412)."""

from __future__ import annotations

import sqlite3
from typing import Any

# Columns the admin screens show. password_hash never leaves the database.
_COLUMNS = ("id", "email", "name")

# LIKE treats % and _ as wildcards; an agent searching for them means the characters.
_LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


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

    # The SQL text is a constant; the e-mail travels separately as a bound
    # parameter, so quotes, dashes or UNION in it are just characters.
    row = conn.execute(
        "SELECT id, email, name FROM users WHERE lower(email) = ?",
        (normalised,),
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

    # The wildcards are part of the bound value, not of the SQL text; the
    # fragment's own % and _ are escaped so they match literally.
    pattern = "%" + fragment.translate(_LIKE_ESCAPES) + "%"
    rows = conn.execute(
        "SELECT id, email, name FROM users WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
        (pattern, int(limit)),
    ).fetchall()
    return [_row_to_dict(row) for row in rows]
