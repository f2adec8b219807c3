"""The warehouse database as the handheld-scanner API uses it (read-only project file).

Each API worker holds ONE sqlite3 connection for its lifetime and serves request after request
with it. A function that changes data commits its own transaction before it returns; whatever it
leaves uncommitted on the connection is committed by the next request's commit.

Operations report problems by raising TransferError with a message for the scanner's screen; the
API turns it into a 409 response. A bool return value is not checked by anyone.
"""

from __future__ import annotations

SCHEMA = """
CREATE TABLE bins (
    id TEXT PRIMARY KEY,                              -- e.g. 'A-01-3' (aisle, rack, shelf)
    sku TEXT NOT NULL,                                -- the one product this bin holds
    quantity INTEGER NOT NULL CHECK (quantity >= 0)
);
CREATE TABLE movements (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL,
    from_bin TEXT NOT NULL,
    to_bin TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    moved_by TEXT NOT NULL
);
"""

# During a stocktake, operations freeze the movement log with this trigger: every insert fails.
STOCKTAKE_FREEZE = """
CREATE TRIGGER stocktake_freeze BEFORE INSERT ON movements
BEGIN SELECT RAISE(ABORT, 'movements are frozen during the stocktake'); END;
"""


class TransferError(Exception):
    """A stock transfer could not be done; str(error) is shown on the scanner."""
