"""Runs the grader CLI as an ordinary (non-root) user, for the containment tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.grading import hostiles

USER = "prodready-test"
HERE = Path(__file__).parent
PROJECT = HERE.parent.parent


def ensure_user() -> None:
    if subprocess.run(["id", USER], capture_output=True).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
            check=True,
        )


def run_cli(hostile: str, env: dict[str, str] | None = None, user: str | None = None) -> dict:
    """`python -m grading check calc_exercise hostile/<name>.py --json`, as `user` if given."""
    command = [sys.executable]
    if user:
        ensure_user()
        command = ["runuser", "-u", user, "--", sys.executable]
        probe = subprocess.run(
            [*command, "-c", "import grading"], cwd=PROJECT, capture_output=True, text=True
        )
        if probe.returncode != 0:
            pytest.skip(
                f"{user} cannot run this interpreter or read the project: {probe.stderr.strip()[-200:]}"
            )
    result = subprocess.run(
        [
            *command,
            "-m",
            "grading",
            "check",
            str(HERE / "calc_exercise"),
            str(hostiles.file(hostile, Path(tempfile.mkdtemp(prefix="prodready-hostile-")))),
            "--json",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def run_as_ordinary_user(hostile: str) -> dict:
    return run_cli(hostile, user=USER)
