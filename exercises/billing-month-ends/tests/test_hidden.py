"""Hidden tests for PAY-311: month ends, leap days and the last business day."""

from datetime import date

import pytest

from billing_calendar import annual_renewal_date, monthly_charge_date, payroll_cutoff


def _is_date(value):
    assert type(value) is date, f"expected a datetime.date, got {type(value).__name__}"
    return value


@pytest.mark.parametrize("months, expected", [(0, date(2024, 1, 15)), (1, date(2024, 2, 15)), (11, date(2024, 12, 15)), (12, date(2025, 1, 15)), (25, date(2026, 2, 15))],
                         ids=["the sign-up date itself", "the next month", "the end of the first year", "across a year end", "two years later"])
def test_mid_month_charges(months, expected):
    """A mid-month sign-up is charged on the same day every month, across year ends — the ordinary case must keep working."""
    got = _is_date(monthly_charge_date(date(2024, 1, 15), months))
    assert expected == got, f"charge date was {got}"


@pytest.mark.parametrize("months, expected", [(1, date(2024, 2, 29)), (2, date(2024, 3, 31)), (3, date(2024, 4, 30)), (4, date(2024, 5, 31)), (13, date(2025, 2, 28)), (14, date(2025, 3, 31)), (11, date(2024, 12, 31))],
                         ids=["a leap February", "the month after February", "a 30-day month", "a 31-day month after a short one",
                              "an ordinary February", "the month after an ordinary February", "the last month of the year"])
def test_month_end_signup_returns_to_its_day(months, expected):
    """A sign-up on the 31st is charged on the last day of shorter months and back on the 31st afterwards — drifting to the 29th after February charges customers early every month."""
    got = _is_date(monthly_charge_date(date(2024, 1, 31), months))
    assert expected == got, f"charge date was {got}"


@pytest.mark.parametrize("anchor, months, expected", [
    (date(2023, 1, 30), 1, date(2023, 2, 28)),
    (date(2023, 1, 30), 2, date(2023, 3, 30)),
    (date(2024, 2, 29), 1, date(2024, 3, 29)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 13, date(2025, 3, 29)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2024, 10, 31), 4, date(2025, 2, 28)),
    (date(2024, 10, 31), 5, date(2025, 3, 31)),
], ids=["a 30th in February", "a 30th after February", "a leap day in March", "a leap day a year later",
        "a leap day thirteen months later", "a leap day four years later", "an October 31st in February",
        "an October 31st in March"])
def test_other_late_month_signups(anchor, months, expected):
    """Sign-ups on the 29th or 30th follow the same rule: the last day only in months that are too short, then back to the sign-up day."""
    got = _is_date(monthly_charge_date(anchor, months))
    assert expected == got, f"charge date was {got}"


@pytest.mark.parametrize("months, expected", [(1, date(2023, 3, 28)), (2, date(2023, 4, 28)), (12, date(2024, 2, 28))],
                         ids=["a 31-day month", "a 30-day month", "a leap February"])
def test_signup_on_28_february_stays_on_the_28th(months, expected):
    """A sign-up on 28 February is charged on the 28th, not on the last day of every month — it is a date, not "the end of the month"."""
    got = _is_date(monthly_charge_date(date(2023, 2, 28), months))
    assert expected == got, f"charge date was {got}"


@pytest.mark.parametrize("start, years, expected", [(date(2023, 6, 15), 1, date(2024, 6, 15)), (date(2024, 2, 28), 1, date(2025, 2, 28)), (date(2023, 3, 1), 1, date(2024, 3, 1)), (date(2019, 12, 31), 5, date(2024, 12, 31))],
                         ids=["a mid-year start", "the 28th of February", "the first of March after a leap day",
                              "New Year's Eve five years on"])
def test_ordinary_renewals(start, years, expected):
    """Annual plans renew on the same day and month — the ordinary renewal must keep working."""
    got = _is_date(annual_renewal_date(start, years))
    assert expected == got, f"renewal date was {got}"


@pytest.mark.parametrize("years, expected", [(1, date(2025, 2, 28)), (3, date(2027, 2, 28)), (4, date(2028, 2, 29)), (8, date(2032, 2, 29))],
                         ids=["one year later", "three years later", "the next leap year", "two leap years later"])
def test_leap_day_renewal(years, expected):
    """A plan started on 29 February renews on 28 February in non-leap years and on 29 February in leap years — never in March, which the renewal notice does not promise."""
    got = _is_date(annual_renewal_date(date(2024, 2, 29), years))
    assert expected == got, f"renewal date was {got}"


def test_leap_day_renewal_in_a_century_year():
    """Century years that are not divisible by 400 are not leap years, so a 29 February plan renews on 28 February in them."""
    got = _is_date(annual_renewal_date(date(2096, 2, 29), 4))
    assert date(2100, 2, 28) == got, f"renewal date was {got}"
    got = _is_date(annual_renewal_date(date(1996, 2, 29), 4))
    assert date(2000, 2, 29) == got, f"renewal date was {got}"


@pytest.mark.parametrize("year, month, expected", [(2024, 1, date(2024, 1, 31)), (2024, 3, date(2024, 3, 29)), (2024, 2, date(2024, 2, 29)), (2025, 2, date(2025, 2, 28)), (2026, 2, date(2026, 2, 27)), (2024, 12, date(2024, 12, 31))],
                         ids=["a month ending on a weekday", "a month ending on a weekend", "a leap February",
                              "an ordinary February", "a February ending on a Saturday", "December"])
def test_cutoff_without_holidays(year, month, expected):
    """Without holidays the cut-off is the month's last Monday-to-Friday, in leap and ordinary Februaries too."""
    got = _is_date(payroll_cutoff(year, month, frozenset()))
    assert expected == got, f"cut-off was {got}"


def test_cutoff_skips_a_holiday_on_the_last_day():
    """When the last weekday is a public holiday the cut-off moves to the business day before — running payroll on a holiday means nobody approves it."""
    holidays = {date(2024, 12, 25), date(2024, 12, 26), date(2024, 12, 31)}
    got = _is_date(payroll_cutoff(2024, 12, holidays))
    assert date(2024, 12, 30) == got, f"cut-off was {got}"


def test_cutoff_skips_holiday_then_weekend():
    """A holiday on the last Monday of the month moves the cut-off back over the weekend to Friday."""
    got = _is_date(payroll_cutoff(2023, 7, [date(2023, 7, 31)]))
    assert date(2023, 7, 28) == got, f"cut-off was {got}"


def test_cutoff_skips_weekend_then_holiday():
    """A month ending on a weekend right after a holiday (Good Friday) gets the business day before the holiday."""
    got = _is_date(payroll_cutoff(2024, 3, frozenset({date(2024, 3, 29), date(2024, 4, 1)})))
    assert date(2024, 3, 28) == got, f"cut-off was {got}"


def test_cutoff_skips_several_holidays_in_a_row():
    """Several consecutive holidays at the end of the month are all skipped."""
    holidays = [date(2025, 10, 31), date(2025, 10, 30), date(2025, 10, 29)]
    got = _is_date(payroll_cutoff(2025, 10, holidays))
    assert date(2025, 10, 28) == got, f"cut-off was {got}"


def test_holidays_in_other_months_are_ignored():
    """Holidays from other months do not move this month's cut-off."""
    got = _is_date(payroll_cutoff(2024, 1, {date(2024, 2, 29), date(2023, 1, 31), date(2024, 12, 31)}))
    assert date(2024, 1, 31) == got, f"cut-off was {got}"
