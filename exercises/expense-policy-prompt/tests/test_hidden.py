import random
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

import policy
from expenses import Claim, Verdict
from expense_review import review_claims
from llm import CONTEXT_WINDOW, count_tokens

OWN_SECTIONS = [c for c in policy.categories() if c != "general"]
OTHER_CATEGORIES = ["stationery", "visa_fees", "other"]
EMPLOYEES = ["A. Okafor", "B. Lindqvist", "C. Moreau", "D. Nakamura", "E. Duarte"]
# Room for the instructions and the claim line on top of the policy text itself.
OVERHEAD_TOKENS = 200


class PromptTooLong(RuntimeError):
    """The gateway refuses prompts over the context window."""


def rules_for(category):
    return policy.section(category if category in OWN_SECTIONS else "general")


def limit_of(category):
    return Decimal(re.search(r"Limit: ([\d.]+)", rules_for(category)).group(1))


class FakeReviewer:
    """The model behind the gateway. Like a real one, it can only apply rules it is shown: it
    finds the claim in the prompt and compares the amount with the limit of the section that
    applies, if that section is in the prompt."""

    def __init__(self, claims, fixed_answer=None):
        self.claims = claims
        self.fixed_answer = fixed_answer
        self.prompts = []

    def complete(self, prompt, *, max_tokens):
        self.prompts.append(prompt)
        if count_tokens(prompt) > CONTEXT_WINDOW:
            raise PromptTooLong(f"{count_tokens(prompt)} tokens")
        if self.fixed_answer is not None:
            return self.fixed_answer
        claim = next((c for c in self.claims if c.description in prompt), None)
        if claim is None or str(claim.amount) not in prompt:
            return "REJECT\nI could not find a complete claim in the request."
        if rules_for(claim.category) not in prompt:
            return "REJECT\nNo policy rule I was given covers this expense."
        if claim.amount <= limit_of(claim.category):
            return "APPROVE\nWithin the policy limit."
        return "REJECT\nAbove the policy limit."


def make_claims(seed, count, categories):
    rng = random.Random(seed)
    claims = []
    for i in range(count):
        category = rng.choice(categories)
        limit = limit_of(category)
        amount = (limit * Decimal(rng.choice([20, 55, 90, 100, 101, 130])) / 100).quantize(Decimal("0.01"))
        claims.append(Claim(
            id=500 + i,
            employee=rng.choice(EMPLOYEES),
            category=category,
            amount=amount,
            day=date(2025, 4, 1) + timedelta(days=rng.randrange(30)),
            description=f"{category.replace('_', ' ')} expense, receipt NW-{seed:02d}{i:04d}",
        ))
    return claims


def expected(claims):
    return [c.amount <= limit_of(c.category) for c in claims]


def check_verdicts(claims, got):
    assert type(got) is list, f"review_claims returned a {type(got).__name__}, not a list"
    assert len(got) == len(claims), f"{len(got)} verdicts for {len(claims)} claims"
    for claim, approved, verdict in zip(claims, expected(claims), got):
        assert type(verdict) is Verdict, "every item must be a Verdict"
        assert verdict.claim_id == claim.id, f"verdict for claim {verdict.claim_id} where {claim.id} was expected"
        assert verdict.approved is approved, (
            f"a {claim.category} claim was {'approved' if verdict.approved else 'rejected'}: {verdict.reason!r}"
        )


@pytest.mark.parametrize(
    "seed, count, categories",
    [
        (3, 40, OWN_SECTIONS),
        (11, 25, ["meals", "hotels", "taxis"]),
        (27, 30, ["training", "home_office", "client_entertainment", "mileage"]),
    ],
    ids=["a month of claims in every category", "a sales trip", "categories late in the handbook"],
)
def test_verdicts_follow_the_policy(seed, count, categories):
    """Each claim is approved exactly when its amount is within the limit of its category's
    section, one model call per claim — the model can only apply the rules it is shown, so the
    section that applies must be in the prompt, word for word."""
    claims = make_claims(seed, count, categories)
    model = FakeReviewer(claims)
    check_verdicts(claims, review_claims(claims, model))
    assert len(model.prompts) == len(claims), f"{len(model.prompts)} model calls for {len(claims)} claims"


def test_category_without_its_own_section_uses_the_general_rules():
    """A claim whose category has no section of its own (stationery, visa fees...) is judged
    by the general rules, as the handbook says — it must not crash the run or be judged by
    nothing."""
    claims = make_claims(8, 24, OTHER_CATEGORIES + ["meals"])
    check_verdicts(claims, review_claims(claims, FakeReviewer(claims)))


@pytest.mark.parametrize(
    "seed, categories",
    [(5, OWN_SECTIONS), (19, OTHER_CATEGORIES)],
    ids=["claims with their own section", "claims under the general rules"],
)
def test_each_prompt_carries_only_the_rules_that_apply(seed, categories):
    """A prompt holds the instructions, the claim and the policy sections that apply to it —
    not the whole handbook: every prompt token is billed, and sending 48 pages with each of
    thousands of claims multiplies the bill and the latency by the size of the handbook."""
    claims = make_claims(seed, 30, categories)
    model = FakeReviewer(claims)
    review_claims(claims, model)
    general = count_tokens(policy.section("general"))
    for claim, prompt in zip(claims, model.prompts):
        budget = general + count_tokens(rules_for(claim.category)) + OVERHEAD_TOKENS
        used = count_tokens(prompt)
        assert used <= budget, (
            f"a {claim.category} claim was sent with a {used}-token prompt; the rules that apply "
            f"fit in {budget} (the whole handbook is {count_tokens(policy.HANDBOOK)})"
        )


def test_total_cost_follows_the_claims_not_the_handbook():
    """A month of claims costs in prompt tokens about what the claims and their rules weigh,
    far less than one handbook per claim."""
    claims = make_claims(41, 60, OWN_SECTIONS + OTHER_CATEGORIES)
    model = FakeReviewer(claims)
    review_claims(claims, model)
    total = sum(count_tokens(p) for p in model.prompts)
    handbook_per_claim = count_tokens(policy.HANDBOOK) * len(claims)
    assert total * 2 <= handbook_per_claim, (
        f"{total} prompt tokens for {len(claims)} claims; a handbook per claim would be {handbook_per_claim}"
    )


@pytest.mark.parametrize(
    "answer",
    ["Sure! Looking at this claim, it seems mostly fine.", "", "MAYBE\nThe receipt is unclear."],
    ids=["a chatty answer", "an empty answer", "an answer that is neither approve nor reject"],
)
def test_unclear_answer_goes_to_a_person(answer):
    """An answer that does not start with APPROVE or REJECT is not approved: the claim goes to
    manual review, so a rambling model never pays out money on its own."""
    claims = make_claims(2, 3, ["meals"])
    got = review_claims(claims, FakeReviewer(claims, fixed_answer=answer))
    assert type(got) is list and len(got) == 3, f"got {got!r}"
    for verdict in got:
        assert type(verdict) is Verdict and verdict.approved is False, f"got {verdict!r}"
        assert "manual review" in verdict.reason, f"reason was {verdict.reason!r}"


def test_no_claims_no_calls():
    """A day without claims makes no model call at all."""
    model = FakeReviewer([])
    assert review_claims([], model) == []
    assert model.prompts == [], f"{len(model.prompts)} model calls for no claims"
