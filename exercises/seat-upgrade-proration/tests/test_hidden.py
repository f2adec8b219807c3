"""Hidden tests for BILL-214: proration by the period's own days, no refunds, rounding down, dates in the period."""

from datetime import date

import pytest

from seat_billing import prorated_charge_cents


def _charge(price, before, after, start, end, changed):
    got = prorated_charge_cents(price, before, after, start, end, changed)
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


def test_mid_april_upgrade():
    """Adding seats halfway through a 30-day month charges the added seats for the days left — the ordinary case keeps working."""
    got = _charge(1_200, 10, 13, date(2024, 4, 1), date(2024, 5, 1), date(2024, 4, 16))
    assert got == 1_800, f"charge was {got}"


@pytest.mark.parametrize(
    "start, end",
    [
        (date(2024, 2, 1), date(2024, 3, 1)),
        (date(2023, 2, 1), date(2023, 3, 1)),
        (date(2024, 7, 1), date(2024, 8, 1)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2025, 3, 1)),
    ],
    ids=["a leap-year February", "a common-year February", "a 31-day month", "a period that starts at a month's end", "a yearly plan"],
)
def test_change_on_the_first_day_costs_the_full_price(start, end):
    """Seats added on the first day of a period cost exactly the full seat price, whatever the period's length — charging more than the published price on day one means chargebacks."""
    got = _charge(1_500, 4, 6, start, end, start)
    assert got == 3_000, f"charge was {got}"


@pytest.mark.parametrize(
    "start, end, changed, expected",
    [
        (date(2024, 2, 1), date(2024, 3, 1), date(2024, 2, 20), 2_000),
        (date(2024, 7, 1), date(2024, 8, 1), date(2024, 7, 29), 300),
        (date(2024, 1, 15), date(2025, 1, 15), date(2024, 3, 1), 62_950),
        (date(2023, 6, 1), date(2024, 6, 1), date(2024, 5, 31), 196),
    ],
    ids=["late in February", "near the end of a 31-day month", "a yearly plan in March", "the last day of a yearly plan"],
)
def test_proration_uses_the_days_of_this_period(start, end, changed, expected):
    """The charge is added seats × seat price × days left ÷ days in this period (28–31 days, or a year on yearly plans) — a fixed 30-day month overcharges yearly plans by a factor of twelve."""
    price = 14_400 if (end - start).days > 100 else 3_100 if (end - start).days == 31 else 5_800
    added = 5 if (end - start).days > 100 else 1
    got = _charge(price, 2, 2 + added, start, end, changed)
    assert got == expected, f"charge was {got}"


@pytest.mark.parametrize(
    "price, added, changed, expected",
    [(1_000, 1, date(2024, 4, 11), 666), (2_000, 1, date(2024, 4, 21), 666), (999, 7, date(2024, 4, 3), 6_526)],
    ids=["two thirds of a seat price", "a third of a dearer seat price", "several seats with a fraction of a cent"],
)
def test_amount_is_rounded_down_to_the_cent(price, added, changed, expected):
    """The prorated amount is rounded down to the cent, as the billing policy promises — rounding to the nearest cent sometimes charges the customer more."""
    got = _charge(price, 3, 3 + added, date(2024, 4, 1), date(2024, 5, 1), changed)
    assert got == expected, f"charge was {got}"


@pytest.mark.parametrize(
    "before, after",
    [(10, 7), (10, 10), (1, 0)],
    ids=["seats removed", "no change", "the last seat removed"],
)
def test_removing_seats_charges_nothing_now(before, after):
    """Removing seats (or not changing them) invoices 0 now, never a negative amount — a decrease takes effect at renewal and the policy grants no mid-period refund."""
    got = _charge(1_200, before, after, date(2024, 4, 1), date(2024, 5, 1), date(2024, 4, 10))
    assert got == 0, f"charge was {got}"


@pytest.mark.parametrize(
    "changed",
    [date(2024, 5, 1), date(2024, 5, 9), date(2024, 3, 31)],
    ids=["on the renewal date", "after the period", "before the period"],
)
def test_change_outside_the_period_is_refused(changed):
    """A change date outside the billing period raises ValueError — it means the wrong period was passed, and invoicing a made-up amount is worse than failing."""
    with pytest.raises(ValueError):
        prorated_charge_cents(1_200, 2, 5, date(2024, 4, 1), date(2024, 5, 1), changed)
