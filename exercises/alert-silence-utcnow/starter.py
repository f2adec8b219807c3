"""Silence a noisy alert from the on-call chat bot (OPS-412)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from alerting import Silence

MAX_SILENCE_MINUTES = 24 * 60  # nobody may mute an alert for more than a day


def new_silence(alert: str, created_by: str, minutes: int) -> Silence:
    """A silence for `alert` that ends `minutes` from now."""
    if not 0 < minutes <= MAX_SILENCE_MINUTES:
        raise ValueError(f"a silence lasts 1 to {MAX_SILENCE_MINUTES} minutes, not {minutes}")
    # The alerting API works in UTC, so use UTC here as well.
    ends = datetime.utcnow() + timedelta(minutes=minutes)
    return Silence(alert, created_by, int(ends.timestamp()))


def active_silences(silences: Iterable[Silence]) -> list[Silence]:
    """The silences that have not ended yet."""
    now = datetime.utcnow()
    return [s for s in silences if datetime.utcfromtimestamp(s.ends_at) > now]


def minutes_left(silence: Silence) -> int:
    """Whole minutes until the silence ends (0 once it has ended), for the chat bot's reply."""
    left = datetime.utcfromtimestamp(silence.ends_at) - datetime.utcnow()
    return max(0, int(left.total_seconds() // 60))
