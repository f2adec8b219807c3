"""The support desk's gateway to the language model (read-only project file).

`ModelClient.complete` sends one prompt and returns the model's text. Like most model SDKs it
waits as long as the provider takes unless you pass `timeout=` (seconds): with `timeout=None`
a request stuck at an overloaded provider holds the worker forever. It raises:

- ModelUnavailable for transient failures: the timeout expired, 429 "overloaded", 500/502/503/529.
  The same request usually works a little later.
- ModelRejected for permanent failures: 400 (prompt too long, blocked by the content filter),
  401/403 (revoked key). Repeating the request gives the same answer.

House rules for every feature that calls the model (DESK-ADR-7, "the desk never waits for AI"):
- pass `timeout=` on every call, at most MODEL_TIMEOUT_S;
- at most MAX_MODEL_ATTEMPTS attempts in all, retrying only ModelUnavailable, pausing
  RETRY_PAUSES_S[n] before retry n+1 through the injected `sleep`;
- when the model cannot answer, degrade to the rule-based path instead of failing the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

MODEL_TIMEOUT_S = 15.0
MAX_MODEL_ATTEMPTS = 3
RETRY_PAUSES_S = (2.0, 4.0)

QUEUES = ("billing", "technical", "account", "general")


class ModelError(Exception):
    """Base class for errors reported by the model provider."""


class ModelUnavailable(ModelError):
    """Transient: timeout, 429 overloaded, 5xx. Worth retrying later."""


class ModelRejected(ModelError):
    """Permanent: 400 prompt rejected, 401/403 bad key. Retrying gives the same answer."""


class ModelClient(Protocol):
    def complete(self, prompt: str, *, max_tokens: int, timeout: float | None = None) -> str:
        """The model's answer to `prompt`; waits forever when `timeout` is None."""
        ...


@dataclass(frozen=True)
class Triage:
    queue: str  # one of QUEUES
    source: str  # "model" or "rules": the dashboard shows agents which path decided


_RULES = (
    ("billing", r"invoice|refund|charge|payment|billing"),
    ("account", r"password|log ?in|sign ?in|2fa|account"),
    ("technical", r"error|crash|bug|broken|api|timeout"),
)


def keyword_triage(subject: str, body: str) -> Triage:
    """The rule-based triage the desk used before the model: always answers, never waits."""
    text = f"{subject}\n{body}".lower()
    for queue, pattern in _RULES:
        if re.search(pattern, text):
            return Triage(queue, "rules")
    return Triage("general", "rules")
