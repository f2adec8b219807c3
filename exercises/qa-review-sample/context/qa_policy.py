"""Weekly quality review of closed support tickets.

Every ISO week, up to SAMPLE_SIZE of each agent's closed tickets are drawn at random for a
supervisor to review (all of them when the agent closed fewer). The draw must be reproducible:
the works council's auditors, and any agent who disputes their review, re-draw the sample with
the audit tool, and it must come out identical, ticket for ticket, in the same order.

The audit tool draws each agent's sample on its own, so that one agent's draw never depends on
who else worked that week:

    rng = random.Random(sample_seed(week, agent))
    rng.sample(sorted(ticket_ids), k)    # the agent's closed ticket ids, in sorted order

Never seed or use the global `random` functions: other code in the process uses them too.
"""

from __future__ import annotations

import hashlib

SAMPLE_SIZE = 5


def sample_seed(week: str, agent: str) -> int:
    """The seed of one agent's draw for an ISO week such as "2026-W07"."""
    digest = hashlib.sha256(f"qa-review:{week}:{agent}".encode()).digest()
    return int.from_bytes(digest[:8], "big")
