"""Import weekly clocking-terminal exports into payroll."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from typing import Iterable

from payroll_errors import TimesheetError

HEADER = ["employee_id", "date", "hours"]
MAX_HOURS_PER_SHIFT = Decimal("24")


def _parse_hours(line_no: int, text: str) -> Decimal:
    """The hours of one shift: a finite decimal above 0 and at most 24."""
    try:
        hours = Decimal(text)
    except InvalidOperation as exc:
        raise TimesheetError(line_no, f"hours {text!r} is not a number like 7.5") from exc
    if not hours.is_finite() or not Decimal("0") < hours <= MAX_HOURS_PER_SHIFT:
        raise TimesheetError(line_no, f"hours {text!r} must be more than 0 and at most 24")
    return hours


def import_hours(lines: Iterable[str]) -> dict[str, Decimal]:
    """Return the total hours worked per employee id in a terminal export.

    The header line and blank lines are skipped; any other row that can't be read raises
    TimesheetError naming its line, and nothing is imported.
    """
    totals: dict[str, Decimal] = {}
    reader = csv.reader(lines)
    for row in reader:
        if not row or row == HEADER:
            continue
        if len(row) != len(HEADER) or not row[0].strip():
            raise TimesheetError(reader.line_num, f"expected employee_id,date,hours but got {','.join(row)!r}")
        employee_id, _day, hours_text = row
        hours = _parse_hours(reader.line_num, hours_text)
        totals[employee_id] = totals.get(employee_id, Decimal("0")) + hours
    return totals
