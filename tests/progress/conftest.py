from __future__ import annotations

import pytest

from progress import ProgressStore, make_engine, upgrade


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'progress.db'}", busy_timeout=200)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine) -> ProgressStore:
    return ProgressStore(engine)
