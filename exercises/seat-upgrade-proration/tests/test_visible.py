"""Checks you can run: an ordinary mid-month upgrade."""

from datetime import date

from seat_billing import prorated_charge_cents


def test_three_seats_halfway_through_april():
    """Three seats at 12.00 a month, added with 15 of April's 30 days left, cost 18.00."""
    got = prorated_charge_cents(1_200, 10, 13, date(2024, 4, 1), date(2024, 5, 1), date(2024, 4, 16))
    assert got == 1_800, f"got {got}"
