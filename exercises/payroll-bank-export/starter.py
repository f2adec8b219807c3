"""Monthly bank-transfer file for the payroll run (PAY-231)."""

from __future__ import annotations

import csv
import os
from datetime import datetime
from pathlib import Path
from typing import Iterable

from payslips import Payslip

HEADER = ["debtor_iban", "creditor_name", "creditor_iban", "amount", "reference"]


def export_bank_file(payslips: Iterable[Payslip], period: str, run_by: str) -> Path:
    """Write the bank-transfer CSV for one payroll period (e.g. "2026-05") and return its path."""
    # Configurable through the environment, with sensible defaults for local runs.
    export_dir = Path(os.environ.get("BANK_EXPORT_DIR", "/tmp/bank-exports"))
    company_iban = os.environ.get("COMPANY_IBAN", "")
    export_dir.mkdir(parents=True, exist_ok=True)

    path = export_dir / f"payroll-{period}.csv"
    count = 0
    total_cents = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for slip in payslips:
            amount = f"{slip.net_cents // 100}.{slip.net_cents % 100:02d}"
            writer.writerow([company_iban, slip.employee_name, slip.iban, amount, f"Salary {period}"])
            count += 1
            total_cents += slip.net_cents

    # Keep a record of who ran the export.
    print(f"[{datetime.now():%Y-%m-%d %H:%M}] {run_by} exported {count} payslips "
          f"({total_cents // 100}.{total_cents % 100:02d}) to {path}")
    return path
