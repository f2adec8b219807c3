"""Hidden tests for DESK-58: cancellation fee bands at their exact boundaries, rounding, first bookings."""

from datetime import datetime, timedelta, timezone

import pytest

from cancellation_fees import cancellation_fee_cents

UTC = timezone.utc
START = datetime(2024, 11, 4, 14, 30, tzinfo=UTC)


def _fee(price, notice, first=False, start=START):
    got = cancellation_fee_cents(price, start, start - notice, first)
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


@pytest.mark.parametrize("notice, expected", [
    (timedelta(days=10), 0),
    (timedelta(hours=60), 0),
    (timedelta(hours=36), 4_000),
    (timedelta(hours=30, minutes=15), 4_000),
    (timedelta(hours=12), 8_000),
    (timedelta(minutes=5), 8_000),
], ids=["days ahead", "well over two days ahead", "a day and a half ahead", "just over a day ahead",
        "half a day ahead", "minutes before the start"])
def test_fees_inside_each_band(notice, expected):
    """Cancellations well inside each band pay that band's fee — the ordinary fees must keep working."""
    got = _fee(8_000, notice)
    assert got == expected, f"fee was {got}"


@pytest.mark.parametrize("price", [6_000, 12_345, 999], ids=["a round price", "an odd price", "a small price"])
def test_exactly_48_hours_is_free(price):
    """Cancelling exactly 48 hours before the start is free ("48 hours or more") — members who cancel right on the deadline must not be charged."""
    got = _fee(price, timedelta(hours=48))
    assert got == 0, f"fee was {got}"


@pytest.mark.parametrize("notice", [timedelta(hours=48) - timedelta(seconds=1), timedelta(hours=47, minutes=30)],
                         ids=["one second under two days", "half an hour under two days"])
def test_just_under_48_hours_costs_half(notice):
    """Cancelling just under 48 hours before the start costs half the price."""
    got = _fee(7_000, notice)
    assert got == 3_500, f"fee was {got}"


def test_exactly_24_hours_costs_half():
    """Cancelling exactly 24 hours before the start costs half, not the full price ("24 hours or more")."""
    got = _fee(9_000, timedelta(hours=24))
    assert got == 4_500, f"fee was {got}"


@pytest.mark.parametrize("notice", [timedelta(hours=24) - timedelta(seconds=1), timedelta(hours=23, minutes=59), timedelta(0), -timedelta(hours=2)],
                         ids=["one second under a day", "a minute under a day", "at the start", "a no-show"])
def test_under_24_hours_or_no_show_pays_full(notice):
    """Under 24 hours' notice, at the start or after it (no-show), the full price is charged."""
    got = _fee(9_000, notice)
    assert got == 9_000, f"fee was {got}"


@pytest.mark.parametrize("price, expected", [(2_499, 1_249), (12_345, 6_172), (1, 0), (4_999, 2_499), (7_001, 3_500)],
                         ids=["an odd price", "another odd price", "one cent", "a price just under fifty euros", "a price just over seventy euros"])
def test_half_price_rounds_down(price, expected):
    """Half of an odd price is rounded down to the cent, as the terms say — rounding up overcharges members by a cent on every odd price."""
    got = _fee(price, timedelta(hours=30))
    assert got == expected, f"fee was {got}"


@pytest.mark.parametrize("notice", [timedelta(hours=30), timedelta(hours=2), timedelta(seconds=1)],
                         ids=["in the half-price band", "in the full-price band", "one second before the start"])
def test_first_booking_is_free_to_cancel(notice):
    """A member's first booking can be cancelled free of charge at any time before it starts."""
    got = _fee(5_000, notice, first=True)
    assert got == 0, f"fee was {got}"


@pytest.mark.parametrize("notice", [timedelta(0), -timedelta(minutes=45)], ids=["at the start", "after the start"])
def test_first_booking_no_show_pays_full(notice):
    """A no-show on a first booking (cancelled at or after the start) is still charged in full — the exception covers cancellations, not empty rooms."""
    got = _fee(5_000, notice, first=True)
    assert got == 5_000, f"fee was {got}"


def test_different_offsets_are_compared_as_instants():
    """The notice is measured between the two instants even when they carry different UTC offsets (the member's phone versus the room's calendar)."""
    paris = timezone(timedelta(hours=1))
    new_york = timezone(timedelta(hours=-5))
    start = datetime(2024, 11, 6, 10, 0, tzinfo=paris)
    # 48 hours before 09:00 UTC on 6 November is 09:00 UTC on 4 November = 04:00 in New York.
    got = cancellation_fee_cents(6_000, start, datetime(2024, 11, 4, 4, 0, tzinfo=new_york))
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    assert got == 0, f"fee with 48 hours' notice across offsets was {got}"
    got = cancellation_fee_cents(6_000, start, datetime(2024, 11, 4, 5, 0, tzinfo=new_york))
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    assert got == 3_000, f"fee with 47 hours' notice across offsets was {got}"
