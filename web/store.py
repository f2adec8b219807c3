"""The progress store the sign-in routes use: one engine per database URL for the process,
created (and the schema upgraded) on first use, so a server that started while its database was
down starts working once the database is back."""

from __future__ import annotations

import threading

from sqlalchemy.exc import SQLAlchemyError

from progress import ProgressStore, StorageError, database_url, make_engine, upgrade

_lock = threading.Lock()
_stores: dict[str, ProgressStore] = {}


def default_store() -> ProgressStore:
    url = database_url()
    with _lock:
        if url not in _stores:
            engine = make_engine(url)
            try:
                upgrade(engine)
            except SQLAlchemyError as exc:
                engine.dispose()
                raise StorageError("The progress database cannot be reached.") from exc
            _stores[url] = ProgressStore(engine)
        return _stores[url]
