import sqlite3
from datetime import datetime

import pytest

from appointment_booking import book_appointment
from clinic_errors import SlotTaken
from db_pool import ConnectionPool


@pytest.fixture
def pool(tmp_path):
    path = str(tmp_path / "clinic.db")
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE appointments (id INTEGER PRIMARY KEY, patient_id INTEGER NOT NULL REFERENCES patients(id),"
        " practitioner_id INTEGER NOT NULL, starts_at TEXT NOT NULL, UNIQUE (practitioner_id, starts_at));"
        "INSERT INTO patients VALUES (1, 'Ana'), (2, 'Ben');"
    )
    conn.close()
    return ConnectionPool(path, size=2, acquire_timeout=0)


def test_book(pool):
    """A free slot is booked."""
    assert isinstance(book_appointment(pool, 1, 10, datetime(2024, 5, 13, 9, 0)), int)
    assert pool.in_use == 0


def test_taken_slot_gives_connection_back(pool):
    """A taken slot raises SlotTaken and does not keep a pooled connection."""
    book_appointment(pool, 1, 10, datetime(2024, 5, 13, 9, 0))
    with pytest.raises(SlotTaken):
        book_appointment(pool, 2, 10, datetime(2024, 5, 13, 9, 0))
    assert pool.in_use == 0, f"{pool.in_use} connection(s) still checked out"
