"""Hidden tests for CLIN-318: a yearly warning, no fee for under-18s, only real no-shows count."""

from datetime import date

import pytest

from clinic_records import ATTENDED, CANCELLED_BY_CLINIC, CANCELLED_BY_PATIENT, NO_SHOW, Patient, Visit
from no_show_fees import no_show_fee_cents

ADULT = Patient(id=7, name="Maria Keller", birth_date=date(1979, 5, 23))
DAY = date(2023, 9, 15)


def _fee(patient, day, visits):
    got = no_show_fee_cents(patient, day, list(visits))
    assert type(got) is int, f"expected an int number of cents, got {type(got).__name__}"
    return got


@pytest.mark.parametrize(
    "visits",
    [[], [Visit(date(2023, 8, 1), ATTENDED), Visit(date(2023, 6, 1), ATTENDED)]],
    ids=["a new patient", "a patient who always came"],
)
def test_first_no_show_is_a_warning(visits):
    """A patient's first no-show costs nothing — it is a warning, as the ticket said."""
    assert _fee(ADULT, DAY, visits) == 0


@pytest.mark.parametrize(
    "earlier",
    [date(2023, 8, 30), date(2023, 1, 10), date(2022, 12, 24)],
    ids=["a no-show two weeks earlier", "a no-show earlier this year", "a no-show nine months earlier"],
)
def test_second_no_show_within_a_year_is_charged(earlier):
    """A no-show with another no-show in the 12 months before it costs 25.00 — the fee itself must keep working."""
    visits = [Visit(date(2023, 7, 3), ATTENDED), Visit(earlier, NO_SHOW)]
    assert _fee(ADULT, DAY, visits) == 2_500


@pytest.mark.parametrize(
    "earlier",
    [date(2021, 3, 2), date(2022, 9, 14), date(2019, 11, 30)],
    ids=["a no-show two years earlier", "a no-show a year and a day earlier", "a no-show long ago"],
)
def test_old_no_shows_do_not_count(earlier):
    """A no-show more than 12 months earlier does not count: the patient gets a warning again — charging long-standing patients for their first miss in years breaks the printed policy."""
    visits = [Visit(earlier, NO_SHOW), Visit(date(2023, 2, 1), ATTENDED)]
    got = _fee(ADULT, DAY, visits)
    assert got == 0, f"fee was {got}"


def test_no_show_exactly_a_year_earlier_counts():
    """A no-show on the same date one year earlier is still within the 12 months, so the new one is charged."""
    got = _fee(ADULT, DAY, [Visit(date(2022, 9, 15), NO_SHOW)])
    assert got == 2_500, f"fee was {got}"


@pytest.mark.parametrize(
    "outcome",
    [ATTENDED, CANCELLED_BY_PATIENT, CANCELLED_BY_CLINIC],
    ids=["attended visits", "visits the patient cancelled", "appointments the clinic cancelled"],
)
def test_only_real_no_shows_count(outcome):
    """Only earlier no-shows count toward the fee; attended or cancelled visits do not."""
    visits = [Visit(date(2023, 5, 2), outcome), Visit(date(2023, 8, 8), outcome)]
    assert _fee(ADULT, DAY, visits) == 0


@pytest.mark.parametrize(
    "birth_date",
    [date(2012, 4, 2), date(2005, 12, 1), date(2005, 9, 16)],
    ids=["a child", "a seventeen-year-old", "a patient who turns 18 the next day"],
)
def test_under_18s_are_never_charged(birth_date):
    """A patient under 18 on the day of the appointment pays nothing, however many appointments they missed — invoicing parents for a child's session breaks the policy the patient board approved."""
    minor = Patient(id=31, name="Jonas Weber", birth_date=birth_date)
    visits = [Visit(date(2023, 9, 1), NO_SHOW), Visit(date(2023, 7, 14), NO_SHOW)]
    got = _fee(minor, DAY, visits)
    assert got == 0, f"fee was {got}"


@pytest.mark.parametrize(
    "birth_date",
    [date(2005, 9, 15), date(2005, 9, 14), date(2003, 2, 1)],
    ids=["a patient on their 18th birthday", "a patient who turned 18 the day before", "a young adult"],
)
def test_adults_from_their_18th_birthday_are_charged(birth_date):
    """From their 18th birthday a patient is an adult and the usual rule applies."""
    young_adult = Patient(id=32, name="Lea Brandt", birth_date=birth_date)
    got = _fee(young_adult, DAY, [Visit(date(2023, 6, 30), NO_SHOW)])
    assert got == 2_500, f"fee was {got}"
