"""Errors the payroll tool shows to the payroll clerk (read-only project file)."""


class PayrollImportError(Exception):
    """Base class for every import failure; the import screen shows str(error) to the clerk."""


class TimesheetError(PayrollImportError):
    """One row of a clocking-terminal export could not be imported.

    `line_no` is the 1-based line of the export file, so the clerk can open it and fix that row.
    """

    def __init__(self, line_no: int, reason: str) -> None:
        super().__init__(f"line {line_no}: {reason}")
        self.line_no = line_no
        self.reason = reason
