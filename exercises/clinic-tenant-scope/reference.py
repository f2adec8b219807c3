"""Request-scoped clinic for the bookings API (ticket CLIN-342)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from clinic_db import Booking, BookingRepo

# The clinic the current request acts for. A ContextVar has a separate value in every
# thread and in every asyncio task, so concurrent requests can never see each other's clinic.
_current_clinic: ContextVar[str] = ContextVar("current_clinic")


@contextmanager
def clinic_scope(clinic_id: str) -> Iterator[None]:
    """Run the block on behalf of `clinic_id` (the middleware wraps each request in this)."""
    token = _current_clinic.set(clinic_id)
    try:
        yield
    finally:
        _current_clinic.reset(token)  # back to exactly what this request had before


def current_clinic() -> str:
    """The clinic of the request being handled; LookupError outside a clinic_scope."""
    try:
        return _current_clinic.get()
    except LookupError:
        raise LookupError("no clinic in scope") from None


def todays_bookings(repo: BookingRepo, day: date) -> list[Booking]:
    """The day's bookings of the current clinic, for the reception screen."""
    return repo.bookings_for(current_clinic(), day)


def cancel_booking(repo: BookingRepo, booking_id: int) -> bool:
    """Cancel one of the current clinic's bookings."""
    return repo.cancel(current_clinic(), booking_id)
