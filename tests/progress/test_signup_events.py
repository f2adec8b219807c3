"""Sign-up tries counted in the database (every app replica counts the same), on both databases:
the limit per client and window, a refused try not counted, old tries forgotten and dropped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from progress import ProgressStore, make_engine, upgrade
from progress.migrate import downgrade

T0 = datetime(2026, 12, 2, 9, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


@pytest.fixture(params=["sqlite", "postgresql"])
def either(request, store: ProgressStore) -> Iterator[ProgressStore]:
    if request.param == "sqlite":
        yield store
        return
    engine = make_engine(request.getfixturevalue("pg_url"))
    downgrade(engine, "base")
    upgrade(engine)
    try:
        yield ProgressStore(engine)
    finally:
        engine.dispose()


def _kept(store: ProgressStore) -> int:
    with store.engine.connect() as connection:
        return connection.execute(sa.text("SELECT COUNT(*) FROM signup_event")).scalar_one()


def test_a_client_gets_its_limit_per_window_and_no_more(either: ProgressStore):
    def note(client: str, minutes: float) -> bool:
        return either.note_signup(client, T0 + timedelta(minutes=minutes), WINDOW, 2)

    assert note("10.0.0.1", 0) and note("10.0.0.1", 1)
    assert not note("10.0.0.1", 2) and not note("10.0.0.1", 3)  # refused tries do not count
    assert note("10.0.0.2", 3)  # another client has its own
    assert _kept(either) == 3
    assert note("10.0.0.1", 15.5)  # the first try left the window
    assert not note("10.0.0.1", 15.6)
    assert note("10.0.0.1", 40) and _kept(either) == 1  # older tries were dropped on the way
