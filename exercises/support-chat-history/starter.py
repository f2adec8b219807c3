"""The support assistant in the customer chat widget (ticket CARE-118)."""

from __future__ import annotations

from llm import ChatModel


class SupportChat:
    """One customer's conversation with the support assistant."""

    def __init__(self, model: ChatModel, system_prompt: str) -> None:
        self.model = model
        # The model is stateless, so we send it the whole conversation every time.
        self.history: list[dict[str, str]] = [{"role": "system", "content": system_prompt}]

    def ask(self, text: str) -> str:
        """Send the customer's message and return the assistant's reply."""
        self.history.append({"role": "user", "content": text})
        reply = self.model.chat(self.history, max_tokens=400)
        self.history.append({"role": "assistant", "content": reply})
        return reply
