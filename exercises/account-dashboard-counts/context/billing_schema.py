"""The SaaS admin database: schema and the dashboard's result type (read-only project file).

Every row belongs to one customer account; queries must always filter by account_id.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL,          -- 'active' | 'invited' | 'suspended'
    role TEXT NOT NULL,            -- 'owner' | 'admin' | 'member'
    created_at TEXT NOT NULL
);
CREATE INDEX users_account_status ON users (account_id, status);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL,
    number TEXT NOT NULL,
    status TEXT NOT NULL,          -- 'open' | 'paid' | 'void'
    amount_due_cents INTEGER NOT NULL,
    due_on TEXT NOT NULL
);
CREATE INDEX invoices_account_status ON invoices (account_id, status);
"""


@dataclass(frozen=True)
class AccountTiles:
    """The four numbers at the top of an account's admin dashboard."""

    active_users: int  # users with status 'active' (the billed seats)
    pending_invites: int  # users with status 'invited'
    open_invoices: int  # invoices with status 'open'
    amount_due_cents: int  # total amount_due_cents of the open invoices (0 when none)
