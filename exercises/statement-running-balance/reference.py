"""Account statements for the wallet app: each transaction with the balance after it."""

from __future__ import annotations

from ledger import StatementLine, Transaction


def statement_lines(opening_balance_cents: int, transactions: list[Transaction]) -> list[StatementLine]:
    """One line per transaction (already in booking order) with the running balance."""
    lines: list[StatementLine] = []
    balance = opening_balance_cents
    for tx in transactions:
        # Carry the balance forward: one addition per transaction instead of re-adding
        # the whole history for every line.
        balance += tx.amount_cents
        lines.append(
            StatementLine(
                transaction_id=tx.id,
                booked_on=tx.booked_on,
                description=tx.description,
                amount_cents=tx.amount_cents,
                balance_cents=balance,
            )
        )
    return lines
