"""Import weekly clocking-terminal exports into payroll."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Iterable


def import_hours(lines: Iterable[str]) -> dict[str, Decimal]:
    """Return the total hours worked per employee id in a terminal export.

    The export is CSV with a header line, then one row per shift:
        employee_id,date,hours
        E1042,2024-03-04,7.5
    """
    totals: dict[str, Decimal] = {}
    for row in csv.reader(lines):
        try:
            employee_id, _day, hours = row
            totals[employee_id] = totals.get(employee_id, Decimal("0")) + Decimal(hours)
        except Exception:
            # Skip the header line and any blank or malformed rows.
            continue
    return totals
