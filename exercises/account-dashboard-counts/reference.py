"""The numbers at the top of an account's admin dashboard (ticket SAAS-930)."""

from __future__ import annotations

import sqlite3

from billing_schema import AccountTiles


def account_tiles(conn: sqlite3.Connection, account_id: int) -> AccountTiles:
    """Seats in use, pending invitations, open invoices and the amount due for one account."""
    # Let the database count and add up: it answers from the (account_id, status) index and
    # sends back one row, however many users and invoices the account has.
    active_users, pending_invites = conn.execute(
        "SELECT COUNT(*) FILTER (WHERE status = 'active'),"
        "       COUNT(*) FILTER (WHERE status = 'invited')"
        " FROM users WHERE account_id = ?",
        (account_id,),
    ).fetchone()
    open_invoices, amount_due_cents = conn.execute(
        # COALESCE: SUM over no rows is NULL, and the tile must show 0.
        "SELECT COUNT(*), COALESCE(SUM(amount_due_cents), 0)"
        " FROM invoices WHERE account_id = ? AND status = 'open'",
        (account_id,),
    ).fetchone()
    return AccountTiles(active_users, pending_invites, open_invoices, amount_due_cents)
