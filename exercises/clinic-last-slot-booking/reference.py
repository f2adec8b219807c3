"""Online booking for Larkfield Physio: patients book a place in a clinician's slot."""

from __future__ import annotations

import sqlite3


class UnknownSlot(LookupError):
    """No slot with that id (the API answers 404)."""


class SlotFull(Exception):
    """Every place in the slot is taken (the API answers 409 and offers other times)."""


def book_slot(conn: sqlite3.Connection, slot_id: int, patient_id: int) -> int:
    """Book one place in `slot_id` for `patient_id` and return the new booking's id.

    Raises UnknownSlot if the slot does not exist and SlotFull if it has no place left.

    The place is claimed with a single conditional UPDATE: the database checks
    `booked < capacity` and increments the counter atomically, so two receptionists can
    never both take the last place. `with conn` commits the claim and the booking together,
    or rolls both back.
    """
    with conn:
        claimed = conn.execute(
            "UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity",
            (slot_id,),
        )
        if claimed.rowcount != 1:
            raise _not_bookable(conn, slot_id)
        cursor = conn.execute(
            "INSERT INTO bookings (slot_id, patient_id) VALUES (?, ?)", (slot_id, patient_id)
        )
    return int(cursor.lastrowid)


def _not_bookable(conn: sqlite3.Connection, slot_id: int) -> Exception:
    """Why the claim failed: the slot is missing or it is full."""
    exists = conn.execute("SELECT 1 FROM slots WHERE id = ?", (slot_id,)).fetchone()
    return SlotFull(slot_id) if exists else UnknownSlot(slot_id)
