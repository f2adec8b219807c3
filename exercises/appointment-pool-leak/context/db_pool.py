"""The booking site's SQLite connection pool (read-only project file)."""

from __future__ import annotations

import queue
import sqlite3
from contextlib import contextmanager
from typing import Iterator


class PoolExhausted(Exception):
    """Every connection is checked out; the request fails with 503 Service Unavailable."""


class ConnectionPool:
    """A fixed number of SQLite connections shared by the web workers.

    acquire() checks a connection out (waiting up to `acquire_timeout` seconds, then raising
    PoolExhausted); release(conn) gives it back exactly as it is — if a transaction is still open
    on it, its locks stay held until someone commits or rolls back. Each connection must be
    released exactly once.

    `with pool.connection() as conn:` does all of that for you: it commits when the block ends
    normally, rolls back when it raises, and always releases the connection.
    """

    def __init__(self, db_path: str, size: int = 5, acquire_timeout: float = 5.0) -> None:
        self.size = size
        self.acquire_timeout = acquire_timeout
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        # Checked-out connections stay referenced here until released, like in any real pool.
        self._checked_out: dict[int, sqlite3.Connection] = {}
        for _ in range(size):
            conn = sqlite3.connect(db_path, timeout=acquire_timeout, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            self._idle.put(conn)

    @property
    def in_use(self) -> int:
        """How many connections are checked out right now."""
        return len(self._checked_out)

    def acquire(self) -> sqlite3.Connection:
        try:
            if self.acquire_timeout <= 0:
                conn = self._idle.get_nowait()
            else:
                conn = self._idle.get(timeout=self.acquire_timeout)
        except queue.Empty:
            raise PoolExhausted(f"all {self.size} database connections are in use") from None
        self._checked_out[id(conn)] = conn
        return conn

    def release(self, conn: sqlite3.Connection) -> None:
        if self._checked_out.pop(id(conn), None) is not conn:
            raise ValueError("connection released twice, or not from this pool")
        self._idle.put(conn)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        conn = self.acquire()
        try:
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            self.release(conn)
