"""Visible tests for alert-silence-utcnow: run them with Check."""

from datetime import datetime, timedelta, timezone

import clock
from alert_silences import active_silences, new_silence


def test_silence_on_a_frozen_clock():
    """With the project clock frozen, a 90-minute silence ends 90 minutes later and is active."""
    at = datetime(2026, 1, 5, 3, 0, tzinfo=timezone.utc)
    clock.freeze(at)
    try:
        silence = new_silence("db-disk-full", "ana", 90)
        assert silence.ends_at == int((at + timedelta(minutes=90)).timestamp())
        assert active_silences([silence]) == [silence]
    finally:
        clock.freeze(None)
