"""The sandbox's own set-up, beyond what hostile submissions exercise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grading import grade
from grading.sandbox import set_prewarm

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


def run_cgroups() -> set[str]:
    found: set[str] = set()
    for parent in ("/sys/fs/cgroup/prodready", "/sys/fs/cgroup/pids/prodready"):
        if os.path.isdir(parent):
            found |= {name for name in os.listdir(parent) if name.startswith("run-")}
    return found


def test_no_cgroup_outlives_a_grade(calc):
    """Each run's cgroup is removed once its report is out, even by a one-shot CLI."""
    if os.geteuid() != 0:
        pytest.skip("cgroups are only used when the grader runs as root")
    set_prewarm(False)  # this process's own pool would add groups while we look
    try:
        before = run_cgroups()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "grading",
                "check",
                str(HERE / "calc_exercise"),
                str(HERE / "calc_exercise" / "reference.py"),
            ],
            cwd=PROJECT,
            capture_output=True,
            timeout=60,
            check=True,
        )
        grade(calc, calc.reference)
        deadline = time.monotonic() + 5
        while run_cgroups() - before and time.monotonic() < deadline:
            time.sleep(0.05)  # disposal runs just after the report
        assert run_cgroups() - before == set()
    finally:
        set_prewarm(True)


def test_a_burst_never_runs_more_sandboxes_than_slots(calc, monkeypatch):
    """Workshop scale: twelve submissions at once queue for the grading slots."""
    from grading import sandbox

    slots = 2
    monkeypatch.setattr(sandbox, "_SLOTS", threading.BoundedSemaphore(slots))
    running, peak, lock = 0, 0, threading.Lock()
    real_execute = sandbox._execute

    def counting_execute(*args, **kwargs):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            return real_execute(*args, **kwargs)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(sandbox, "_execute", counting_execute)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(grade(calc, calc.reference).solved))
        for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 12
    assert peak == slots
