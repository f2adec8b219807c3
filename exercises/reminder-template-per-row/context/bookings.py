"""Booking records of the clinic scheduling service (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Clinic:
    id: str
    name: str
    reminder_template: str  # msgtemplate syntax; each clinic words its reminders its own way


@dataclass(frozen=True)
class Appointment:
    id: int
    clinic_id: str
    first_name: str
    practitioner: str
    starts_at: datetime
    status: str  # "booked" | "cancelled" | "attended"
    phone: str | None  # None when the patient opted out of SMS


@dataclass(frozen=True)
class Reminder:
    appointment_id: int
    phone: str
    text: str
