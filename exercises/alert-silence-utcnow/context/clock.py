"""Time in the on-call tooling.

Rules: every instant is an aware datetime in UTC. Get the current instant from now(), never
from datetime.now(), datetime.utcnow() or time.time(): the tests and the incident-replay tool
freeze it with freeze(...). The runners are in several regions and their local time zone is
whatever the host says, so nothing may depend on it.
"""

from __future__ import annotations

from datetime import datetime, timezone

_frozen: datetime | None = None


def now() -> datetime:
    """The current instant, aware, in UTC."""
    if _frozen is not None:
        return _frozen
    return datetime.now(timezone.utc)


def freeze(at: datetime | None) -> None:
    """Make now() return `at` (an aware datetime) until unfrozen with freeze(None)."""
    global _frozen
    if at is not None and at.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    _frozen = at.astimezone(timezone.utc) if at is not None else None
