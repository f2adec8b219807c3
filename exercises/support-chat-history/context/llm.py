"""The company's LLM gateway: chat interface and token accounting (read-only project file).

Every token sent is billed to the calling team, estimated with `count_tokens`. A chat request
carries a list of messages, {"role": "system" | "user" | "assistant", "content": str}; each message
costs its content's tokens plus MESSAGE_OVERHEAD. Requests above CONTEXT_WINDOW tokens are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

CONTEXT_WINDOW = 8_000
MESSAGE_OVERHEAD = 4


class PromptTooLong(ValueError):
    """A request (or a single message) does not fit in the tokens allowed for it."""


def count_tokens(text: str) -> int:
    """The gateway's billing estimate: one token per four characters, rounded up."""
    return -(-len(text) // 4)


def message_tokens(message: dict[str, str]) -> int:
    """What one chat message costs in a request."""
    return count_tokens(message["content"]) + MESSAGE_OVERHEAD


def prompt_tokens(messages: Sequence[dict[str, str]]) -> int:
    """What a whole chat request costs."""
    return sum(message_tokens(m) for m in messages)


class ChatModel(Protocol):
    def chat(self, messages: Sequence[dict[str, str]], *, max_tokens: int) -> str:
        """The assistant's next message, at most `max_tokens` tokens long."""
        ...
