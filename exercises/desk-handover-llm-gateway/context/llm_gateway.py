"""The support desk's only way to call a language model.

House rules for LLM features (from docs/llm.md):

1. Product code calls complete(feature, prompt, tenant=...). The gateway applies the feature's
   output-token limit and temperature from LLM_FEATURES, charges the tokens to the tenant's
   daily budget, records the usage for billing, and raises BudgetExceeded (without calling the
   model) once the tenant's budget is spent. get_model() exists for the gateway itself and for
   offline evaluations only: a feature that calls the model directly has no limit, no budget and
   no usage record.
2. Prompts never contain credentials (API keys, passwords, tokens) or customers' contact
   details (e-mail addresses, phone numbers, card numbers). Leave structured secret and contact
   fields out of the prompt entirely, and pass every piece of free text (subjects, messages)
   through privacy.redact() first: customers paste keys and card numbers into tickets. The model
   provider stores prompts for 30 days.
3. Model output is untrusted text for a human to read; never execute or parse it as code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class FeatureSettings:
    max_output_tokens: int
    temperature: float


LLM_FEATURES = {
    "handover-summary": FeatureSettings(max_output_tokens=300, temperature=0.2),
    "reply-draft": FeatureSettings(max_output_tokens=600, temperature=0.5),
}


@dataclass(frozen=True)
class Completion:
    text: str
    tokens_used: int


class ChatModel(Protocol):
    def generate(self, prompt: str, *, max_tokens: int, temperature: float) -> Completion: ...


class BudgetExceeded(Exception):
    """The tenant's daily token budget is spent; the console shows "AI features paused"."""


@dataclass(frozen=True)
class Usage:
    tenant: str
    feature: str
    tokens: int


_model: ChatModel | None = None
_daily_budget = 0
_usage: list[Usage] = []


def configure(model: ChatModel | None, daily_budget_tokens: int = 50_000) -> None:
    """Set the model and each tenant's daily budget (done at start-up, and by tests)."""
    global _model, _daily_budget
    _model, _daily_budget = model, daily_budget_tokens
    _usage.clear()


def get_model() -> ChatModel:
    """The raw model. For the gateway and offline evaluations only — see rule 1."""
    if _model is None:
        raise RuntimeError("no language model configured")
    return _model


def usage() -> list[Usage]:
    """Every completion charged so far, for billing."""
    return list(_usage)


def spent_today(tenant: str) -> int:
    return sum(u.tokens for u in _usage if u.tenant == tenant)


def complete(feature: str, prompt: str, *, tenant: str) -> str:
    """Run one completion for a product feature, within the feature's limits and the budget."""
    settings = LLM_FEATURES[feature]
    if spent_today(tenant) >= _daily_budget:
        raise BudgetExceeded(f"tenant {tenant} has used today's AI budget")
    completion = get_model().generate(
        prompt, max_tokens=settings.max_output_tokens, temperature=settings.temperature
    )
    _usage.append(Usage(tenant, feature, completion.tokens_used))
    return completion.text
