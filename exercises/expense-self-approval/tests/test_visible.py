"""Checks you can run: the assistant's own tests (look closely at the last one)."""

import pytest

from expense_approval import ApprovalError, Claim, approve_claim

LIMITS = {310: 50_000, 4127: 200_000}


def test_manager_approves_a_reports_claim():
    """A manager approves a claim within their limit."""
    approved = approve_claim(Claim(id=1, employee_id=4127, amount_cents=12_000), "310", LIMITS)
    assert approved.status == "approved" and approved.approved_by == 310, approved


def test_claim_over_the_limit_is_refused():
    """A claim above the approver's limit is refused."""
    with pytest.raises(ApprovalError):
        approve_claim(Claim(id=2, employee_id=4127, amount_cents=60_000), "310", LIMITS)


def test_nobody_approves_their_own_claim():
    """The four-eyes rule: approving your own claim is refused."""
    with pytest.raises(ApprovalError):
        approve_claim(Claim(id=3, employee_id=4127, amount_cents=9_000), 4127, LIMITS)  # type: ignore[arg-type]
