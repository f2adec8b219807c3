"""Hidden tests for alert-silence-utcnow."""

import time
from datetime import datetime, timedelta, timezone

import pytest

import clock
from alert_silences import MAX_SILENCE_MINUTES, active_silences, minutes_left, new_silence
from alerting import Silence

UTC = timezone.utc
NOW = datetime(2026, 2, 3, 2, 47, 10, tzinfo=UTC)  # 2:47 a.m. UTC, a winter night
SUMMER = datetime(2026, 7, 14, 23, 5, 0, tzinfo=UTC)
HOST_ZONES = ["Europe/Berlin", "Asia/Kolkata", "America/Los_Angeles", "UTC"]
ZONE_IDS = ["a runner in Frankfurt", "a runner in Mumbai", "a runner in Oregon", "a runner on UTC"]


@pytest.fixture(autouse=True)
def frozen_clock():
    clock.freeze(NOW)
    yield
    clock.freeze(None)


@pytest.fixture
def host_zone(request, monkeypatch):
    """Run the test as if the runner's local time zone were request.param."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _ts(instant):
    return int(instant.timestamp())


@pytest.mark.parametrize("host_zone", HOST_ZONES, ids=ZONE_IDS, indirect=True)
def test_silence_ends_the_asked_minutes_from_now(host_zone):
    """A silence ends exactly the asked number of minutes after the project clock's "now",
    as Unix seconds, on every runner whatever its local time zone: otherwise a 90-minute
    silence ends early on some runners and hides a real outage for hours on others."""
    for minutes in (1, 90, MAX_SILENCE_MINUTES):
        silence = new_silence("db-disk-full", "ana", minutes)
        assert type(silence) is Silence, f"new_silence returned {type(silence).__name__}"
        want = _ts(NOW + timedelta(minutes=minutes))
        assert type(silence.ends_at) is int, f"ends_at is a {type(silence.ends_at).__name__}, not int"
        assert silence.ends_at == want, f"a {minutes}-minute silence ends {silence.ends_at - want:+d} s off"
        assert (silence.alert, silence.created_by) == ("db-disk-full", "ana"), "alert or author changed"


@pytest.mark.parametrize("host_zone", HOST_ZONES, ids=ZONE_IDS, indirect=True)
def test_silence_follows_the_frozen_clock_in_summer(host_zone):
    """The silence is computed from clock.now(), so the tests and the incident-replay tool can
    run the bot at any instant, including in summer time on the runner."""
    clock.freeze(SUMMER)
    silence = new_silence("api-5xx", "bo", 30)
    assert silence.ends_at == _ts(SUMMER + timedelta(minutes=30)), (
        f"the silence ends {silence.ends_at - _ts(SUMMER + timedelta(minutes=30)):+d} s off"
    )


@pytest.mark.parametrize("minutes", [0, -5, MAX_SILENCE_MINUTES + 1], ids=["zero minutes", "a negative length", "just over a day"])
def test_out_of_range_lengths_are_refused(minutes):
    """A silence of zero minutes, a negative length or more than a day is refused with
    ValueError, as before: nobody may mute an alert indefinitely by accident."""
    with pytest.raises(ValueError):
        new_silence("db-disk-full", "ana", minutes)


def _silences():
    return [
        Silence("a", "ana", _ts(NOW) + 600),  # ten more minutes
        Silence("b", "bo", _ts(NOW) - 1),  # ended a second ago
        Silence("c", "cy", _ts(NOW) + 1),  # ends in a second
        Silence("d", "di", _ts(NOW) - 3600),  # ended an hour ago
        Silence("e", "ed", _ts(NOW) + 86_000),
    ]


@pytest.mark.parametrize("host_zone", HOST_ZONES, ids=ZONE_IDS, indirect=True)
def test_active_silences_compare_with_the_project_clock(host_zone):
    """active_silences keeps the silences that end after the project clock's "now", in their
    order, on every runner; a silence that has ended is dropped."""
    got = active_silences(_silences())
    assert [s.alert for s in got] == ["a", "c", "e"], f"active silences were {[s.alert for s in got]}"


def test_active_silences_follow_the_clock_over_time():
    """The current time is read on every call: as the clock moves on, silences end."""
    silences = _silences()
    clock.freeze(NOW + timedelta(minutes=5))
    assert [s.alert for s in active_silences(silences)] == ["a", "e"], "a silence outlived its end"
    clock.freeze(NOW + timedelta(days=2))
    assert active_silences(silences) == [], "a silence outlived its end"


@pytest.mark.parametrize("host_zone", HOST_ZONES, ids=ZONE_IDS, indirect=True)
def test_minutes_left(host_zone):
    """minutes_left gives whole minutes until the end by the project clock, and 0 once the
    silence has ended, on every runner."""
    got = [minutes_left(s) for s in _silences()]
    assert all(type(m) is int for m in got), "minutes_left must return int"
    assert got == [10, 0, 0, 0, 1433], f"minutes left were {got}"


def test_a_new_silence_round_trips():
    """A silence the bot has just created is active and has all its minutes left."""
    silence = new_silence("queue-lag", "ana", 45)
    assert active_silences([silence]) == [silence], "a brand-new silence is not active"
    assert minutes_left(silence) == 45, f"a new 45-minute silence has {minutes_left(silence)} minutes left"
