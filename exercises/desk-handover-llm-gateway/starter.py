"""Handover summaries for the agent console (DESK-455)."""

from __future__ import annotations

from llm_gateway import get_model
from tickets import Ticket

INSTRUCTIONS = (
    "Summarise this support ticket for the agent taking it over, in at most five bullet "
    "points: the customer's problem, what has been tried, and what is still pending."
)


def _prompt(ticket: Ticket) -> str:
    # Give the model everything we know, so the summary can mention how to reach the customer
    # and check the integration key when the problem is an authentication error.
    lines = [
        f"Ticket #{ticket.id}: {ticket.subject}",
        f"Customer: {ticket.customer_name} <{ticket.customer_email}>, phone {ticket.customer_phone}",
        f"Integration API key: {ticket.integration_api_key}",
        "",
        "Conversation:",
    ]
    lines += [f"{message.author}: {message.body}" for message in ticket.messages]
    return "\n".join(lines + ["", INSTRUCTIONS])


def handover_summary(ticket: Ticket) -> str:
    """A short summary of the ticket for the next agent, shown in the console."""
    model = get_model()
    completion = model.generate(_prompt(ticket), max_tokens=4096, temperature=0.7)
    return completion.text.strip()
