"""Visible tests for clinic-reminder-time: run them with Check."""

from datetime import datetime, timezone

import clock
from bookings import Booking
from reminder_schedule import due_reminders, reminder_time

UTC = timezone.utc


def test_winter_reminder():
    """A January appointment is reminded at 18:00 the evening before (18:00 UTC in winter)."""
    got = reminder_time(datetime(2025, 1, 15, 9, 30, tzinfo=UTC))
    assert got == datetime(2025, 1, 14, 18, 0, tzinfo=UTC), f"reminder at {got.isoformat()}"


def test_due_reminder_on_a_frozen_clock():
    """With the project clock frozen at 18:05 on the evening before, the booking is due."""
    clock.freeze(datetime(2025, 1, 14, 18, 5, tzinfo=UTC))
    try:
        booking = Booking(1, "+447700900001", datetime(2025, 1, 15, 9, 30, tzinfo=UTC))
        assert due_reminders([booking]) == [booking], "the booking was not due"
    finally:
        clock.freeze(None)
