from __future__ import annotations

from pathlib import Path

import pytest

from course import load_exercise
from tests.grading import hostiles

HERE = Path(__file__).parent
collect_ignore = ["calc_exercise", "hostile", "golden"]  # exercise content, not tests of the grader


@pytest.fixture(scope="session")
def calc():
    """A tiny exercise (module `calc`, function `add`) for grading tests."""
    return load_exercise(HERE / "calc_exercise")


@pytest.fixture
def hostile():
    """The source of a hostile submission, its processes named for this test run."""
    return hostiles.source
