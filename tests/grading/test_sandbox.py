"""The sandbox's own set-up, beyond what hostile submissions exercise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
PROJECT = HERE.parent.parent


def test_grades_when_the_interpreter_lives_under_tmp(tmp_path):
    """A clone in /tmp (as CI makes) must not have its virtualenv hidden by the sandbox's /tmp."""
    venv = tmp_path / "venv"
    venv.symlink_to(sys.prefix)  # the interpreter now runs with sys.prefix under /tmp
    result = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "grading",
            "check",
            str(HERE / "calc_exercise"),
            str(HERE / "calc_exercise" / "reference.py"),
            "--json",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0, report["message"]
    assert report["solved"] is True
