"""Mid-cycle seat changes for Planwise workspaces (ticket BILL-214)."""

from __future__ import annotations

from datetime import date


def prorated_charge_cents(
    seat_price_cents: int,
    seats_before: int,
    seats_after: int,
    period_start: date,
    period_end: date,
    changed_on: date,
) -> int:
    """Amount to invoice now when a workspace changes its seat count during a billing period.

    `seat_price_cents` is the price of one seat for the whole period (a month or a year);
    `period_end` is the renewal date, the first day of the next period. Added seats are charged
    for the days left, the change day included, rounded down to the cent; removed seats are
    credited at renewal, never refunded now.
    """
    if not period_start <= changed_on < period_end:
        raise ValueError(f"{changed_on} is outside the billing period {period_start}..{period_end}")
    added_seats = seats_after - seats_before
    if added_seats <= 0:
        return 0
    period_days = (period_end - period_start).days  # 28 to 31 days, or 365/366 on a yearly plan
    days_left = (period_end - changed_on).days
    # Integer arithmetic: the exact amount, rounded down in the customer's favour.
    return added_seats * seat_price_cents * days_left // period_days
