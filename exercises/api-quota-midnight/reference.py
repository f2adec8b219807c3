"""Daily API quotas for tenants of the public API (`GET /v1/quota` and the rate limiter)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuotaStatus:
    used: int  # calls made today
    limit: int  # calls allowed per day
    remaining: int  # never negative
    resets_at: datetime  # when today's quota resets, aware, in UTC


def local_midnight_utc(day: date, zone: ZoneInfo) -> datetime:
    """The instant, in UTC, at which `day` begins on the wall clocks of `zone`."""
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(timezone.utc)


def quota_status(
    call_times: Iterable[datetime], now: datetime, tenant_tz: str, daily_limit: int
) -> QuotaStatus:
    """Today's quota usage for a tenant whose day runs in the IANA zone `tenant_tz`.

    `call_times` are the aware UTC timestamps of the tenant's recent API calls; `now` is the
    current instant (aware). "Today" is the tenant's calendar day, midnight to midnight.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")

    zone = ZoneInfo(tenant_tz)
    # The tenant's calendar date right now.
    today = now.astimezone(zone).date()

    # Both boundaries are the tenant's midnights, each built from its own date: a day with a
    # clock change is 23 or 25 hours long, so adding 24 hours to the start once it is in UTC
    # would miss the next midnight.
    day_start = local_midnight_utc(today, zone)
    day_end = local_midnight_utc(today + timedelta(days=1), zone)

    used = sum(1 for called_at in call_times if day_start <= called_at < day_end)
    return QuotaStatus(
        used=used,
        limit=daily_limit,
        remaining=max(0, daily_limit - used),
        resets_at=day_end,
    )
