"""No-show fees for Lindenhof Physio (ticket CLIN-318)."""

from __future__ import annotations

from datetime import date

from clinic_records import NO_SHOW, Patient, Visit

NO_SHOW_FEE_CENTS = 2_500
ADULT_AGE = 18


def _age_on(birth_date: date, day: date) -> int:
    """Whole years completed on `day` (the birthday itself counts)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def _one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: a year earlier has no 29th
        return date(day.year - 1, 2, 28)


def no_show_fee_cents(patient: Patient, day: date, earlier_visits: list[Visit]) -> int:
    """Fee for `patient`, who missed their appointment on `day`; `earlier_visits` are their visits before it.

    Patients under 18 are never charged; otherwise the first no-show in the last 12 months is a
    warning and every further one costs the fee.
    """
    if _age_on(patient.birth_date, day) < ADULT_AGE:
        return 0
    window_start = _one_year_before(day)
    recent_no_shows = [
        visit for visit in earlier_visits if visit.outcome == NO_SHOW and window_start <= visit.day < day
    ]
    if not recent_no_shows:
        return 0  # the first no-show in 12 months is only a warning
    return NO_SHOW_FEE_CENTS
