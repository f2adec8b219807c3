"""Code blocks a lesson claims will run (```python run) do run, in order, with the stdlib only."""

from __future__ import annotations

import subprocess
import sys

import pytest

from course.catalog import PROJECT_ROOT
from course.lessons import load_lessons, runnable_blocks

LESSONS = load_lessons(PROJECT_ROOT / "lessons")


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
def test_runnable_blocks_run(lesson, tmp_path):
    blocks = runnable_blocks(lesson)
    assert blocks, f"{lesson.slug} has no ```python run block"
    script = "\n\n".join(blocks)
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr[-2000:]
