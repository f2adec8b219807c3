"""Pick each agent's tickets for the weekly quality review (DESK-402)."""

from __future__ import annotations

import json
import random
from collections import defaultdict

from qa_policy import SAMPLE_SIZE, sample_seed


def closed_tickets_by_agent(export: bytes) -> dict[str, set[str]]:
    """The ids of the closed tickets in the helpdesk export, grouped by agent."""
    data = json.loads(export)  # json detects UTF-8 bytes itself; encoding= is gone since 3.9
    closed: dict[str, set[str]] = defaultdict(set)
    for ticket in data["tickets"]:
        if ticket["status"] == "closed":
            closed[ticket["agent"]].add(ticket["id"])  # a set: the export may repeat a ticket
    return dict(closed)


def review_sample(export: bytes, week: str) -> dict[str, list[str]]:
    """Up to SAMPLE_SIZE closed tickets per agent, drawn reproducibly for the given week."""
    result = {}
    for agent, ticket_ids in closed_tickets_by_agent(export).items():
        # The audit policy: a private generator per agent over the sorted ids. A set has no
        # order to reproduce (sample() refuses it since 3.11), and the global generator is shared.
        rng = random.Random(sample_seed(week, agent))
        population = sorted(ticket_ids)
        result[agent] = rng.sample(population, min(SAMPLE_SIZE, len(population)))
    return result
