"""Data passed between the bookings store and the reminder job (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class Booking:
    id: int
    patient_name: str
    phone: str
    starts_at: datetime


@dataclass
class ReminderReport:
    """What a run did; the job prints it and the admin page shows it."""

    sent: list[int] = field(default_factory=list)    # booking ids texted and marked as reminded
    failed: list[int] = field(default_factory=list)  # booking ids whose text was not delivered


class ReminderStore(Protocol):
    """The bookings database, as the reminder job sees it."""

    def due_reminders(self, day: date) -> list[Booking]:
        """Bookings on `day` whose patient has not been reminded yet."""

    def mark_reminded(self, booking_id: int, message_id: str) -> None:
        """Record that the reminder went out (raises sqlite3.Error if the database fails)."""
