"""Checks you can run: the plans the assistant tested."""

from datetime import date

from treatment_plans import Payment, payment_plan


def test_twelve_hundred_over_four_months():
    """£1,200.00 with a 20 % deposit: £240.00 today, then four instalments of £240.00."""
    plan = payment_plan(120_000, date(2024, 3, 14), 4)
    assert plan == [
        Payment(date(2024, 3, 14), 24_000, "deposit"),
        Payment(date(2024, 4, 1), 24_000, "instalment"),
        Payment(date(2024, 5, 1), 24_000, "instalment"),
        Payment(date(2024, 6, 1), 24_000, "instalment"),
        Payment(date(2024, 7, 1), 24_000, "instalment"),
    ], plan


def test_six_hundred_over_six_months_without_deposit():
    """No deposit: six instalments of £100.00."""
    plan = payment_plan(60_000, date(2024, 1, 2), 6, deposit_percent=0)
    assert [p.amount_cents for p in plan] == [10_000] * 6, plan
