"""Approved timesheets and the payroll provider's conventions (read-only project file).

The provider takes one timesheet per POST to /v1/timesheets and answers 201 when it is accepted,
422 when it rejects the timesheet (hours over the legal maximum, unknown employee...), and 5xx
when it is in trouble. It is idempotent by `external_id`: re-sending a timesheet is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class ProviderError(Exception):
    """The provider failed (5xx or a broken connection): stop, the scheduler retries the run later."""


@dataclass(frozen=True)
class Timesheet:
    id: str
    employee_id: str
    week: str  # ISO week, "2025-W14"
    hours: Decimal

    def as_payload(self) -> dict[str, str]:
        return {"external_id": self.id, "employee": self.employee_id, "week": self.week, "hours": str(self.hours)}
