"""Calendar rules for subscriptions and payroll (ticket PAY-311)."""

import calendar
from collections.abc import Collection
from datetime import date, timedelta

SATURDAY = 5


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def monthly_charge_date(anchor: date, months_after: int) -> date:
    """Date of the monthly charge `months_after` months after the sign-up date `anchor`.

    Always computed from the anchor: the sign-up day, or the month's last day when the month
    is shorter, so 31 Jan -> 29 Feb -> 31 Mar.
    """
    year, month_index = divmod(anchor.month - 1 + months_after, 12)
    year += anchor.year
    month = month_index + 1
    return date(year, month, min(anchor.day, _days_in_month(year, month)))


def annual_renewal_date(start: date, years: int) -> date:
    """Renewal date of an annual plan `years` years after `start`.

    A 29 February start renews on 28 February in non-leap years.
    """
    year = start.year + years
    if start.month == 2 and start.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return start.replace(year=year)


def payroll_cutoff(year: int, month: int, holidays: Collection[date] = ()) -> date:
    """Payroll cut-off: the last Monday-Friday of the month that is not a public holiday."""
    closed = set(holidays)
    cutoff = date(year, month, _days_in_month(year, month))
    while cutoff.weekday() >= SATURDAY or cutoff in closed:
        cutoff -= timedelta(days=1)
    return cutoff
