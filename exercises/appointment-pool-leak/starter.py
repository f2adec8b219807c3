"""Online booking for the clinic: reserve a practitioner's time slot for a patient."""

from __future__ import annotations

from datetime import datetime

from clinic_errors import SlotTaken
from db_pool import ConnectionPool


def book_appointment(pool: ConnectionPool, patient_id: int, practitioner_id: int, starts_at: datetime) -> int:
    """Book the slot and return the new appointment's id.

    Raises SlotTaken when the practitioner already has an appointment at that time.
    """
    conn = pool.acquire()
    slot = starts_at.isoformat(timespec="minutes")

    # Check the slot is still free (another patient may have booked it since the page loaded).
    taken = conn.execute(
        "SELECT 1 FROM appointments WHERE practitioner_id = ? AND starts_at = ?",
        (practitioner_id, slot),
    ).fetchone()
    if taken:
        raise SlotTaken(f"practitioner {practitioner_id} is already booked at {slot}")

    cursor = conn.execute(
        "INSERT INTO appointments (patient_id, practitioner_id, starts_at) VALUES (?, ?, ?)",
        (patient_id, practitioner_id, slot),
    )
    conn.commit()
    pool.release(conn)
    return cursor.lastrowid
