"""Triage incoming support tickets with the language model (ticket DESK-907)."""

from __future__ import annotations

import json

from llm_client import ChatModel
from triage_models import Triage

PROMPT = """You are a support triage assistant. Classify the ticket below.
Answer with JSON only: {{"category": ..., "priority": ..., "summary": ...}}
category is one of billing, bug, account, feature_request, other.
priority is one of low, normal, high, urgent.
summary is one sentence of at most 200 characters.

Subject: {subject}

{body}
"""


def triage_ticket(subject: str, body: str, model: ChatModel) -> Triage:
    """Ask the model for the ticket's category, priority and a one-line summary."""
    reply = model.complete(PROMPT.format(subject=subject, body=body), max_tokens=200)
    try:
        data = json.loads(reply)
        return Triage(data["category"], data["priority"], data["summary"])
    except Exception:
        # The model occasionally returns something odd; don't block ticket intake.
        return Triage("other", "low", subject)
