"""Hidden tests for clinic-reminder-time."""

from datetime import datetime, timedelta, timezone

import pytest

import clock
from bookings import Booking
from reminder_schedule import due_reminders, reminder_time

UTC = timezone.utc


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture(autouse=True)
def unfreeze():
    yield
    clock.freeze(None)


def _assert_utc_instant(got, expected):
    assert isinstance(got, datetime), f"reminder_time returned {type(got).__name__}"
    assert got.tzinfo is not None, "reminder_time returned a naive datetime"
    assert got.utcoffset() == timedelta(0), f"reminder_time returned {got.isoformat()}, not a UTC time"
    assert expected == got, f"reminder at {got.isoformat()}, expected {expected.isoformat()}"


@pytest.mark.parametrize(
    "starts_at, expected",
    [
        (utc(2025, 1, 15, 9, 30), utc(2025, 1, 14, 18, 0)),
        (utc(2024, 12, 2, 14, 0), utc(2024, 12, 1, 18, 0)),
        (utc(2025, 3, 30, 10, 0), utc(2025, 3, 29, 18, 0)),
    ],
    ids=["an appointment in January", "an appointment in December", "the day the clocks go forward"],
)
def test_winter_reminders_are_at_six_pm(starts_at, expected):
    """In winter the reminder goes out at 18:00 the evening before, as before: the feature
    itself must keep working and return an aware UTC time for storage."""
    _assert_utc_instant(reminder_time(starts_at), expected)


@pytest.mark.parametrize(
    "starts_at, expected",
    [
        (utc(2025, 7, 2, 8, 0), utc(2025, 7, 1, 17, 0)),
        (utc(2024, 8, 20, 13, 15), utc(2024, 8, 19, 17, 0)),
        (utc(2025, 5, 12, 15, 45), utc(2025, 5, 11, 17, 0)),
    ],
    ids=["an appointment in July", "an appointment in August", "an appointment in May"],
)
def test_summer_reminders_are_at_six_pm_clinic_time(starts_at, expected):
    """In summer "18:00" means 18:00 on the clinic's clocks (British Summer Time), not 18:00
    UTC: patients otherwise get their reminder an hour late, after the surgery phone line closes."""
    _assert_utc_instant(reminder_time(starts_at), expected)


@pytest.mark.parametrize(
    "starts_at, expected",
    [
        (utc(2025, 3, 31, 8, 0), utc(2025, 3, 30, 17, 0)),
        (utc(2025, 10, 26, 9, 0), utc(2025, 10, 25, 17, 0)),
        (utc(2024, 10, 28, 9, 0), utc(2024, 10, 27, 18, 0)),
        (utc(2024, 3, 31, 12, 0), utc(2024, 3, 30, 18, 0)),
    ],
    ids=["the day after the clocks go forward", "the day the clocks go back", "the day after the clocks go back",
         "the day the clocks go forward in another year"],
)
def test_reminders_around_daylight_saving_changes(starts_at, expected):
    """Around the nights the clocks change, the reminder is at 18:00 clinic time on the
    previous day, whichever offset that day has: DST weekends are when a fixed offset breaks."""
    _assert_utc_instant(reminder_time(starts_at), expected)


@pytest.mark.parametrize(
    "starts_at, expected",
    [
        (utc(2025, 6, 10, 23, 30), utc(2025, 6, 10, 17, 0)),
        (utc(2024, 9, 1, 23, 15), utc(2024, 9, 1, 17, 0)),
    ],
    ids=["a late-evening appointment in June", "a late-evening appointment in September"],
)
def test_evening_before_uses_the_clinic_date(starts_at, expected):
    """For out-of-hours appointments just after midnight clinic time, "the evening before" is
    the day before the clinic's date, not the day before the UTC date."""
    _assert_utc_instant(reminder_time(starts_at), expected)


def _bookings():
    return [
        Booking(1, "+447700900001", utc(2025, 10, 26, 9, 0)),  # Sunday, clocks went back
        Booking(2, "+447700900002", utc(2025, 10, 27, 9, 0)),  # Monday
        Booking(3, "+447700900003", utc(2025, 10, 26, 11, 0), reminded=True),
        Booking(4, "+447700900004", utc(2025, 10, 25, 16, 0)),  # already over
        Booking(5, "+447700900005", utc(2025, 10, 26, 15, 30)),
    ]


def test_due_reminders_use_the_project_clock():
    """due_reminders asks the project's clock for the current time (clock.now()), so the
    test suite and the replay tool can run the job at any moment; the job picks the bookings
    whose 18:00-clinic-time reminder has passed and that are still ahead and not reminded."""
    clock.freeze(utc(2025, 10, 25, 17, 5))  # 18:05 in London
    got = due_reminders(_bookings())
    assert [b.id for b in got] == [1, 5], f"due bookings were {[b.id for b in got]}"


def test_due_reminders_follow_the_clock_over_time():
    """The current time is read on every run, so the same bookings become due as the
    clock moves on, and nothing is due before 18:00 clinic time."""
    bookings = _bookings()
    clock.freeze(utc(2025, 10, 25, 16, 55))  # 17:55 in London
    assert [b.id for b in due_reminders(bookings)] == [], "reminders went out before 18:00 clinic time"
    clock.freeze(utc(2025, 10, 26, 18, 30))  # 18:30 in London, GMT again
    got = due_reminders(bookings)
    assert [b.id for b in got] == [2], f"due bookings were {[b.id for b in got]}"
    clock.freeze(utc(2025, 10, 27, 9, 0))  # the Monday appointment starts now
    assert [b.id for b in due_reminders(bookings)] == [], "a reminder went out for an appointment that has started"


def test_due_reminders_in_summer():
    """In summer a booking becomes due at 18:00 clinic time (17:00 UTC), not an hour later."""
    bookings = [Booking(7, "+447700900007", utc(2025, 7, 2, 8, 0)), Booking(8, "+447700900008", utc(2025, 7, 3, 8, 0))]
    clock.freeze(utc(2025, 7, 1, 17, 1))
    got = due_reminders(bookings)
    assert [b.id for b in got] == [7], f"due bookings were {[b.id for b in got]}"
    assert all(type(b) is Booking for b in got), "due_reminders must return the Booking objects"
