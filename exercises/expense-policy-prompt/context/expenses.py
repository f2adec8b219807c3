"""Expense claims as the payroll service stores them (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Claim:
    id: int
    employee: str
    category: str  # "meals", "hotels", "rail_air", "taxis", ... or anything an employee typed
    amount: Decimal  # in EUR
    day: date
    description: str


@dataclass(frozen=True)
class Verdict:
    claim_id: int
    approved: bool
    reason: str
