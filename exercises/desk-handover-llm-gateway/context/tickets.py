"""Tickets as the desk's repository returns them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    author: str  # "customer" or the agent's name
    body: str


@dataclass(frozen=True)
class Ticket:
    id: int
    tenant: str  # the desk customer (company) the ticket belongs to; budgets are per tenant
    subject: str
    customer_name: str
    customer_email: str
    customer_phone: str
    integration_api_key: str  # the customer's key for our webhook API, for diagnosing auth errors
    messages: list[Message] = field(default_factory=list)
