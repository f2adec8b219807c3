"""What the support desk's router understands (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("billing", "bug", "account", "feature_request", "other")
PRIORITIES = ("low", "normal", "high", "urgent")
SUMMARY_MAX_CHARS = 200


@dataclass(frozen=True)
class Triage:
    category: str  # one of CATEGORIES; the router looks up a queue with it
    priority: str  # one of PRIORITIES; the router looks up an SLA with it
    summary: str  # one line for the agent's list, at most SUMMARY_MAX_CHARS
    needs_review: bool = False  # True: a human triages the ticket (the "to sort" queue)


def review_triage(subject: str) -> Triage:
    """What to file when a ticket cannot be triaged automatically: a human sorts it."""
    return Triage(category="other", priority="normal", summary=subject[:SUMMARY_MAX_CHARS], needs_review=True)
