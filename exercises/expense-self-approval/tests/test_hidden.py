import random

import pytest

from expense_approval import ApprovalError, Claim, approve_claim


def people(seed, n=12):
    rng = random.Random(seed)
    return rng.sample(range(1, 999_999), n)


def badge(employee_id):
    """How the gateway sends an id: the badge number, zero-padded to six digits."""
    return f"{employee_id:06d}"


@pytest.mark.parametrize(
    "seed", [5, 23, 61], ids=["a first group of employees", "a second group of employees", "a third group of employees"]
)
def test_approving_your_own_claim_is_refused(seed):
    """An approver can't approve a claim they submitted themselves, with their id exactly as the
    gateway sends it — otherwise anyone with an approval limit can pay themselves."""
    for employee in people(seed):
        limits = {employee: 10_000_000}
        claim = Claim(id=employee % 1000, employee_id=employee, amount_cents=4_500)
        with pytest.raises(ApprovalError):
            approve_claim(claim, badge(employee), limits)
            raise AssertionError("an employee approved their own claim with their badge number in the header")


def test_self_approval_refused_with_an_unpadded_header():
    """Self-approval is refused whether or not the id in the header is zero-padded — a different
    spelling of the same number is still the same person."""
    for employee in people(8):
        limits = {employee: 10_000_000}
        with pytest.raises(ApprovalError):
            approve_claim(Claim(id=1, employee_id=employee, amount_cents=100), str(employee), limits)
            raise AssertionError("an employee approved their own claim")


@pytest.mark.parametrize("seed", [2, 40], ids=["a first group of employees", "a second group of employees"])
def test_another_approver_can_approve(seed):
    """A different employee within their limit approves the claim: it comes back `approved`, with
    `approved_by` set to the approver's id as an int — the four-eyes check must not block
    legitimate approvals."""
    staff = people(seed)
    for submitter, approver in zip(staff, reversed(staff)):
        if submitter == approver:
            continue
        claim = Claim(id=submitter % 97, employee_id=submitter, amount_cents=7_250)
        approved = approve_claim(claim, badge(approver), {approver: 100_000})
        assert type(approved) is Claim, f"approve_claim returned a {type(approved).__name__}"
        assert approved.status == "approved", f"status {approved.status!r}"
        assert type(approved.approved_by) is int, f"approved_by is a {type(approved.approved_by).__name__}"
        assert approved.approved_by == approver, "approved_by is not the approver's id"
        assert (approved.id, approved.employee_id, approved.amount_cents) == (claim.id, submitter, 7_250), "the claim changed"


def test_limit_is_inclusive():
    """An approver may approve a claim of exactly their limit, but not one cent more."""
    limits = {8801: 25_000}
    approved = approve_claim(Claim(id=9, employee_id=1205, amount_cents=25_000), badge(8801), limits)
    assert approved.status == "approved", f"status {approved.status!r}"
    with pytest.raises(ApprovalError):
        approve_claim(Claim(id=10, employee_id=1205, amount_cents=25_001), badge(8801), limits)


def test_only_listed_approvers_can_approve():
    """Someone who isn't in the approval list is refused — having a login is not a permission to
    approve money."""
    with pytest.raises(ApprovalError):
        approve_claim(Claim(id=11, employee_id=1205, amount_cents=100), badge(777), {8801: 25_000})


@pytest.mark.parametrize("status", ["approved", "rejected"], ids=["an already approved claim", "a rejected claim"])
def test_only_submitted_claims_can_be_approved(status):
    """A claim that was already approved or rejected can't be approved (again) — a replayed
    request must not pay a claim twice or overturn a rejection."""
    claim = Claim(id=12, employee_id=1205, amount_cents=100, status=status)
    with pytest.raises(ApprovalError):
        approve_claim(claim, badge(8801), {8801: 25_000})
