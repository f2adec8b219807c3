"""Checks you can run: the warning and the second no-show."""

from datetime import date

from clinic_records import NO_SHOW, Patient, Visit
from no_show_fees import no_show_fee_cents

PATIENT = Patient(id=1, name="Tom Berger", birth_date=date(1988, 3, 9))


def test_first_no_show_is_free():
    """A first no-show is a warning."""
    assert no_show_fee_cents(PATIENT, date(2024, 5, 6), []) == 0


def test_second_no_show_is_charged():
    """A second no-show a month later costs 25.00."""
    assert no_show_fee_cents(PATIENT, date(2024, 5, 6), [Visit(date(2024, 4, 2), NO_SHOW)]) == 2_500
