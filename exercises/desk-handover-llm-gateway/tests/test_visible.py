"""Visible tests for desk-handover-llm-gateway: run them with Check."""

import llm_gateway
from handover_notes import handover_summary
from llm_gateway import Completion
from tickets import Message, Ticket


class EchoModel:
    def __init__(self):
        self.prompts = []

    def generate(self, prompt, *, max_tokens, temperature):
        self.prompts.append(prompt)
        return Completion("  - Customer cannot log in.  ", tokens_used=20)


def test_summary_through_a_fake_model():
    """The summary is the model's text, stripped, and the prompt carries the subject."""
    model = EchoModel()
    llm_gateway.configure(model)
    try:
        ticket = Ticket(1, "acme", "Cannot log in", "Ana", "ana@acme.example", "+34 600 000 000", "sk_test_0000000000", [Message("customer", "Login fails.")])
        assert handover_summary(ticket) == "- Customer cannot log in."
        assert "Cannot log in" in model.prompts[0]
    finally:
        llm_gateway.configure(None)
