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
    """
    row = conn.execute(
        "SELECT capacity, booked FROM slots WHERE id = ?", (slot_id,)
    ).fetchone()
    if row is None:
        raise UnknownSlot(slot_id)

    capacity, booked = row
    if booked >= capacity:
        raise SlotFull(slot_id)

    # Reserve the place, then record who has it.
    conn.execute("UPDATE slots SET booked = ? WHERE id = ?", (booked + 1, slot_id))
    cursor = conn.execute(
        "INSERT INTO bookings (slot_id, patient_id) VALUES (?, ?)", (slot_id, patient_id)
    )
    conn.commit()
    return int(cursor.lastrowid)
