import io
from decimal import Decimal

import pytest

from payroll_errors import PayrollImportError, TimesheetError
from timesheet_import import import_hours

HEADER = "employee_id,date,hours\n"

GOOD_ROWS = [
    "E1042,2024-03-04,7.5\n",
    "E2001,2024-03-04,8\n",
    "E1042,2024-03-05,6.25\n",
    "E3310,2024-03-05,4\n",
    "E2001,2024-03-05,9.75\n",
    "E1042,2024-03-06,0.5\n",
]

# A malformed shift, as clocking terminals and people editing exports really produce them.
BAD_ROWS = {
    "decimal comma": "E2001,2024-03-06,7,5\n",
    "unit suffix": "E2001,2024-03-06,7.5h\n",
    "empty hours": "E2001,2024-03-06,\n",
    "missing employee": ",2024-03-06,7.5\n",
    "semicolons": "E2001;2024-03-06;7.5\n",
    "negative": "E2001,2024-03-06,-3\n",
    "not a number": "E2001,2024-03-06,NaN\n",
    "too many hours": "E2001,2024-03-06,31\n",
    "zero hours": "E2001,2024-03-06,0\n",
}


def _export(rows, header=True):
    return io.StringIO((HEADER if header else "") + "".join(rows))


def test_totals_per_employee():
    """Hours are summed per employee over the whole export, exactly (as Decimal) — the importer must keep doing its job."""
    totals = import_hours(_export(GOOD_ROWS))
    assert type(totals) is dict, f"import_hours returned {type(totals).__name__}"
    expected = {"E1042": Decimal("14.25"), "E2001": Decimal("17.75"), "E3310": Decimal("4")}
    assert expected == totals, f"totals were {totals!r}"
    assert all(type(v) is Decimal for v in totals.values()), "hours must be Decimal, not float"


def test_header_and_blank_lines_are_skipped():
    """The header line and blank lines (terminals end the file with one) are not errors."""
    rows = GOOD_ROWS[:2] + ["\n"] + GOOD_ROWS[2:4] + ["\n", "\n"]
    totals = import_hours(_export(rows))
    assert {"E1042": Decimal("13.75"), "E2001": Decimal("8"), "E3310": Decimal("4")} == totals, f"totals were {totals!r}"


def test_single_shift_export():
    """An export with one shift imports that shift."""
    totals = import_hours(_export(["E7788,2024-03-08,11.5\n"]))
    assert {"E7788": Decimal("11.5")} == totals, f"totals were {totals!r}"


@pytest.mark.parametrize("kind", list(BAD_ROWS), ids=[
    "a decimal comma", "a unit after the hours", "empty hours", "a missing employee id", "semicolons instead of commas",
    "negative hours", "hours that are not a number", "more hours than a day has", "zero hours"])
@pytest.mark.parametrize("position", [0, 3, 6], ids=["the first row", "a middle row", "the last row"])
def test_malformed_shift_is_reported_not_skipped(kind, position):
    """A shift that can't be read makes the import fail with the project's TimesheetError instead of being skipped — a silently dropped shift means someone is paid less than they worked."""
    rows = list(GOOD_ROWS)
    rows.insert(position, BAD_ROWS[kind])
    with pytest.raises(PayrollImportError) as info:
        import_hours(_export(rows))
    assert isinstance(info.value, TimesheetError), f"raised {type(info.value).__name__}, not TimesheetError"


@pytest.mark.parametrize("position", [0, 2, 5], ids=["the first row", "the third row", "the sixth row"])
def test_error_names_the_line_of_the_bad_shift(position):
    """The TimesheetError carries the 1-based line number of the bad row in the export file, so the payroll clerk can find and fix it."""
    rows = list(GOOD_ROWS)
    rows.insert(position, BAD_ROWS["decimal comma"] if position else BAD_ROWS["unit suffix"])
    with pytest.raises(TimesheetError) as info:
        import_hours(_export(rows))
    expected_line = position + 2  # after the header line
    assert info.value.line_no == expected_line, f"line_no was {info.value.line_no!r}"
    assert f"line {expected_line}" in str(info.value), f"message was {str(info.value)!r}"


def test_a_full_24_hour_shift_is_accepted():
    """A shift of exactly 24 hours (an on-call day) is valid and imported — the limit is inclusive."""
    totals = import_hours(_export(["E5150,2024-03-09,24\n", "E5150,2024-03-10,24.0\n"]))
    assert {"E5150": Decimal("48")} == totals, f"totals were {totals!r}"


def test_line_number_counts_blank_lines_too():
    """The line number is the line in the file as the clerk opens it, blank lines included."""
    rows = GOOD_ROWS[:2] + ["\n", "\n"] + [BAD_ROWS["unit suffix"]] + GOOD_ROWS[2:]
    with pytest.raises(TimesheetError) as info:
        import_hours(_export(rows))
    assert info.value.line_no == 6, f"line_no was {info.value.line_no!r}"
