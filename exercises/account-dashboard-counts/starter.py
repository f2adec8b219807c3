"""The numbers at the top of an account's admin dashboard (ticket SAAS-930)."""

from __future__ import annotations

import sqlite3

from billing_schema import AccountTiles


def account_tiles(conn: sqlite3.Connection, account_id: int) -> AccountTiles:
    """Seats in use, pending invitations, open invoices and the amount due for one account."""
    users = conn.execute("SELECT * FROM users WHERE account_id = ?", (account_id,)).fetchall()
    invoices = conn.execute("SELECT * FROM invoices WHERE account_id = ?", (account_id,)).fetchall()

    # Columns: users (id, account_id, email, status, role, created_at),
    #          invoices (id, account_id, number, status, amount_due_cents, due_on).
    active_users = len([u for u in users if u[3] == "active"])
    pending_invites = len([u for u in users if u[3] == "invited"])
    open_invoices = [i for i in invoices if i[3] == "open"]

    return AccountTiles(
        active_users=active_users,
        pending_invites=pending_invites,
        open_invoices=len(open_invoices),
        amount_due_cents=sum(i[4] for i in open_invoices),
    )
