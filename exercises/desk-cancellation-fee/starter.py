"""Late-cancellation fees for meeting-room bookings (ticket DESK-58)."""

from datetime import datetime


def cancellation_fee_cents(
    price_cents: int,
    starts_at: datetime,
    cancelled_at: datetime,
    first_booking: bool = False,
) -> int:
    """Fee in cents for cancelling a booking that costs `price_cents` and starts at `starts_at`."""
    hours_before = (starts_at - cancelled_at).total_seconds() / 3600

    if hours_before > 48:
        return 0  # plenty of notice: free
    if hours_before > 24:
        return round(price_cents * 0.5)  # short notice: half price
    return price_cents  # last-minute cancellation or no-show: full price
