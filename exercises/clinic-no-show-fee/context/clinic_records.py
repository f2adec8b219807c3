"""Patient and visit records as the billing service receives them (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Outcomes of a visit, as recorded by reception.
ATTENDED = "attended"
NO_SHOW = "no_show"
CANCELLED_BY_PATIENT = "cancelled_by_patient"
CANCELLED_BY_CLINIC = "cancelled_by_clinic"


@dataclass(frozen=True)
class Patient:
    id: int
    name: str
    birth_date: date


@dataclass(frozen=True)
class Visit:
    day: date
    outcome: str  # one of the outcomes above
