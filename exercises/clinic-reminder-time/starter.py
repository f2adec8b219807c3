"""SMS reminders for clinic appointments (CLIN-88)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Iterable

from bookings import Booking

REMINDER_AT = time(18, 0)  # reminders go out at 18:00 the evening before


def reminder_time(starts_at: datetime) -> datetime:
    """When to send the reminder for an appointment starting at `starts_at` (UTC)."""
    day_before = starts_at.date() - timedelta(days=1)
    # Bookings are stored in UTC, so keep the reminder in UTC too.
    return datetime.combine(day_before, REMINDER_AT, tzinfo=timezone.utc)


def due_reminders(bookings: Iterable[Booking]) -> list[Booking]:
    """Bookings whose reminder should be sent now: reminder time passed, appointment ahead."""
    now = datetime.now(timezone.utc)
    return [
        booking
        for booking in bookings
        if not booking.reminded and reminder_time(booking.starts_at) <= now < booking.starts_at
    ]
