"""The base of every repository: a session per call, and database failures a learner can act on.

Writes that fail (database locked, disk full, server gone) raise StorageError with a message
a learner can act on; the caller keeps the learner's code on screen.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Executable
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

log = logging.getLogger(__name__)


class StorageError(RuntimeError):
    """The progress database could not be read or written; the message says what to do."""


def as_utc(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build thousands of rows without the cycle collector running in between (a `with` block,
    or a decorator). The rows hold no cycles, yet allocating them triggers full collections,
    each walking every object of the server: over half the time of a thousand-learner dashboard
    went there."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def changed_rows(session: Session, statement: Executable) -> int:
    """Execute an UPDATE or DELETE and say how many rows it changed (conditional updates use
    this to learn whether they won)."""
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount or 0)


def row_id(row: object) -> int:
    """The primary key of a stored row (rows read back or committed always have one)."""
    value = getattr(row, "id", None)
    if not isinstance(value, int):
        raise StorageError("A row was used before it was saved; try again.")
    return value


class Repository:
    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except StorageError:
            raise
        except SQLAlchemyError as exc:
            raise StorageError(_explain(exc)) from exc


def _explain(exc: SQLAlchemyError) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return (
            "The progress database is busy (another program is holding a lock on it), so your "
            "work was not saved. Your code is still in the editor: wait a moment and try again."
        )
    if "readonly" in text or "read-only" in text or "disk" in text:
        return "The progress database cannot be written (read-only or full disk); ask your admin."
    # The driver's text can name hosts, users and paths: it goes to the log, not to the page.
    log.error("progress database failure: %s", getattr(exc, "orig", exc))
    return (
        "The progress database did not answer as expected, so this was not saved. Your code is "
        "still in the editor: try again in a moment, and tell your admin if it keeps happening."
    )
