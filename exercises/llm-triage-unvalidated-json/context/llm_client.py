"""The project's client for the hosted language model (read-only project file).

Conventions (docs/llm.md):
- Every call passes max_tokens; a reply can stop mid-sentence when the limit is reached.
- The client already retries transport errors with backoff. When it gives up it raises
  ModelUnavailable; callers must not retry that themselves.
- A model's reply is untrusted input. It is text, not a data structure: validate it like a form
  post before anything else uses it.
"""

from __future__ import annotations

from typing import Protocol


class ModelUnavailable(Exception):
    """The model API could not answer (timeout, 5xx, rate limit) after the client's own retries."""


class ChatModel(Protocol):
    def complete(self, prompt: str, *, max_tokens: int) -> str:
        """Send `prompt`, return the model's reply text."""
