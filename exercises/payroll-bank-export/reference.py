"""Monthly bank-transfer file for the payroll run (PAY-231)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

from audit import audit
from payslips import Payslip
from settings import get_settings
from storage import write_private

HEADER = ["debtor_iban", "creditor_name", "creditor_iban", "amount", "reference"]


def _amount(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def export_bank_file(payslips: Iterable[Payslip], period: str, run_by: str) -> Path:
    """Write the bank-transfer CSV for one payroll period (e.g. "2026-05") and return its path.

    Configuration comes from the project's settings at call time, the file is written with
    the project's private-file helper, and the action goes to the audit trail.
    """
    settings = get_settings()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    count = 0
    total_cents = 0
    for slip in payslips:
        row = [settings.company_iban, slip.employee_name, slip.iban, _amount(slip.net_cents), f"Salary {period}"]
        writer.writerow(row)
        count += 1
        total_cents += slip.net_cents

    path = Path(settings.export_dir) / f"payroll-{period}.csv"
    write_private(path, buffer.getvalue())
    audit(
        "payroll.bank_file_exported",
        actor=run_by,
        period=period,
        payslips=count,
        total_cents=total_cents,
        file=path.name,
    )
    return path
