from datetime import date

from account_statement import statement_lines
from ledger import StatementLine, Transaction


def test_three_transactions():
    txs = [
        Transaction("t1", date(2024, 3, 1), "Top-up", 50_00),
        Transaction("t2", date(2024, 3, 2), "Card payment: Corner Café", -3_40),
        Transaction("t3", date(2024, 3, 2), "Refund: Rail tickets", 12_00),
    ]
    assert statement_lines(10_00, txs) == [
        StatementLine("t1", date(2024, 3, 1), "Top-up", 50_00, 60_00),
        StatementLine("t2", date(2024, 3, 2), "Card payment: Corner Café", -3_40, 56_60),
        StatementLine("t3", date(2024, 3, 2), "Refund: Rail tickets", 12_00, 68_60),
    ]
