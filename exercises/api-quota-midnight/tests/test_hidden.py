import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from api_quota import QuotaStatus, quota_status

UTC = timezone.utc
ZONES = ["America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney",
         "Europe/Berlin", "Pacific/Auckland", "America/Sao_Paulo"]


class OneShot:
    """The call log stream: it can be iterated once only."""

    def __init__(self, items):
        self._items = list(items)
        self._used = False

    def __iter__(self):
        if self._used:
            raise RuntimeError("the call log stream was read twice")
        self._used = True
        return iter(self._items)


def expected(calls, now, tz_name, limit):
    zone = ZoneInfo(tz_name)
    today = now.astimezone(zone).date()
    used = sum(1 for c in calls if c.astimezone(zone).date() == today)
    resets = datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return used, max(0, limit - used), resets


def check(calls, now, tz_name, limit=500):
    status = quota_status(OneShot(calls), now, tz_name, limit)
    assert type(status) is QuotaStatus, f"quota_status returned a {type(status).__name__}"
    used, remaining, resets = expected(calls, now, tz_name, limit)
    assert type(status.used) is int and status.used == used, f"{tz_name}: used={status.used!r}, expected {used}"
    assert status.limit == limit and status.remaining == remaining, f"{tz_name}: remaining={status.remaining!r}"
    assert type(status.resets_at) is datetime, f"resets_at is a {type(status.resets_at).__name__}"
    assert status.resets_at.utcoffset() == timedelta(0), f"{tz_name}: resets_at is not in UTC: {status.resets_at}"
    assert status.resets_at == resets, f"{tz_name}: resets_at={status.resets_at.isoformat()}"
    return status


def calls_around(now, rng, n=60, spread_hours=40):
    return sorted(now + timedelta(minutes=rng.randint(-spread_hours * 60, 60)) for _ in range(n))


@pytest.mark.parametrize(
    "tz_name",
    ZONES,
    ids=[
        "a tenant in the eastern United States",
        "a tenant on the United States west coast",
        "a tenant in a half-hour zone",
        "a tenant in eastern Australia",
        "a tenant in central Europe",
        "a tenant in New Zealand",
        "a tenant in Brazil",
    ],
)
def test_counts_calls_of_the_tenants_own_day(tz_name):
    """Only calls made since the tenant's own midnight count towards today's quota — counting from
    midnight UTC blocks customers far from UTC with yesterday's calls, or lets them overspend."""
    rng = random.Random(tz_name)
    for _ in range(15):
        now = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 366 * 24 * 60))
        check(calls_around(now, rng), now, tz_name)


@pytest.mark.parametrize(
    "tz_name",
    ["America/New_York", "Asia/Kolkata", "Australia/Sydney"],
    ids=["a tenant behind UTC", "a tenant in a half-hour zone", "a tenant far ahead of UTC"],
)
def test_resets_at_the_tenants_next_midnight(tz_name):
    """`resets_at` is the instant of the tenant's next midnight, in UTC — the dashboard shows it
    and API clients schedule their retries by it."""
    zone = ZoneInfo(tz_name)
    for month in (2, 7, 11):
        local_now = datetime(2024, month, 12, 15, 40, tzinfo=zone)
        status = check([], local_now.astimezone(UTC), tz_name)
        assert status.resets_at.astimezone(zone).time() == time(0, 0), "resets_at is not local midnight"


def test_midnight_itself_starts_the_new_day():
    """A call at the tenant's midnight exactly counts for the new day, one a microsecond earlier
    for the old day, and one exactly at the next midnight for tomorrow — the window is midnight
    inclusive to midnight exclusive, or a call is counted on two days."""
    zone = ZoneInfo("America/Los_Angeles")
    midnight = datetime(2024, 8, 20, tzinfo=zone).astimezone(UTC)
    next_midnight = datetime(2024, 8, 21, tzinfo=zone).astimezone(UTC)
    calls = [midnight - timedelta(microseconds=1), midnight, midnight + timedelta(hours=5), next_midnight]
    status = check(calls, midnight + timedelta(hours=6), "America/Los_Angeles")
    assert status.used == 2, f"used={status.used}"


@pytest.mark.parametrize(
    "tz_name,day",
    [
        ("Europe/Berlin", date(2024, 3, 31)), ("Europe/Berlin", date(2024, 10, 27)),
        ("America/New_York", date(2024, 3, 10)), ("America/New_York", date(2024, 11, 3)),
        ("Australia/Sydney", date(2024, 4, 7)), ("Australia/Sydney", date(2024, 10, 6)),
    ],
    ids=[
        "a European spring-forward day",
        "a European fall-back day",
        "an American spring-forward day",
        "an American fall-back day",
        "an Australian fall-back day",
        "an Australian spring-forward day",
    ],
)
def test_days_when_the_clocks_change(tz_name, day):
    """On the days the clocks change, the tenant's day is 23 or 25 hours long: it still runs from
    their midnight to their next midnight — adding 24 hours to the start once it is in UTC (or
    reusing today's UTC offset) misses the real reset by an hour."""
    zone = ZoneInfo(tz_name)
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    calls = [start - timedelta(minutes=10), start + timedelta(minutes=10), end - timedelta(minutes=70),
             end - timedelta(minutes=30), end - timedelta(minutes=1), end + timedelta(minutes=20)]
    for now in (start + timedelta(hours=1), end - timedelta(minutes=5)):
        check(calls, now, tz_name)


def test_now_in_any_zone_is_the_same_instant():
    """`now` may arrive in any zone (UTC from the rate limiter, local from a test harness): the
    same instant gives the same answer."""
    rng = random.Random(99)
    now_utc = datetime(2024, 6, 30, 22, 15, tzinfo=UTC)
    calls = calls_around(now_utc, rng)
    for tz_name in ("Asia/Kolkata", "America/Sao_Paulo"):
        a = check(calls, now_utc, tz_name)
        b = check(calls, now_utc.astimezone(ZoneInfo("Pacific/Auckland")), tz_name)
        assert (a.used, a.resets_at) == (b.used, b.resets_at), "the answer depends on the zone `now` is written in"


def test_limit_and_remaining():
    """`limit` is the daily limit, `remaining` counts down and never goes below zero — the rate
    limiter refuses calls when it reaches zero."""
    zone = ZoneInfo("Europe/Berlin")
    now = datetime(2024, 5, 14, 18, 0, tzinfo=zone).astimezone(UTC)
    calls = [now - timedelta(minutes=m) for m in range(0, 120, 10)]
    for limit in (5, 12, 100):
        status = quota_status(OneShot(calls), now, "Europe/Berlin", limit)
        assert type(status) is QuotaStatus, f"quota_status returned a {type(status).__name__}"
        assert status.used == 12 and status.limit == limit, f"used={status.used}, limit={status.limit}"
        assert status.remaining == max(0, limit - 12), f"limit {limit}: remaining={status.remaining}"


def test_naive_now_is_rejected():
    """A naive `now` raises ValueError — a datetime without a zone can't say which day it is."""
    with pytest.raises(ValueError):
        quota_status(OneShot([]), datetime(2024, 5, 14, 18, 0), "Europe/Berlin", 10)
