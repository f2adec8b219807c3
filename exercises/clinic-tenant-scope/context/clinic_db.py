"""Data access for the bookings service (project code; read-only in this exercise)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class Booking:
    id: int
    clinic_id: str
    patient_name: str
    starts_at: datetime


class BookingRepo(Protocol):
    """Every query is scoped by clinic: a clinic must never see another clinic's patients."""

    def bookings_for(self, clinic_id: str, day: date) -> list[Booking]: ...

    def cancel(self, clinic_id: str, booking_id: int) -> bool:
        """Cancel a booking of that clinic; False if the clinic has no such booking."""
        ...
