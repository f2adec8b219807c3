import sqlite3

import pytest

from clinic_db import create_schema
from slot_booking import SlotFull, UnknownSlot, book_slot


@pytest.fixture
def conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "clinic.db")
    create_schema(connection)
    connection.execute(
        "INSERT INTO slots (id, clinician, starts_at, capacity) VALUES (1, 'Dr Chen', '2025-03-03T10:00', 1)"
    )
    connection.commit()
    yield connection
    connection.close()


def test_books_the_only_place_then_refuses(conn):
    """The first patient gets the place, the second gets SlotFull."""
    assert book_slot(conn, 1, 100) > 0
    with pytest.raises(SlotFull):
        book_slot(conn, 1, 101)
    assert conn.execute("SELECT booked FROM slots WHERE id = 1").fetchone() == (1,)


def test_unknown_slot(conn):
    """A slot id that does not exist raises UnknownSlot."""
    with pytest.raises(UnknownSlot):
        book_slot(conn, 42, 100)
