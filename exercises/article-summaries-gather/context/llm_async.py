"""The company's LLM gateway, async client interface (read-only project file).

Each API key may have at most MAX_CONCURRENT requests in flight at once; a request beyond that is
answered straight away with HTTP 429, raised here as RateLimited. Every request is billed.
"""

from __future__ import annotations

from typing import Protocol

MAX_CONCURRENT = 8


class RateLimited(Exception):
    """HTTP 429: too many requests in flight for this API key."""


class AsyncLLM(Protocol):
    async def complete(self, prompt: str, *, max_tokens: int) -> str:
        """The model's answer to `prompt`, at most `max_tokens` tokens long."""
        ...
