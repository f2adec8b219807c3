"""Which database, and a correctly configured engine for it.

SQLite (a file under data/, no set-up) is the default; DATABASE_URL selects another database,
e.g. postgresql+psycopg://user@host/prodready for a shared deployment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from config import current


def data_dir() -> Path:
    return current().data_dir


def database_url() -> str:
    """DATABASE_URL when set, else the SQLite file data/prodready.db.

    PRODREADY_DATA_DIR moves the SQLite file (tests and the benchmark use a temporary one).
    """
    return current().effective_database_url


def busy_timeout_ms() -> int:
    return current().db_busy_timeout_ms


def make_engine(url: str | None = None, *, busy_timeout: int | None = None) -> Engine:
    url = url or database_url()
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    timeout = busy_timeout_ms() if busy_timeout is None else busy_timeout
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # Streamlit serves each browser session from its own thread; connections come from a pool.
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": timeout / 1000}
    )

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        # Executed plainly: the listener in SQLAlchemy's docs reads `.autocommit`, which
        # Python 3.11's sqlite3 lacks. WAL lets readers run while one learner's write commits.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
        cursor.close()

    return engine
