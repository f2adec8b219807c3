"""Calendar rules for subscriptions and payroll (ticket PAY-311)."""

import calendar
from collections.abc import Collection
from datetime import date, timedelta


def _add_one_month(day: date) -> date:
    """Same day next month, clamped to the month's length (31 Jan -> 29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def monthly_charge_date(anchor: date, months_after: int) -> date:
    """Date of the monthly charge `months_after` months after the sign-up date `anchor`."""
    charge = anchor
    for _ in range(months_after):
        charge = _add_one_month(charge)
    return charge


def annual_renewal_date(start: date, years: int) -> date:
    """Renewal date of an annual plan `years` years after `start`."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        # 29 February in a non-leap year: roll over to 1 March.
        return date(start.year + years, 3, 1)


def payroll_cutoff(year: int, month: int, holidays: Collection[date] = ()) -> date:
    """Payroll cut-off: the last business day of the month."""
    cutoff = date(year, month, calendar.monthrange(year, month)[1])
    while cutoff.weekday() >= 5:  # Saturday or Sunday
        cutoff -= timedelta(days=1)
    return cutoff
