"""Schema of the Larkfield Physio booking database (read-only project file).

`slots.booked` is a denormalised counter: the calendar view and the "2 places left" badge
read it instead of counting bookings. It must always equal the number of rows in `bookings`
for that slot, and never exceed `slots.capacity` (1 for a consultation, up to 8 for a group
class).
"""

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS slots (
    id         INTEGER PRIMARY KEY,
    clinician  TEXT    NOT NULL,
    starts_at  TEXT    NOT NULL,            -- ISO 8601, clinic local time
    capacity   INTEGER NOT NULL CHECK (capacity > 0),
    booked     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS bookings (
    id         INTEGER PRIMARY KEY,
    slot_id    INTEGER NOT NULL REFERENCES slots (id),
    patient_id INTEGER NOT NULL
);
"""


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables (idempotent)."""
    conn.executescript(SCHEMA)
    conn.commit()
