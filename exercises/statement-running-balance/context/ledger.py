"""Wallet ledger types (read-only project file). Amounts are integer cents; debits are negative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Transaction:
    id: str
    booked_on: date
    description: str
    amount_cents: int


@dataclass(frozen=True)
class StatementLine:
    transaction_id: str
    booked_on: date
    description: str
    amount_cents: int
    balance_cents: int  # the account balance right after this transaction
