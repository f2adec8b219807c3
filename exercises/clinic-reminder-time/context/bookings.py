"""Bookings as the repository returns them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Booking:
    id: int
    patient_phone: str
    starts_at: datetime  # aware, UTC
    reminded: bool = False
