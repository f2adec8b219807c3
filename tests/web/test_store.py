"""The sign-in routes' database: opened and upgraded on first use, and a database that is down
at start-up is retried on the next request instead of being remembered as broken."""

from __future__ import annotations

import pytest

from progress import StorageError
from progress.migrate import current_revision, head_revision
from web import store as web_store


def test_the_store_is_opened_upgraded_and_reused(data_dir):
    first = web_store.default_store()
    assert current_revision(first.engine) == head_revision()
    assert web_store.default_store() is first


def test_a_database_that_is_down_is_tried_again(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://app@127.0.0.1:1/prodready")
    for _ in range(2):
        with pytest.raises(StorageError):
            web_store.default_store()
    assert not any("127.0.0.1:1" in url for url in web_store._stores)
