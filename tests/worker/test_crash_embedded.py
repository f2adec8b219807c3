"""SIGKILL the app process in the middle of a burst of submissions (embedded executor, SQLite),
start it again: every acknowledged attempt ends graded exactly once, every saved draft is there."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from course import Course
from progress import ProgressStore, make_engine
from tests.worker.app_process import EXERCISE, code_for
from tests.worker.conftest import ROOT, wait_for

BURST = 8


def app_process(data_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PRODREADY_DATA_DIR": str(data_dir), "PRODREADY_QUEUE_WAIT_S": "3600"}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.worker.app_process", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_an_app_killed_mid_burst_grades_every_acknowledged_attempt_once_after_restart(
    tmp_path: Path, course: Course
):
    app = app_process(tmp_path, "burst", str(BURST))
    lines = []
    while not lines or lines[-1] != "burst sent":
        line = app.stdout.readline()
        assert line, f"the app process died early: {lines}"
        lines.append(line.strip())
    store = ProgressStore(make_engine(f"sqlite:///{tmp_path / 'prodready.db'}"))
    acked = {int(line.split()[1]): int(line.split()[3]) for line in lines if line[:3] == "ack"}
    drafts = {int(line.split()[1]): int(line.split()[2]) for line in lines if line[:5] == "draft"}
    assert len(acked) == len(drafts) == BURST

    wait_for(
        lambda: any(store.attempt(i).state == "running" for i in acked), "a grade to be running"
    )
    app.kill()  # SIGKILL: no clean-up, no flush, mid-grade
    app.wait(timeout=30)
    app.stdout.close()
    app.stdin.close()
    interrupted = Counter(store.attempt(i).state for i in acked)
    assert interrupted["running"] + interrupted["queued"] > 0, "the kill interrupted nothing"

    restart = app_process(tmp_path, "restart")
    out, _ = restart.communicate(timeout=900)
    assert restart.returncode == 0, out
    assert f"recovered {interrupted['running'] + interrupted['queued']}" in out

    exercise = course.exercises[EXERCISE]
    for attempt_id, index in acked.items():
        attempt = store.attempt(attempt_id)
        assert attempt.state == "graded", (attempt_id, attempt.state, attempt.error_reason)
        assert attempt.code == code_for(exercise, index)
        assert attempt.solved is (index % 2 == 0)
        assert attempt.finished_at is not None and attempt.report
    for learner, index in drafts.items():
        assert store.draft(learner, EXERCISE) == code_for(exercise, index)
        assert len(store.attempts(learner)) == 1, "nothing graded twice, nothing duplicated"
    store.engine.dispose()
