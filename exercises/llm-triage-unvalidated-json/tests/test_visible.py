"""Check you can run: a clean JSON reply."""

import json

from ticket_triage import triage_ticket
from triage_models import Triage


class OneReply:
    def __init__(self, reply):
        self.reply = reply

    def complete(self, prompt, *, max_tokens):
        return self.reply


def test_clean_reply():
    """A clean JSON reply becomes the triage."""
    reply = json.dumps({"category": "billing", "priority": "normal", "summary": "Asks for a copy of invoice 2024-118."})
    got = triage_ticket("Invoice copy", "Could you resend invoice 2024-118?", OneReply(reply))
    assert got == Triage("billing", "normal", "Asks for a copy of invoice 2024-118."), f"got {got}"
