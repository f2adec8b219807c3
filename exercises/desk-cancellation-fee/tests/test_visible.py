"""Checks you can run: a cancellation a week ahead and a no-show."""

from datetime import datetime, timedelta, timezone

from cancellation_fees import cancellation_fee_cents

START = datetime(2024, 9, 12, 9, 0, tzinfo=timezone.utc)


def test_a_week_ahead_is_free():
    """Cancelling a week ahead costs nothing."""
    got = cancellation_fee_cents(6_000, START, START - timedelta(days=7))
    assert got == 0, f"got {got}"


def test_no_show_pays_in_full():
    """Cancelling after the start costs the full price."""
    got = cancellation_fee_cents(6_000, START, START + timedelta(minutes=10))
    assert got == 6_000, f"got {got}"
