"""Checks you can run: the assistant's tests (a London tenant in January, a UTC tenant)."""

from datetime import datetime, timezone

from api_quota import quota_status

UTC = timezone.utc


def test_london_tenant_in_january():
    """Calls since London midnight count; yesterday's don't."""
    calls = [datetime(2024, 1, 9, 23, 50, tzinfo=UTC), datetime(2024, 1, 10, 0, 5, tzinfo=UTC),
             datetime(2024, 1, 10, 9, 30, tzinfo=UTC)]
    status = quota_status(iter(calls), datetime(2024, 1, 10, 12, 0, tzinfo=UTC), "Europe/London", 1000)
    assert (status.used, status.remaining) == (2, 998), status
    assert status.resets_at == datetime(2024, 1, 11, 0, 0, tzinfo=UTC), status.resets_at


def test_utc_tenant_over_the_limit():
    """Remaining never goes below zero."""
    calls = [datetime(2024, 5, 2, 8, m, tzinfo=UTC) for m in range(5)]
    status = quota_status(iter(calls), datetime(2024, 5, 2, 9, 0, tzinfo=UTC), "UTC", 3)
    assert (status.used, status.limit, status.remaining) == (5, 3, 0), status
