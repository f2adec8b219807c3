import sqlite3
from datetime import datetime, timedelta

import pytest

from appointment_booking import book_appointment
from clinic_errors import SlotTaken
from db_pool import ConnectionPool, PoolExhausted

SCHEMA = """
CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE practitioners (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    starts_at TEXT NOT NULL,
    UNIQUE (practitioner_id, starts_at)
);
INSERT INTO patients (id, name) VALUES (1, 'Ana Costa'), (2, 'Ben Okafor'), (3, 'Chloé Martin');
INSERT INTO practitioners (id, name) VALUES (10, 'Dr Weiss'), (11, 'Dr Haddad');
"""

MONDAY_9 = datetime(2024, 5, 13, 9, 0)
POOL_SIZE = 3


@pytest.fixture
def db_path(tmp_path):
    path = str(tmp_path / "clinic.db")
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.close()
    return path


@pytest.fixture
def pool(db_path):
    # acquire_timeout=0: an exhausted pool raises PoolExhausted at once instead of waiting.
    return ConnectionPool(db_path, size=POOL_SIZE, acquire_timeout=0)


def _rows(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT id, patient_id, practitioner_id, starts_at FROM appointments ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _assert_pool_clean(pool, db_path):
    assert pool.in_use == 0, f"{pool.in_use} connection(s) were never given back to the pool"
    conns = [pool.acquire() for _ in range(POOL_SIZE)]
    try:
        open_tx = sum(c.in_transaction for c in conns)
        assert open_tx == 0, f"{open_tx} pooled connection(s) came back with a transaction still open"
    finally:
        for c in conns:
            pool.release(c)
    writer = sqlite3.connect(db_path, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")  # fails at once if a leaked transaction holds a write lock
        writer.rollback()
    except sqlite3.OperationalError as exc:
        pytest.fail(f"the database is still locked by a pooled connection ({exc})")
    finally:
        writer.close()


def test_booking_is_saved(pool, db_path):
    """A booking is committed and its new id returned — the fix must keep booking working."""
    new_id = book_appointment(pool, 2, 10, MONDAY_9)
    assert type(new_id) is int, f"returned {type(new_id).__name__}"
    assert [(new_id, 2, 10, "2024-05-13T09:00")] == _rows(db_path), f"rows were {_rows(db_path)}"
    assert pool.in_use == 0, "the connection was not given back after a successful booking"


def test_many_bookings_in_a_row(pool, db_path):
    """Many more bookings than there are pooled connections all succeed, each with its own id."""
    ids = []
    for i in range(POOL_SIZE * 3):
        ids.append(book_appointment(pool, 1 + i % 3, 10 + i % 2, MONDAY_9 + timedelta(minutes=30 * i)))
    assert len(set(ids)) == len(ids), f"ids were {ids}"
    assert len(_rows(db_path)) == len(ids), "not every booking was saved"
    _assert_pool_clean(pool, db_path)


def test_double_booking_raises_slot_taken(pool, db_path):
    """Booking a slot that is already taken raises SlotTaken and saves nothing."""
    book_appointment(pool, 1, 11, MONDAY_9)
    with pytest.raises(SlotTaken):
        book_appointment(pool, 3, 11, MONDAY_9)
    assert len(_rows(db_path)) == 1, f"rows were {_rows(db_path)}"


def test_taken_slots_do_not_drain_the_pool(pool, db_path):
    """Patients racing for the same slot, more times than the pool has connections, never leak a connection — otherwise a busy morning ends with every request failing with 'pool exhausted'."""
    book_appointment(pool, 1, 10, MONDAY_9)
    for attempt in range(POOL_SIZE + 2):
        try:
            book_appointment(pool, 2, 10, MONDAY_9)
        except PoolExhausted:
            pytest.fail(f"the pool ran dry after {attempt} taken-slot errors")
        except SlotTaken:
            pass
    _assert_pool_clean(pool, db_path)
    assert type(book_appointment(pool, 3, 10, MONDAY_9 + timedelta(hours=1))) is int


def test_failed_insert_gives_back_a_clean_connection(pool, db_path):
    """When saving the appointment fails (an unknown patient), the error reaches the caller and the connection goes back to the pool rolled back — a connection returned mid-transaction keeps the database write-locked for everyone."""
    with pytest.raises(Exception) as info:
        book_appointment(pool, 999, 10, MONDAY_9)
    assert not isinstance(info.value, (PoolExhausted, ValueError)), f"raised {info.value!r}"
    assert [] == _rows(db_path), "a row was saved for an unknown patient"
    _assert_pool_clean(pool, db_path)


def test_repeated_failures_do_not_drain_the_pool(pool, db_path):
    """Failures of any kind, repeated more times than the pool has connections, leave every connection free and the next booking works."""
    for i in range(POOL_SIZE + 1):
        with pytest.raises(Exception):
            book_appointment(pool, 900 + i, 10, MONDAY_9 + timedelta(minutes=15 * i))
    _assert_pool_clean(pool, db_path)
    assert type(book_appointment(pool, 1, 10, MONDAY_9)) is int


def test_locked_database_error_gives_the_connection_back(pool, db_path):
    """If the database is busy ('database is locked'), the error reaches the caller and the connection is still given back to the pool."""
    blocker = sqlite3.connect(db_path)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError):
            book_appointment(pool, 1, 10, MONDAY_9)
    finally:
        blocker.rollback()
        blocker.close()
    _assert_pool_clean(pool, db_path)
    assert type(book_appointment(pool, 1, 10, MONDAY_9)) is int


def test_busy_database_during_the_insert_is_rolled_back(pool, db_path):
    """If the database is busy when the appointment is written (another writer holds the lock,
    as during the nightly sync), the error reaches the caller and the connection goes back
    rolled back — every kind of database error, not only a taken slot, must end the transaction."""
    blocker = sqlite3.connect(db_path)
    blocker.execute("BEGIN IMMEDIATE")  # others may still read, but nobody else may write
    try:
        with pytest.raises(sqlite3.OperationalError):
            book_appointment(pool, 1, 10, MONDAY_9)
    finally:
        blocker.rollback()
        blocker.close()
    _assert_pool_clean(pool, db_path)
    assert type(book_appointment(pool, 1, 10, MONDAY_9)) is int
