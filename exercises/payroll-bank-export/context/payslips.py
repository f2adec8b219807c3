"""Payslips as the payroll run produces them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Payslip:
    employee_id: int
    employee_name: str
    iban: str
    net_cents: int  # what the employee receives, in cents
