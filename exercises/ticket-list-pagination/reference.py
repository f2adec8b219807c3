"""Internal helpdesk API: the handler behind GET /tickets (ticket SUP-1290)."""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from typing import Any

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

# Keyset pagination: continue strictly after the last (created_at, id) the client saw.
# The row-value comparison walks the (created_at, id) index from that point, so every page
# costs the same however deep the client is, and deletes between pages cause no gaps.
_LIST_TICKETS = """
    SELECT id, title, status, created_at
    FROM tickets
    WHERE (:status IS NULL OR status = :status)
      AND (created_at, id) > (:after_created_at, :after_id)
    ORDER BY created_at, id
    LIMIT :fetch
"""
_START = ("", 0)  # sorts before every real (created_at, id)


def _to_json(row: tuple[int, str, str, str]) -> dict[str, Any]:
    ticket_id, title, status, created_at = row
    return {"id": ticket_id, "title": title, "status": status, "created_at": created_at}


def _page_size(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE_SIZE
    if limit < 1:
        raise ValueError("limit must be at least 1")
    return min(limit, MAX_PAGE_SIZE)


def encode_cursor(created_at: str, ticket_id: int) -> str:
    """An opaque token for "after this ticket"; clients must not parse it."""
    raw = json.dumps([created_at, ticket_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """The (created_at, id) a cursor points after; ValueError (HTTP 400) if it is not ours."""
    try:
        created_at, ticket_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ValueError("invalid cursor") from exc
    if type(created_at) is not str or type(ticket_id) is not int:
        raise ValueError("invalid cursor")
    return created_at, ticket_id


def list_tickets(
    conn: sqlite3.Connection,
    status: str | None = None,
    *,
    limit: int | None = None,
    cursor: str | None = None,
) -> dict[str, Any]:
    """One page of tickets, oldest first, optionally only those with `status`.

    Returns {"items": [...], "next_cursor": str | None}; pass next_cursor back to get the
    following page. next_cursor is None on the last page.
    """
    size = _page_size(limit)
    after_created_at, after_id = _START if cursor is None else decode_cursor(cursor)
    rows = conn.execute(
        _LIST_TICKETS,
        {
            "status": status,
            "after_created_at": after_created_at,
            "after_id": after_id,
            "fetch": size + 1,  # one extra row tells us whether another page exists
        },
    ).fetchall()
    items = [_to_json(row) for row in rows[:size]]
    next_cursor = None
    if len(rows) > size:
        last = items[-1]
        next_cursor = encode_cursor(last["created_at"], last["id"])
    return {"items": items, "next_cursor": next_cursor}
