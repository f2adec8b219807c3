"""Hidden tests for WMS-140: a transfer is all or nothing, and a failed one says so."""

import sqlite3

import pytest

from stock_transfers import transfer_stock
from warehouse_db import SCHEMA, STOCKTAKE_FREEZE, TransferError

BINS = [("A-01-3", "SKU-4711", 40), ("B-07-1", "SKU-4711", 5), ("C-02-2", "SKU-0815", 12)]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "warehouse.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")  # no fsync: keeps the suite fast, transactions unchanged
    conn.executescript(SCHEMA)
    conn.executemany("INSERT INTO bins (id, sku, quantity) VALUES (?, ?, ?)", BINS)
    conn.commit()
    reader = sqlite3.connect(path)
    yield conn, reader
    conn.close()
    reader.close()


def _state(reader):
    """What other workers see: committed bins and movements."""
    bins = dict(reader.execute("SELECT id, quantity FROM bins ORDER BY id").fetchall())
    moves = reader.execute("SELECT sku, from_bin, to_bin, quantity, moved_by FROM movements ORDER BY id").fetchall()
    return bins, moves


BEFORE = ({"A-01-3": 40, "B-07-1": 5, "C-02-2": 12}, [])


def _assert_nothing_changed(conn, reader):
    assert not conn.in_transaction, "the failed transfer left an open transaction on the shared connection"
    conn.commit()  # the next request on this worker commits its own work
    state = _state(reader)
    assert state == BEFORE, f"after the failed transfer and the next commit, the database holds {state}"


def test_transfer_moves_stock_and_records_it(db):
    """A valid transfer moves the stock between the two bins and records one movement, committed so other workers see it — the feature keeps working."""
    conn, reader = db
    transfer_stock(conn, "SKU-4711", "A-01-3", "B-07-1", 15, "scanner-17")
    bins, moves = _state(reader)
    assert bins == {"A-01-3": 25, "B-07-1": 20, "C-02-2": 12}, f"bins are {bins}"
    assert moves == [("SKU-4711", "A-01-3", "B-07-1", 15, "scanner-17")], f"movements are {moves}"


def test_whole_bin_can_be_emptied(db):
    """Moving everything a bin holds is allowed and leaves it at zero."""
    conn, reader = db
    transfer_stock(conn, "SKU-4711", "A-01-3", "B-07-1", 40, "scanner-17")
    bins, _moves = _state(reader)
    assert bins["A-01-3"] == 0 and bins["B-07-1"] == 45, f"bins are {bins}"


def test_failed_movement_log_rolls_back_the_bins(db):
    """When recording the movement fails after both bins were updated, nothing is saved — not even by the worker's next commit — and TransferError is raised from the database error; otherwise stock moves without a record and the stocktake is wrong."""
    conn, reader = db
    conn.executescript(STOCKTAKE_FREEZE)
    with pytest.raises(TransferError) as info:
        transfer_stock(conn, "SKU-4711", "A-01-3", "B-07-1", 10, "scanner-17")
    assert isinstance(info.value.__cause__, sqlite3.Error), f"__cause__ was {info.value.__cause__!r}"
    _assert_nothing_changed(conn, reader)


@pytest.mark.parametrize(
    "sku, from_bin, to_bin, quantity",
    [
        ("SKU-4711", "A-01-3", "Z-99-9", 10),
        ("SKU-4711", "A-01-3", "C-02-2", 10),
        ("SKU-4711", "Z-99-9", "B-07-1", 10),
        ("SKU-4711", "C-02-2", "B-07-1", 3),
        ("SKU-4711", "B-07-1", "A-01-3", 6),
    ],
    ids=[
        "a destination bin that does not exist",
        "a destination bin holding another product",
        "a source bin that does not exist",
        "a source bin holding another product",
        "more than the source bin holds",
    ],
)
def test_impossible_transfer_is_refused_and_changes_nothing(db, sku, from_bin, to_bin, quantity):
    """A transfer that cannot be done raises TransferError and changes nothing — a mistyped bin must not make stock vanish from the source, and the scanner must show the problem."""
    conn, reader = db
    with pytest.raises(TransferError):
        transfer_stock(conn, sku, from_bin, to_bin, quantity, "scanner-17")
    _assert_nothing_changed(conn, reader)


@pytest.mark.parametrize("quantity", [0, -5], ids=["a quantity of zero", "a negative quantity"])
def test_quantity_must_be_positive(db, quantity):
    """A zero or negative quantity raises TransferError and changes nothing — a negative move would silently run the transfer backwards."""
    conn, reader = db
    with pytest.raises(TransferError):
        transfer_stock(conn, "SKU-4711", "A-01-3", "B-07-1", quantity, "scanner-17")
    _assert_nothing_changed(conn, reader)


def test_connection_is_usable_after_a_failure(db):
    """After a failed transfer, the next transfer on the same connection works and saves only its own changes."""
    conn, reader = db
    with pytest.raises(TransferError):
        transfer_stock(conn, "SKU-4711", "A-01-3", "Z-99-9", 10, "scanner-17")
    transfer_stock(conn, "SKU-4711", "B-07-1", "A-01-3", 5, "scanner-9")
    bins, moves = _state(reader)
    assert bins == {"A-01-3": 45, "B-07-1": 0, "C-02-2": 12}, f"bins are {bins}"
    assert moves == [("SKU-4711", "B-07-1", "A-01-3", 5, "scanner-9")], f"movements are {moves}"
