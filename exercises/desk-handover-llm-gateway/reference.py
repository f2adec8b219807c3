"""Handover summaries for the agent console (DESK-455)."""

from __future__ import annotations

import llm_gateway
from privacy import redact
from tickets import Ticket

FEATURE = "handover-summary"
INSTRUCTIONS = (
    "Summarise this support ticket for the agent taking it over, in at most five bullet "
    "points: the customer's problem, what has been tried, and what is still pending."
)


def _prompt(ticket: Ticket) -> str:
    # Only what the summary needs. The contact details and the integration key stay out, and
    # all free text is redacted: customers paste keys and card numbers into their messages.
    lines = [f"Ticket #{ticket.id}: {redact(ticket.subject)}", f"Customer: {ticket.customer_name}"]
    lines += ["", "Conversation:"]
    lines += [f"{message.author}: {redact(message.body)}" for message in ticket.messages]
    return "\n".join(lines + ["", INSTRUCTIONS])


def handover_summary(ticket: Ticket) -> str:
    """A short summary of the ticket for the next agent, shown in the console."""
    # The gateway applies this feature's token limit, charges the tenant's budget (raising
    # BudgetExceeded when it is spent) and records the usage for billing.
    return llm_gateway.complete(FEATURE, _prompt(ticket), tenant=ticket.tenant).strip()
