"""Every benchmark script still runs end to end and prints its figures, at a tiny size.

The figures themselves are not checked (the machines are shared and noisy); what is checked is
that each script works against today's app — the sessions benchmark once waited for an editor
button the app no longer has — and that nothing submitted was lost or graded twice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, f"benchmarks/{script}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "speed probe" in done.stdout  # every benchmark says how fast the machine was
    return done.stdout


@pytest.mark.postgres
def test_the_dashboard_benchmark_times_every_page_on_both_databases():
    out = run(
        "dashboard.py",
        "--learners",
        "12",
        "--exercises",
        "10",
        "--attempts",
        "2",
        "--runs",
        "2",
        "--postgres",
    )
    for database in ("SQLite", "PostgreSQL"):
        assert f"{database}: 240 attempts loaded" in out
    for query in ("dashboard matrix", "workshop board", "pacing view", "learner progress page"):
        assert out.count(query) >= 2, out


@pytest.mark.postgres
def test_the_workshop_benchmark_loses_and_duplicates_nothing():
    out = run("workshop.py", "--learners", "6", "--sessions", "3", "--layouts", "embedded", "pg1")
    assert out.count("lost: 0; duplicated: 0") == 2, out
    assert out.count("CPU per grade:") == 2, out


def test_the_throughput_benchmark_compares_both_ways_of_running_sandboxes():
    out = run("throughput.py", "--grades", "6", "--submitters", "2")
    assert "one sandbox per job" in out and "warm templates" in out, out


@pytest.mark.browser
def test_the_sessions_benchmark_submits_from_a_real_browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    out = run("sessions.py", "--sessions", "2", "--patience-s", "300")
    assert "sessions without a result after 300 s: 0" in out, out
