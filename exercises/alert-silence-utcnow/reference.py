"""Silence a noisy alert from the on-call chat bot (OPS-412)."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterable

import clock
from alerting import Silence

MAX_SILENCE_MINUTES = 24 * 60  # nobody may mute an alert for more than a day


def new_silence(alert: str, created_by: str, minutes: int) -> Silence:
    """A silence for `alert` that ends `minutes` from now."""
    if not 0 < minutes <= MAX_SILENCE_MINUTES:
        raise ValueError(f"a silence lasts 1 to {MAX_SILENCE_MINUTES} minutes, not {minutes}")
    # clock.now() is aware, so .timestamp() is exact whatever the runner's local zone is.
    ends = clock.now() + timedelta(minutes=minutes)
    return Silence(alert, created_by, int(ends.timestamp()))


def _seconds_left(silence: Silence) -> float:
    # Compare in Unix seconds: both sides are UTC by definition, no naive datetime involved.
    return silence.ends_at - clock.now().timestamp()


def active_silences(silences: Iterable[Silence]) -> list[Silence]:
    """The silences that have not ended yet."""
    return [s for s in silences if _seconds_left(s) > 0]


def minutes_left(silence: Silence) -> int:
    """Whole minutes until the silence ends (0 once it has ended), for the chat bot's reply."""
    return max(0, int(_seconds_left(silence) // 60))
