"""Code a lesson claims will run (```python run) does run: its blocks in order, in one fresh
namespace per lesson, with the standard library alone, in a subprocess that cannot hang the suite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from course.catalog import PROJECT_ROOT
from course.lessons import load_lessons, runnable_blocks

LESSONS = load_lessons(PROJECT_ROOT / "lessons")
TIMEOUT_S = 30

# Runs inside the child: blocks arrive as JSON on stdin and share one namespace, as in the lesson.
EXEC_BLOCKS = """
import json, sys
blocks = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
for number, block in enumerate(blocks, 1):
    try:
        exec(compile(block, f"<block {number} of {len(blocks)}>", "exec"), namespace)
    except BaseException:
        print(f"block {number} of {len(blocks)} failed", file=sys.stderr)
        raise
"""


def run_blocks(blocks: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """-I -S: no site-packages, no PYTHON* variables, no current folder on the path."""
    try:
        return subprocess.run(
            [sys.executable, "-I", "-S", "-c", EXEC_BLOCKS],
            input=json.dumps(blocks),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the blocks did not finish within {TIMEOUT_S} s")


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
def test_runnable_blocks_run(lesson, tmp_path):
    blocks = runnable_blocks(lesson)
    if not blocks:
        pytest.skip(f"{lesson.path.name} has no ```python run block")
    result = run_blocks(blocks, tmp_path)
    assert result.returncode == 0, f"{lesson.path.name}: {result.stderr[-3000:]}"


def test_blocks_share_one_namespace_in_order(tmp_path):
    result = run_blocks(["x = 41\n", "x += 1\n", "assert x == 42, x\n"], tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "blocks, reported",
    [
        (["x = 1\n", "assert x == 2, 'wrong'\n"], "block 2 of 2 failed"),
        (["import yaml\n"], "ModuleNotFoundError"),
        (["print(undefined_name)\n"], "NameError"),
    ],
    ids=["assertion", "third-party-import", "name-error"],
)
def test_a_failing_block_fails_the_lesson(tmp_path, blocks, reported):
    result = run_blocks(blocks, tmp_path)
    assert result.returncode != 0
    assert reported in result.stderr
