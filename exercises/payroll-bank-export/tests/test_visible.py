"""Visible tests for payroll-bank-export: run them with Check."""

import csv

import settings as project_settings
from bank_export import export_bank_file
from payslips import Payslip
from settings import Settings


def test_export_uses_project_settings(tmp_path, monkeypatch):
    """The file lands in the configured export directory and pays from the configured IBAN."""
    monkeypatch.setenv("BANK_EXPORT_DIR", str(tmp_path / "not-here"))
    project_settings.configure(Settings(tmp_path, "Acme Payroll BV", "NL02RABO0123456789"))
    path = export_bank_file([Payslip(1, "Ana Lima", "NL91ABNA0417164300", 312_455)], "2026-05", "ana")
    assert path == tmp_path / "payroll-2026-05.csv", f"the file was written to {path}"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ["NL02RABO0123456789", "Ana Lima", "NL91ABNA0417164300", "3124.55", "Salary 2026-05"], rows
