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

from grading import Grader, SandboxPool

HERE = Path(__file__).parent
PROJECT = HERE.parent.parent


# Imports a package of the virtualenv while the job runs (pytest is loaded ahead; PyYAML is not):
# a job's fresh /tmp once hid a virtualenv that lived under /tmp.
USES_THE_VIRTUALENV = "import yaml\n\n\ndef add(a, b):\n    return a + b if yaml else 0\n"


def test_grades_when_the_interpreter_lives_under_tmp(tmp_path):
    """A clone in /tmp (as CI makes) must not have its virtualenv hidden by the sandbox's /tmp,
    nor by a warm template job's own fresh /tmp."""
    venv = tmp_path / "venv"
    venv.symlink_to(sys.prefix)  # the interpreter now runs with sys.prefix under /tmp
    fix = tmp_path / "fix.py"
    fix.write_text(USES_THE_VIRTUALENV, encoding="utf-8")
    result = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "grading",
            "check",
            str(HERE / "calc_exercise"),
            str(fix),
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


# Runs the CLI in a child that notes every cgroup its grader creates and, after everything else
# at exit (atexit is last-in first-out), prints those still present. Other graders on the machine
# share the cgroup tree, so only the groups this grader made are looked at.
CLI_NOTING_CGROUPS = """
import atexit, sys
made = []
atexit.register(lambda: print(sorted(str(d) for g in made for d in g.dirs if d.exists())))
from grading import cgroups
real_create = cgroups.CgroupFactory.create
def create(self, *args):
    group = real_create(self, *args)
    made.append(group)
    return group
cgroups.CgroupFactory.create = create
from grading.cli import main
main(sys.argv[1:])
"""


def test_no_cgroup_outlives_a_grade(calc, monkeypatch):
    """Each run's cgroup is removed once its report is out, even by a one-shot CLI."""
    if os.geteuid() != 0:
        pytest.skip("cgroups are only used when the grader runs as root")
    from grading import cgroups

    exercise = str(HERE / "calc_exercise")
    out = subprocess.run(
        [sys.executable, "-c", CLI_NOTING_CGROUPS, "check", exercise, exercise + "/reference.py"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.splitlines()[-1] == "[]"

    made = []
    real_create = cgroups.CgroupFactory.create
    monkeypatch.setattr(
        cgroups.CgroupFactory,
        "create",
        lambda self, *args: made.append(real_create(self, *args)) or made[-1],
    )
    grader = Grader(SandboxPool(slots=1, prewarm=False))
    assert grader.grade(calc, calc.reference).solved
    deadline = time.monotonic() + 5
    while any(d.exists() for g in made for d in g.dirs) and time.monotonic() < deadline:
        time.sleep(0.05)  # disposal runs just after the report
    assert made and not any(d.exists() for g in made for d in g.dirs)


def test_a_burst_never_runs_more_sandboxes_than_slots(calc, monkeypatch):
    """Workshop scale: twelve submissions at once queue for the grading slots."""
    from grading import pool as pool_module

    running, peak, lock = 0, 0, threading.Lock()
    both_slots_busy = threading.Event()
    real_execute = pool_module.execute

    def counting_execute(*args, **kwargs):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
            if running >= 2:
                both_slots_busy.set()
        # A fast machine can finish one grade before the next starts: the first grades wait
        # (at most a few seconds) until a second one runs beside them, so the peak is what the
        # pool allows, not what the timing happened to give.
        both_slots_busy.wait(timeout=5)
        try:
            return real_execute(*args, **kwargs)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(pool_module, "execute", counting_execute)
    grader = Grader(SandboxPool(slots=2, prewarm=False))
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(grader.grade(calc, calc.reference).solved))
        for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    grader.pool.close()
    assert results == [True] * 12
    assert peak == 2


def test_importing_the_grader_starts_nothing():
    """Pools belong to the process that uses them: importing starts no sandbox, no thread."""
    code = (
        "import threading, grading, grading.pool as p\n"
        "print(len(p._default), threading.active_count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "1"]


def test_a_forked_process_gets_its_own_default_pool():
    from grading.pool import default_pool

    mine = default_pool()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(write, b"same" if default_pool() is mine else b"own")
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 10) == b"own"


# A process that asks to be killed when the thread that started it ends (what bubblewrap's
# --die-with-parent does), says so, and waits.
DIES_WITH_PARENT_THREAD = (
    "import ctypes, signal, sys, time\n"
    "ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG\n"
    "print('armed', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_sandbox_outlives_the_grading_thread_that_asked_for_it():
    """Sandboxes are started from the spawner thread, which lasts as long as the grader: a
    grading thread that ends takes no sandbox with it (a prestarted one, a warm template)."""
    from grading.spawner import on_spawner_thread

    started = []

    def grading_thread():
        proc = on_spawner_thread(
            lambda: subprocess.Popen(
                [sys.executable, "-c", DIES_WITH_PARENT_THREAD], stdout=subprocess.PIPE, text=True
            )
        )
        assert proc.stdout.readline() == "armed\n"
        started.append(proc)

    thread = threading.Thread(target=grading_thread)
    thread.start()
    thread.join()
    proc = started[0]
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=1)  # still running after the thread that asked for it ended
    finally:
        proc.kill()
        proc.wait()
