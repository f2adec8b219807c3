from __future__ import annotations

import pytest

from course import Course, load_course


@pytest.fixture(scope="session")
def real_course() -> Course:
    """The course as shipped: lessons/ and exercises/ of this repository."""
    return load_course()
