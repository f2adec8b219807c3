import io
from decimal import Decimal

import pytest

from payroll_errors import TimesheetError
from timesheet_import import import_hours


def test_sums_hours():
    """Hours are summed per employee."""
    export = io.StringIO("employee_id,date,hours\nE1042,2024-03-04,7.5\nE1042,2024-03-05,8\n")
    assert import_hours(export) == {"E1042": Decimal("15.5")}


def test_bad_row_is_an_error():
    """A shift written as '7.5 h' must not disappear from payroll."""
    export = io.StringIO("employee_id,date,hours\nE1042,2024-03-04,7.5 h\n")
    with pytest.raises(TimesheetError):
        import_hours(export)
