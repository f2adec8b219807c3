"""Shared fixtures: the real course, the real grader, a throwaway database per test.

Tests pick their exercise from the loaded course (the first in course order) and use its
reference as the correct fix and its starter as the wrong one, so they hold whatever exercises
the course ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

from course import Course, Exercise, load_course
from progress import ProgressStore, make_engine, upgrade


@pytest.fixture(scope="session")
def course() -> Course:
    loaded = load_course()
    assert loaded.exercises, "the course has no exercises to test the pages with"
    return loaded


@pytest.fixture(scope="session")
def exercise(course: Course) -> Exercise:
    return course.ordered_exercises()[0]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own SQLite file, and no cached engine or course from another test."""
    monkeypatch.setenv("PRODREADY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PRODREADY_DB_BUSY_TIMEOUT_MS", "200")
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    engine = make_engine(f"sqlite:///{data_dir / 'prodready.db'}")
    upgrade(engine)
    return ProgressStore(engine)
