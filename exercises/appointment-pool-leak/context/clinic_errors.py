"""Errors the booking pages turn into messages for patients (read-only project file)."""


class SlotTaken(Exception):
    """The practitioner is already booked at that time; the page offers the next free slots."""
