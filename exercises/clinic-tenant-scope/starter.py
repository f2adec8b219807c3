"""Request-scoped clinic for the bookings API (ticket CLIN-342)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from clinic_db import Booking, BookingRepo

# The clinic the current request acts for. Set once by the middleware so the
# service functions below don't need a clinic_id parameter threaded through every call.
_current_clinic: str | None = None


@contextmanager
def clinic_scope(clinic_id: str) -> Iterator[None]:
    """Run the block on behalf of `clinic_id` (the middleware wraps each request in this)."""
    global _current_clinic
    previous = _current_clinic
    _current_clinic = clinic_id
    try:
        yield
    finally:
        _current_clinic = previous  # restore, so nested scopes work


def current_clinic() -> str:
    """The clinic of the request being handled; LookupError outside a clinic_scope."""
    if _current_clinic is None:
        raise LookupError("no clinic in scope")
    return _current_clinic


def todays_bookings(repo: BookingRepo, day: date) -> list[Booking]:
    """The day's bookings of the current clinic, for the reception screen."""
    return repo.bookings_for(current_clinic(), day)


def cancel_booking(repo: BookingRepo, booking_id: int) -> bool:
    """Cancel one of the current clinic's bookings."""
    return repo.cancel(current_clinic(), booking_id)
