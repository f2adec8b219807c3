"""First-pass review of expense claims by the model, against the travel and expense policy."""

from __future__ import annotations

from expenses import Claim, Verdict
from llm import LLM
from policy import HANDBOOK

INSTRUCTIONS = (
    "You review employee expense claims for Northwind Group against the policy below.\n"
    "Answer APPROVE or REJECT on the first line, then one sentence giving the reason.\n"
)


def review_claims(claims: list[Claim], llm: LLM) -> list[Verdict]:
    """One Verdict per claim, in the order given."""
    verdicts: list[Verdict] = []
    for claim in claims:
        # Give the model the whole policy so it has all the context it could need.
        prompt = (
            f"{INSTRUCTIONS}\nPOLICY:\n{HANDBOOK}\n"
            f"CLAIM: {claim.category}, {claim.amount} EUR on {claim.day.isoformat()}"
            f" by {claim.employee}: {claim.description}\n"
        )
        answer = llm.complete(prompt, max_tokens=60)
        verdicts.append(_parse_verdict(claim.id, answer))
    return verdicts


def _parse_verdict(claim_id: int, answer: str) -> Verdict:
    """APPROVE/REJECT on the first line; anything else goes to a person."""
    first, _, rest = answer.strip().partition("\n")
    decision = first.strip().upper()
    if decision not in ("APPROVE", "REJECT"):
        return Verdict(claim_id, False, "unclear model answer: needs manual review")
    return Verdict(claim_id, decision == "APPROVE", rest.strip())
