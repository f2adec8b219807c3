"""The support assistant in the customer chat widget (ticket CARE-118)."""

from __future__ import annotations

from collections import deque

from llm import ChatModel, PromptTooLong, message_tokens

DEFAULT_BUDGET_TOKENS = 3_000


class SupportChat:
    """One customer's conversation, sent to the model as a window of its most recent messages."""

    def __init__(self, model: ChatModel, system_prompt: str, *, budget_tokens: int = DEFAULT_BUDGET_TOKENS) -> None:
        self.model = model
        self._system = {"role": "system", "content": system_prompt}
        self._budget = budget_tokens
        # Only what the next request could still carry is kept: the oldest messages fall out
        # once the budget is full, so neither the prompt nor the session grows with the chat.
        self._recent: deque[dict[str, str]] = deque()
        self._recent_tokens = 0

    def ask(self, text: str) -> str:
        """Send the customer's message and return the assistant's reply."""
        message = {"role": "user", "content": text}
        if message_tokens(self._system) + message_tokens(message) > self._budget:
            raise PromptTooLong("the message is too long for the chat; attach it as a file instead")
        self._remember(message)
        reply = self.model.chat([self._system, *self._recent], max_tokens=400)
        self._remember({"role": "assistant", "content": reply})
        return reply

    def _remember(self, message: dict[str, str]) -> None:
        """Append a message and forget the oldest ones until the window fits the budget."""
        self._recent.append(message)
        self._recent_tokens += message_tokens(message)
        room = self._budget - message_tokens(self._system)
        while self._recent_tokens > room:
            self._recent_tokens -= message_tokens(self._recent.popleft())
