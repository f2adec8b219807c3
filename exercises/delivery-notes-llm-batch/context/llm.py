"""The company's LLM gateway: the interface every model call goes through (read-only project file).

The gateway bills each team for every prompt token and every completion token, using the
estimate in `count_tokens`. Prompts longer than CONTEXT_WINDOW tokens are refused.
"""

from __future__ import annotations

from typing import Protocol

CONTEXT_WINDOW = 16_000


def count_tokens(text: str) -> int:
    """The gateway's billing estimate: one token per four characters, rounded up."""
    return -(-len(text) // 4)


class LLM(Protocol):
    def complete(self, prompt: str, *, max_tokens: int) -> str:
        """The model's answer to `prompt`, at most `max_tokens` tokens long."""
        ...
