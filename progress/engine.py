"""Which database, and a correctly configured engine for it.

SQLite (a file under data/, no set-up) is the default; DATABASE_URL selects another database,
e.g. postgresql+psycopg://user@host/prodready for a shared deployment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUSY_TIMEOUT_MS = 5000


def data_dir() -> Path:
    return Path(os.environ.get("PRODREADY_DATA_DIR") or PROJECT_ROOT / "data")


def database_url() -> str:
    """DATABASE_URL when set, else the SQLite file data/prodready.db.

    PRODREADY_DATA_DIR moves the SQLite file (tests and the benchmark use a temporary one).
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver spelled out.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url
    return f"sqlite:///{data_dir() / 'prodready.db'}"


def busy_timeout_ms() -> int:
    return int(os.environ.get("PRODREADY_DB_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))


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
