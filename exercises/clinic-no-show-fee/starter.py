"""No-show fees for Lindenhof Physio (ticket CLIN-318)."""

from __future__ import annotations

from datetime import date

from clinic_records import NO_SHOW, Patient, Visit

NO_SHOW_FEE_CENTS = 2_500


def no_show_fee_cents(patient: Patient, day: date, earlier_visits: list[Visit]) -> int:
    """Fee for `patient`, who missed their appointment on `day`; `earlier_visits` are their visits before it."""
    earlier_no_shows = [visit for visit in earlier_visits if visit.outcome == NO_SHOW]
    if not earlier_no_shows:
        return 0  # the first no-show is only a warning
    return NO_SHOW_FEE_CENTS
