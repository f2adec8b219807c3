"""SMS reminders for clinic appointments (CLIN-88)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Iterable

import clock
from bookings import Booking

REMINDER_AT = time(18, 0)  # 18:00 on the clinic's wall clock, the evening before


def reminder_time(starts_at: datetime) -> datetime:
    """When to send the reminder for an appointment starting at `starts_at` (aware, UTC).

    "The evening before" is a clinic wall-clock notion: take the appointment's date in
    clinic time, step back one calendar day and ask the clock helper for the UTC instant
    of 18:00 on that day. That is 18:00 UTC in winter and 17:00 UTC in summer.
    """
    appointment_day = clock.to_clinic_time(starts_at).date()
    return clock.clinic_instant(appointment_day - timedelta(days=1), REMINDER_AT)


def due_reminders(bookings: Iterable[Booking]) -> list[Booking]:
    """Bookings whose reminder should be sent now: reminder time passed, appointment ahead."""
    now = clock.now()
    return [
        booking
        for booking in bookings
        if not booking.reminded and reminder_time(booking.starts_at) <= now < booking.starts_at
    ]
