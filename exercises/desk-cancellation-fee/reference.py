"""Late-cancellation fees for meeting-room bookings (ticket DESK-58)."""

from datetime import datetime, timedelta

FREE_NOTICE = timedelta(hours=48)  # 48 hours or more: free
HALF_PRICE_NOTICE = timedelta(hours=24)  # 24 hours or more (but under 48): half price


def cancellation_fee_cents(
    price_cents: int,
    starts_at: datetime,
    cancelled_at: datetime,
    first_booking: bool = False,
) -> int:
    """Fee in cents for cancelling a booking that costs `price_cents` and starts at `starts_at`.

    Both datetimes are timezone-aware; the notice is the exact duration between them.
    """
    notice = starts_at - cancelled_at
    if first_booking and notice > timedelta(0):
        return 0  # a member's first booking is free to cancel before it starts
    if notice >= FREE_NOTICE:
        return 0
    if notice >= HALF_PRICE_NOTICE:
        return price_cents // 2  # half price, rounded down to the cent
    return price_cents  # under 24 hours, or a no-show
