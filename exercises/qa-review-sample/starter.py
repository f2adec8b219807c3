"""Pick each agent's tickets for the weekly quality review (DESK-402)."""

from __future__ import annotations

import json
import random
from collections import defaultdict

from qa_policy import SAMPLE_SIZE, sample_seed


def closed_tickets_by_agent(export: bytes) -> dict[str, set[str]]:
    """The ids of the closed tickets in the helpdesk export, grouped by agent."""
    data = json.loads(export, encoding="utf-8")
    closed: dict[str, set[str]] = defaultdict(set)
    for ticket in data["tickets"]:
        if ticket["status"] == "closed":
            closed[ticket["agent"]].add(ticket["id"])  # a set: the export may repeat a ticket
    return dict(closed)


def review_sample(export: bytes, week: str) -> dict[str, list[str]]:
    """Up to SAMPLE_SIZE closed tickets per agent, drawn reproducibly for the given week."""
    result = {}
    for agent, ticket_ids in closed_tickets_by_agent(export).items():
        random.seed(sample_seed(week, agent))  # same seed, same sample
        result[agent] = random.sample(ticket_ids, min(SAMPLE_SIZE, len(ticket_ids)))
    return result
