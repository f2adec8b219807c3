import random
from datetime import date, timedelta

import pytest

from account_statement import statement_lines
from ledger import StatementLine, Transaction

READS = [0]  # how often a transaction's amount was read
SUMS = [0]  # how often an amount took part in an addition, subtraction or conversion


class CountedCents(int):
    """An amount in cents that counts the arithmetic done with it (results are plain ints)."""

    def __add__(self, other):
        SUMS[0] += 1
        return int.__add__(self, other)

    def __radd__(self, other):
        SUMS[0] += 1
        return int.__radd__(self, other)

    def __sub__(self, other):
        SUMS[0] += 1
        return int.__sub__(self, other)

    def __rsub__(self, other):
        SUMS[0] += 1
        return int.__rsub__(self, other)

    def __int__(self):
        SUMS[0] += 1
        return int.__int__(self)

    def __float__(self):
        SUMS[0] += 1
        return int.__float__(self)


class CountedTransaction:
    """Behaves like ledger.Transaction, and counts reads of amount_cents."""

    __slots__ = ("id", "booked_on", "description", "_amount")

    def __init__(self, tx):
        self.id, self.booked_on, self.description, self._amount = (
            tx.id, tx.booked_on, tx.description, CountedCents(tx.amount_cents))

    @property
    def amount_cents(self):
        READS[0] += 1
        return self._amount


DESCRIPTIONS = ["Card payment: Corner Café", "Top-up", "Refund: Rail tickets", "Transfer to Maya",
                "Card payment: Grocer", "Salary", "Subscription: Music"]


def make_history(seed, count):
    rng = random.Random(seed)
    day = date(2024, 1, 1)
    history = []
    for i in range(count):
        day += timedelta(days=rng.randrange(2))
        amount = rng.choice([-1, -1, -1, 1]) * rng.randint(1, 50_000)
        history.append(Transaction(f"tx-{seed}-{i:05d}", day, rng.choice(DESCRIPTIONS), amount))
    return history


def expected_lines(opening, history):
    out, balance = [], opening
    for tx in history:
        balance += tx.amount_cents
        out.append(StatementLine(tx.id, tx.booked_on, tx.description, tx.amount_cents, balance))
    return out


def check(expected, got):
    assert type(got) is list, f"statement_lines returned a {type(got).__name__}, not a list"
    assert len(expected) == len(got), f"{len(got)} lines for {len(expected)} transactions"
    for want, have in zip(expected, got):
        assert type(have) is StatementLine, "every line must be a StatementLine"
        assert type(have.balance_cents) is int, "balances are whole cents (int)"
        assert want == have, f"line for {want.transaction_id}: got {have!r}"


@pytest.mark.parametrize(
    "seed, opening",
    [(1, 0), (2, 125_00), (3, -40_00)],
    ids=["an opening balance of zero", "a positive opening balance", "an overdrawn opening balance"],
)
def test_each_line_shows_the_balance_after_it(seed, opening):
    """Each line shows its transaction and the account balance right after it, starting from
    the opening balance (which may be overdrawn) — customers reconcile their spending with it."""
    history = make_history(seed, 40)
    check(expected_lines(opening, history), statement_lines(opening, history))


def test_empty_statement():
    """A month without transactions gives an empty statement, not an error."""
    check([], statement_lines(9_99, []))


def test_inputs_are_not_modified():
    """The caller's list of transactions is left as it was."""
    history = make_history(4, 25)
    copy = list(history)
    statement_lines(0, history)
    assert history == copy, "the transaction list was changed"


@pytest.mark.parametrize("count", [300, 800], ids=["a few hundred transactions", "nearly a thousand transactions"])
def test_work_grows_linearly_with_transactions(count):
    """Building a statement reads each transaction's amount a small, fixed number of times (at
    most twice) — re-adding the whole history for every line makes a busy account's yearly
    statement time out."""
    history = make_history(count, count)
    counted = [CountedTransaction(tx) for tx in history]
    READS[0] = 0
    got = statement_lines(5_00, counted)
    reads = READS[0]
    check(expected_lines(5_00, history), got)
    assert reads <= 2 * count, f"{reads} amount reads for {count} transactions"


@pytest.mark.parametrize("count", [150, 400], ids=["about a hundred transactions", "a few hundred transactions"])
def test_additions_grow_linearly_with_transactions(count):
    """Each amount takes part in a small, fixed number of additions (at most twice), even if
    the amounts are first copied out of the transactions — summing a slice of the history for
    every line is still quadratic, however the amounts were collected."""
    history = make_history(count + 7, count)
    counted = [CountedTransaction(tx) for tx in history]
    SUMS[0] = 0
    got = statement_lines(-12_00, counted)
    sums = SUMS[0]
    check(expected_lines(-12_00, history), got)
    assert sums <= 2 * count, f"{sums} additions on amounts for {count} transactions"
