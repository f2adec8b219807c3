import random
from datetime import date

import pytest

from treatment_plans import Payment, payment_plan


def random_cases(seed, n=40):
    rng = random.Random(seed)
    return [
        (rng.randint(5_000, 900_000), rng.randint(1, 24), rng.choice([0, 10, 15, 20, 25, 33, 50]))
        for _ in range(n)
    ]


def checked(plan):
    assert type(plan) is list, f"payment_plan returned a {type(plan).__name__}, not a list"
    for payment in plan:
        assert type(payment) is Payment, f"a payment is a {type(payment).__name__}"
        assert type(payment.amount_cents) is int, f"an amount is a {type(payment.amount_cents).__name__}, not int cents"
    return plan


def instalments(plan):
    return [p.amount_cents for p in plan if p.kind == "instalment"]


@pytest.mark.parametrize(
    "seed", [2, 19, 77], ids=["a first set of random plans", "a second set of random plans", "a third set of random plans"]
)
def test_payments_add_up_to_the_price(seed):
    """The deposit and the instalments always add up exactly to the treatment price — the
    accounting ledger rejects any plan that is even one cent short or over."""
    for total, months, percent in random_cases(seed):
        plan = checked(payment_plan(total, date(2024, 5, 20), months, percent))
        paid = sum(p.amount_cents for p in plan)
        assert paid == total, f"a {months}-month plan adds up to {paid} cents, the price is {total}"


def test_uneven_balance_over_three_months():
    """A balance that doesn't divide evenly is still collected in full, with the extra cent on the
    earliest instalment — most real prices leave a remainder when divided by the months."""
    plan = checked(payment_plan(100_000, date(2024, 2, 10), 3, deposit_percent=0))
    got = instalments(plan)
    assert sum(got) == 100_000, f"the instalments add up to {sum(got)} cents"
    assert got[0] >= got[1] >= got[2] and got[0] - got[2] <= 1, f"instalments {got}"


@pytest.mark.parametrize("seed", [4, 58], ids=["a first set of random plans", "a second set of random plans"])
def test_instalments_differ_by_at_most_a_cent_earliest_first(seed):
    """Instalments differ by at most one cent and the earlier ones carry the extra cents — the
    clinic's rule, so a plan never ends with a bigger last payment."""
    for total, months, percent in random_cases(seed):
        got = instalments(checked(payment_plan(total, date(2023, 12, 5), months, percent)))
        assert len(got) == months, f"{len(got)} instalments for a {months}-month plan"
        assert max(got) - min(got) <= 1, f"instalments range from {min(got)} to {max(got)} cents"
        assert got == sorted(got, reverse=True), "a later instalment is larger than an earlier one"


def test_even_balance_gives_equal_instalments():
    """A balance that divides evenly gives identical instalments — the fix must not move cents
    around when there is nothing to share."""
    for total, months in [(240_000, 8), (99_000, 11), (123_456, 1)]:
        plan = checked(payment_plan(total, date(2024, 6, 3), months, deposit_percent=0))
        assert instalments(plan) == [total // months] * months, f"{total} over {months}: {instalments(plan)}"


@pytest.mark.parametrize(
    "total,percent",
    [(234_999, 20), (187_550, 15), (999, 33), (50_001, 50)],
    ids=[
        "an implant price with the usual deposit",
        "an aligner price with a smaller deposit",
        "a small price with an odd percentage",
        "an odd price with the largest deposit",
    ],
)
def test_deposit_is_rounded_down_and_due_on_start(total, percent):
    """The deposit is the percentage of the price rounded down to the cent, due on the start
    date, listed first — patients are never asked for more upfront than advertised."""
    start = date(2024, 9, 17)
    plan = checked(payment_plan(total, start, 7, percent))
    deposit = plan[0]
    assert deposit.kind == "deposit" and deposit.due == start, f"first payment {deposit}"
    assert deposit.amount_cents == total * percent // 100, f"deposit of {deposit.amount_cents} cents"
    assert sum(p.amount_cents for p in plan) == total, "the plan doesn't add up to the price"


def test_no_deposit_payment_at_zero_percent():
    """A 0 % plan has no deposit payment at all, only instalments."""
    plan = checked(payment_plan(77_777, date(2024, 1, 31), 5, deposit_percent=0))
    assert [p.kind for p in plan] == ["instalment"] * 5, f"kinds {[p.kind for p in plan]}"


def test_instalments_fall_due_on_the_first_of_each_following_month():
    """Instalments fall due on the 1st of each month after the start, across the turn of the year —
    the card terminal collects on those dates."""
    plan = checked(payment_plan(1_234_567, date(2024, 11, 20), 14, 10))
    dues = [p.due for p in plan if p.kind == "instalment"]
    want = [date(2024, 12, 1)] + [date(2025, m, 1) for m in range(1, 13)] + [date(2026, 1, 1)]
    assert dues == want, f"due dates {dues[:3]} ... {dues[-2:]}"


@pytest.mark.parametrize(
    "args",
    [(0, 6, 20), (-500, 6, 20), (10_000, 0, 20), (10_000, 25, 20), (10_000, 6, 51), (10_000, 6, -1)],
    ids=[
        "a price of zero",
        "a negative price",
        "a plan of zero months",
        "a plan longer than the maximum",
        "a deposit above the maximum",
        "a negative deposit",
    ],
)
def test_invalid_plans_are_refused(args):
    """Invalid plans (price not positive, months outside 1–24, deposit outside 0–50 %) raise
    ValueError, which the booking screen shows to the receptionist."""
    total, months, percent = args
    with pytest.raises(ValueError):
        payment_plan(total, date(2024, 4, 1), months, percent)
