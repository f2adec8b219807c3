import sqlite3

import pytest

from clinic_db import create_schema
from slot_booking import SlotFull, UnknownSlot, book_slot


class RacingCursor(sqlite3.Cursor):
    def execute(self, sql, parameters=(), /):
        self.connection._before_statement()
        return super().execute(sql, parameters)


class RacingConnection(sqlite3.Connection):
    """A connection that lets another receptionist commit just before the code's second statement."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = 0
        self.competitor = None

    def _before_statement(self):
        self.statements += 1
        if self.statements == 2 and self.competitor is not None:
            competitor, self.competitor = self.competitor, None
            competitor()

    def execute(self, sql, parameters=(), /):
        self._before_statement()
        return super().execute(sql, parameters)

    def cursor(self, factory=None):
        return super().cursor(factory or RacingCursor)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "clinic.db"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    create_schema(setup)
    setup.executemany(
        "INSERT INTO slots (id, clinician, starts_at, capacity, booked) VALUES (?, ?, ?, ?, 0)",
        [
            (11, "Dr Okafor", "2025-03-03T09:00", 1),
            (12, "Dr Okafor", "2025-03-03T09:30", 1),
            (20, "Back class", "2025-03-04T18:00", 3),
            (21, "Pilates", "2025-03-05T18:00", 6),
        ],
    )
    setup.commit()
    setup.close()
    return path


@pytest.fixture
def conn(db_path):
    connection = sqlite3.connect(db_path, factory=RacingConnection, timeout=0)
    yield connection
    connection.close()


def seed_bookings(db_path, slot_id, patients):
    other = sqlite3.connect(db_path)
    for patient in patients:
        other.execute("UPDATE slots SET booked = booked + 1 WHERE id = ?", (slot_id,))
        other.execute("INSERT INTO bookings (slot_id, patient_id) VALUES (?, ?)", (slot_id, patient))
    other.commit()
    other.close()


def other_receptionist(db_path, slot_id, patient_id):
    """A correct booking from another front-desk terminal, committed on its own connection."""

    def run():
        other = sqlite3.connect(db_path, timeout=0)
        try:
            claimed = other.execute(
                "UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity", (slot_id,)
            )
            if claimed.rowcount == 1:
                other.execute("INSERT INTO bookings (slot_id, patient_id) VALUES (?, ?)", (slot_id, patient_id))
            other.commit()
        except sqlite3.OperationalError:
            other.rollback()  # the database was busy: the other terminal shows "try again"
        finally:
            other.close()

    return run


def state(db_path, slot_id):
    reader = sqlite3.connect(db_path)
    try:
        capacity, booked = reader.execute("SELECT capacity, booked FROM slots WHERE id = ?", (slot_id,)).fetchone()
        patients = [p for (p,) in reader.execute("SELECT patient_id FROM bookings WHERE slot_id = ? ORDER BY id", (slot_id,))]
        return capacity, booked, patients
    finally:
        reader.close()


def test_books_a_free_slot(conn, db_path):
    """Booking a slot with a free place still creates the booking, counts it in the slot and returns the booking id — the feature itself must keep working."""
    booking_id = book_slot(conn, 11, 5001)
    assert type(booking_id) is int, f"book_slot returned {type(booking_id).__name__}"
    capacity, booked, patients = state(db_path, 11)
    assert patients == [5001] and booked == 1, f"booked={booked}, patients={patients}"
    reader = sqlite3.connect(db_path)
    row = reader.execute("SELECT slot_id, patient_id FROM bookings WHERE id = ?", (booking_id,)).fetchone()
    reader.close()
    assert row == (11, 5001), f"booking {booking_id} is {row}"


def test_group_class_fills_up_then_refuses(conn, db_path):
    """A group class takes exactly as many patients as it has places; the next one gets SlotFull and nothing is written."""
    ids = [book_slot(conn, 20, patient) for patient in (7001, 7002, 7003)]
    assert len(set(ids)) == 3, f"booking ids {ids}"
    with pytest.raises(SlotFull):
        book_slot(conn, 20, 7004)
    capacity, booked, patients = state(db_path, 20)
    assert (booked, patients) == (3, [7001, 7002, 7003]), f"booked={booked}, patients={patients}"


def test_unknown_slot_is_reported(conn, db_path):
    """Booking a slot that does not exist raises UnknownSlot and writes nothing."""
    with pytest.raises(UnknownSlot):
        book_slot(conn, 999, 5001)
    reader = sqlite3.connect(db_path)
    count = reader.execute("SELECT COUNT(*) FROM bookings").fetchone()[0]
    reader.close()
    assert count == 0, f"{count} bookings were written"


def test_full_slot_leaves_connection_clean(conn, db_path):
    """After SlotFull the connection has no transaction left open, so the next request on this pooled connection works and no lock is kept on the database."""
    seed_bookings(db_path, 12, [6001])
    with pytest.raises(SlotFull):
        book_slot(conn, 12, 6002)
    assert conn.in_transaction is False, "a transaction was left open after SlotFull"
    seed_bookings(db_path, 21, [6003])  # another terminal can still write
    assert book_slot(conn, 21, 6004) > 0
    assert state(db_path, 21)[1:] == (2, [6003, 6004])


@pytest.mark.parametrize(
    "slot_id,already",
    [(11, []), (20, [8001, 8002]), (21, [8101, 8102, 8103, 8104, 8105])],
    ids=["a one-person consultation", "a small group class with one place left", "a larger class with one place left"],
)
def test_two_receptionists_racing_for_the_last_place_never_overbook(conn, db_path, slot_id, already):
    """When another receptionist books the last place while this booking is in progress, the slot is never overbooked: one of the two gets the place, the other gets SlotFull."""
    seed_bookings(db_path, slot_id, already)
    conn.competitor = other_receptionist(db_path, slot_id, 9999)
    try:
        booking_id = book_slot(conn, slot_id, 4242)
    except SlotFull:
        booking_id = None
    capacity, booked, patients = state(db_path, slot_id)
    assert len(patients) <= capacity, f"{len(patients)} patients booked into {capacity} places"
    assert booked == len(patients), f"the slot says booked={booked} but has {len(patients)} bookings"
    assert (booking_id is not None) == (4242 in patients), "the result does not match what was stored"
    assert len(patients) == capacity, "the last place was left empty"


@pytest.mark.parametrize(
    "slot_id,already",
    [(20, [8001]), (21, [8101, 8102])],
    ids=["a small group class with room for both", "a larger class with room for both"],
)
def test_concurrent_bookings_with_room_keep_the_counter_right(conn, db_path, slot_id, already):
    """When another booking for the same slot commits while this one is in progress and there is room for both, the slot's booked counter still equals the number of bookings (no lost update)."""
    seed_bookings(db_path, slot_id, already)
    conn.competitor = other_receptionist(db_path, slot_id, 9999)
    booking_id = book_slot(conn, slot_id, 4242)
    capacity, booked, patients = state(db_path, slot_id)
    assert type(booking_id) is int and 4242 in patients, f"patients: {patients}"
    assert booked == len(patients), f"the slot says booked={booked} but has {len(patients)} bookings"
