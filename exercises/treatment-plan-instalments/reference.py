"""Payment plans for dental treatment: a deposit today, then equal monthly instalments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAX_MONTHS = 24
MAX_DEPOSIT_PERCENT = 50


@dataclass(frozen=True)
class Payment:
    due: date
    amount_cents: int
    kind: str  # "deposit" or "instalment"


def _first_of_month(start: date, months_later: int) -> date:
    """The 1st of the month `months_later` months after `start`'s month."""
    years, month_index = divmod(start.month - 1 + months_later, 12)
    return date(start.year + years, month_index + 1, 1)


def split_evenly(amount_cents: int, parts: int) -> list[int]:
    """Split `amount_cents` into `parts` whole-cent amounts that add up exactly.

    The amounts differ by at most one cent; the first `remainder` parts carry the extra cent.
    """
    base, remainder = divmod(amount_cents, parts)
    return [base + 1 if index < remainder else base for index in range(parts)]


def payment_plan(
    total_cents: int, start: date, months: int, deposit_percent: int = 20
) -> list[Payment]:
    """Split a treatment's price into a deposit due on `start` and `months` monthly instalments.

    Instalments fall due on the 1st of each following month. Amounts are whole cents and the
    payments always add up exactly to `total_cents`.
    """
    if total_cents <= 0:
        raise ValueError("the treatment price must be positive")
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"a plan runs for 1 to {MAX_MONTHS} months")
    if not 0 <= deposit_percent <= MAX_DEPOSIT_PERCENT:
        raise ValueError(f"the deposit is 0 to {MAX_DEPOSIT_PERCENT} percent")

    # Round the deposit down: we never ask for more upfront than the advertised percentage.
    deposit = total_cents * deposit_percent // 100

    plan: list[Payment] = []
    if deposit:
        plan.append(Payment(due=start, amount_cents=deposit, kind="deposit"))
    # Floor division alone would drop up to `months - 1` cents: share the remainder out instead.
    for month, amount in enumerate(split_evenly(total_cents - deposit, months), start=1):
        plan.append(Payment(due=_first_of_month(start, month), amount_cents=amount, kind="instalment"))
    return plan
