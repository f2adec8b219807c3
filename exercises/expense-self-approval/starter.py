"""Approve expense claims in the payroll tool (`POST /claims/<id>/approve`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Claim:
    id: int
    employee_id: int
    amount_cents: int
    status: str = "submitted"  # "submitted", "approved" or "rejected"
    approved_by: int | None = None


class ApprovalError(Exception):
    """The approval is not allowed; the web layer answers 403 with the message."""


def approve_claim(claim: Claim, approver_id: str, approval_limits: Mapping[int, int]) -> Claim:
    """Approve `claim` on behalf of `approver_id` (the gateway's X-Employee-Id header).

    `approval_limits` maps each approver's employee id to the largest claim, in cents, they may
    approve. Returns the approved claim; raises ApprovalError when the approval isn't allowed.
    """
    if claim.status != "submitted":
        raise ApprovalError(f"claim {claim.id} is already {claim.status}")

    # Four-eyes rule: nobody approves their own expenses.
    if claim.employee_id == approver_id:
        raise ApprovalError("you cannot approve your own claim")

    limit_cents = approval_limits.get(int(approver_id))
    if limit_cents is None:
        raise ApprovalError("you are not an approver")
    if claim.amount_cents > limit_cents:
        raise ApprovalError("this claim is above your approval limit")

    return replace(claim, status="approved", approved_by=int(approver_id))
