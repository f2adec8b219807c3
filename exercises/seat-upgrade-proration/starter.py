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

    `seat_price_cents` is the price of one seat for the whole period; `period_end` is the renewal date.
    """
    days_remaining = (period_end - changed_on).days
    daily_price = seat_price_cents / 30  # price per seat per day
    return round((seats_after - seats_before) * daily_price * days_remaining)
