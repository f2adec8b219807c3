"""Internal helpdesk API: the handler behind GET /tickets (ticket SUP-1290)."""

from __future__ import annotations

import sqlite3
from typing import Any

_LIST_TICKETS = """
    SELECT id, title, status, created_at
    FROM tickets
    WHERE (:status IS NULL OR status = :status)
    ORDER BY created_at, id
"""


def _to_json(row: tuple[int, str, str, str]) -> dict[str, Any]:
    ticket_id, title, status, created_at = row
    return {"id": ticket_id, "title": title, "status": status, "created_at": created_at}


def list_tickets(conn: sqlite3.Connection, status: str | None = None) -> dict[str, Any]:
    """Tickets for the support dashboard, oldest first, optionally only those with `status`.

    The web layer serialises the returned dict as the JSON response body.
    """
    rows = conn.execute(_LIST_TICKETS, {"status": status}).fetchall()
    return {"items": [_to_json(row) for row in rows]}
