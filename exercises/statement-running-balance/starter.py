"""Account statements for the wallet app: each transaction with the balance after it."""

from __future__ import annotations

from ledger import StatementLine, Transaction


def statement_lines(opening_balance_cents: int, transactions: list[Transaction]) -> list[StatementLine]:
    """One line per transaction (already in booking order) with the running balance."""
    lines: list[StatementLine] = []
    for i, tx in enumerate(transactions):
        # Balance after this transaction = opening balance + everything booked up to and
        # including it.
        balance = opening_balance_cents + sum(t.amount_cents for t in transactions[: i + 1])
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
