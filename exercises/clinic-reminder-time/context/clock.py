"""Time in the clinic booking system.

Rules: every instant is stored and compared as an aware datetime in UTC. The clinic's own
wall clock (opening hours, "the evening before") is Europe/London, which moves between GMT
and BST twice a year. Get the current instant from now(), never from datetime.now() or
datetime.utcnow(): the tests and the "replay a day" support tool freeze it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

CLINIC_TZ = ZoneInfo("Europe/London")

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


def to_clinic_time(instant: datetime) -> datetime:
    """The clinic's wall-clock time for a UTC instant (aware, in CLINIC_TZ)."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: instants must be aware")
    return instant.astimezone(CLINIC_TZ)


def clinic_instant(day: date, wall_time: time) -> datetime:
    """The UTC instant at which the clinic's clocks show `wall_time` on `day` (DST-aware)."""
    return datetime.combine(day, wall_time, tzinfo=CLINIC_TZ).astimezone(timezone.utc)
