"""Warm templates: many jobs per sandbox, and still nothing of one job reaches the next."""

from __future__ import annotations

import json
import os
import re

import pytest

from grading import Grader, SandboxPool, Status
from grading import templates as templates_module
from tests.grading.test_hostile import assert_contained, sandbox_processes


@pytest.fixture
def started(monkeypatch):
    """Counts the templates started (each one a bubblewrap sandbox)."""
    count = []
    real = templates_module.start_template

    def counting(limits):
        count.append(1)
        return real(limits)

    monkeypatch.setattr(templates_module, "start_template", counting)
    return count


@pytest.fixture
def grader():
    """One slot, kept warm: every job of a test runs in the same template unless replaced."""
    pool = SandboxPool(slots=1, prewarm=True)
    yield Grader(pool)
    pool.close()


def require_templates(grader: Grader) -> None:
    if not grader.pool.uses_templates:
        pytest.skip("nested namespaces are refused here: one sandbox per job is tested elsewhere")


def output(report) -> str:
    return "\n".join(test.output for test in report.tests)


def test_nothing_of_a_job_reaches_the_next(calc, hostile, grader, started):
    """Files in every writable folder, a daemon, a module global and a keyring entry."""
    planted = grader.grade(calc, hostile("plant_leftovers"))
    require_templates(grader)
    assert planted.check("behaviour").score == 1.0, planted.message
    assert "planted in ['/tmp', '/home/learner', '/dev/shm']" in output(planted)
    assert "key True" in output(planted)  # the key really went into its session keyring
    assert_contained(planted)
    observed = grader.grade(calc, hostile("observe_leftovers"))
    assert "observed leftovers: [] cwd /home/learner" in output(observed), output(observed)
    assert observed.check("behaviour").score == 1.0, observed.message
    assert len(started) == 1  # both jobs ran in the same template


def test_a_job_cannot_reach_the_template_or_other_processes(calc, hostile, grader, started):
    """Signals, ptrace and /proc reach only the job's own supervisor, which shrugs them off."""
    attacked = grader.grade(calc, hostile("attack_template"))
    require_templates(grader)
    assert attacked.status == Status.PASS, attacked.message
    seen = re.search(r"reachable (\[.*?\]) traced (\[.*?\]) readable (\[.*?\])", output(attacked))
    assert seen, output(attacked)
    reachable, traced, readable = (json.loads(group) for group in seen.groups())
    assert reachable == [1]  # its own runner, pid 1 of the job's namespace
    assert traced == [] and readable == []
    after = grader.grade(calc, calc.reference)
    assert after.solved and len(started) == 1  # the template survived and served the next job


def test_a_job_that_hits_the_process_limit_gets_its_template_replaced(
    calc, hostile, grader, started
):
    if os.geteuid() != 0 or not grader.pool.uses_templates:
        pytest.skip("the process limit is a cgroup's only when the grader runs as root")
    bombed = grader.grade(calc, hostile("fork_bomb"))
    require_templates(grader)
    assert bombed.status in (Status.ERROR, Status.FAIL)
    assert_contained(bombed)
    assert grader.grade(calc, calc.reference).solved
    assert len(started) == 2


def test_a_job_over_its_time_is_stopped_and_the_template_serves_on(calc, hostile, grader, started):
    """The job's own supervisor stops it at the wall limit: nothing of it is left to replace."""
    report = grader.grade(calc, hostile("infinite_loop"))
    require_templates(grader)
    assert report.error_kind == "timeout"
    assert_contained(report)
    assert grader.grade(calc, calc.reference).solved
    assert len(started) == 1


def test_a_template_that_does_not_end_its_job_in_time_is_replaced(
    calc, hostile, grader, started, monkeypatch
):
    """The host's own deadline (here before the supervisor's): the whole template is ended."""
    from grading import execute

    grace = execute.HOST_GRACE_S
    monkeypatch.setattr(execute, "HOST_GRACE_S", -calc.time_limit_s / 2)
    report = grader.grade(calc, hostile("infinite_loop"))
    require_templates(grader)
    assert report.error_kind == "timeout"
    assert_contained(report)
    monkeypatch.setattr(execute, "HOST_GRACE_S", grace)
    assert grader.grade(calc, calc.reference).solved
    assert len(started) == 2


def test_a_template_is_replaced_after_its_quota_of_jobs(calc, grader, started, monkeypatch):
    monkeypatch.setattr(templates_module, "JOBS_PER_TEMPLATE", 2)
    for _ in range(3):
        assert grader.grade(calc, calc.reference).solved
    require_templates(grader)
    assert len(started) == 2


def test_without_nesting_each_job_gets_its_own_sandbox(calc, monkeypatch):
    """A kernel that refuses nested namespaces: the pool says so once and grades as before."""

    def refuse(self):
        raise templates_module.NestingUnsupported("unsupported: unshare: Operation not permitted")

    monkeypatch.setattr(templates_module.Template, "wait_ready", refuse)
    pool = SandboxPool(slots=1, prewarm=True)
    try:
        grader = Grader(pool)
        assert grader.grade(calc, calc.reference).solved
        assert not pool.uses_templates
        assert grader.grade(calc, calc.reference).solved
    finally:
        pool.close()
    assert sandbox_processes() == []


# Grades several submissions with one warm slot in a child process (as another user, or
# without cgroups) and prints whether templates served them and the reports.
GRADE_IN_ONE_POOL = """
import json, sys
from course import load_exercise
from grading import Grader, SandboxPool
from tests.grading import hostiles
calc = load_exercise("tests/grading/calc_exercise")
pool = SandboxPool(slots=1, prewarm=True)
grader = Grader(pool)
reports = [grader.grade(calc, hostiles.source(name)).to_dict() for name in sys.argv[1:]]
print(json.dumps({"templates": pool.uses_templates, "reports": reports}))
pool.close()
"""


@pytest.mark.parametrize("how", ["nobody", "ordinary user"])
def test_nothing_reaches_the_next_job_without_root_powers(how):
    """As root without cgroups (the sandbox runs as nobody) and as an ordinary user."""
    if os.geteuid() != 0:
        pytest.skip("needs root to start the grader as another user or without cgroups")
    from tests.grading.nonroot import run_python

    env = {"PRODREADY_CGROUPS": "0"} if how == "nobody" else {}
    user = None if how == "nobody" else "prodready-test"
    result = run_python(
        GRADE_IN_ONE_POOL, ["plant_leftovers", "observe_leftovers"], env=env, user=user
    )
    assert result["templates"] is True
    planted, observed = result["reports"]
    planted_output = "\n".join(t["output"] for t in planted["tests"])
    assert "planted in ['/tmp', '/home/learner', '/dev/shm']" in planted_output
    observed_output = "\n".join(t["output"] for t in observed["tests"])
    assert "observed leftovers: [] cwd /home/learner" in observed_output, observed_output
    assert sandbox_processes() == []


def test_a_template_outlives_the_thread_that_started_it(calc, grader, started):
    """Grading threads come and go (a page's run, a worker's task): the template stays warm."""
    import threading

    first = threading.Thread(target=lambda: grader.grade(calc, calc.reference))
    first.start()
    first.join()
    require_templates(grader)
    assert grader.grade(calc, calc.reference).solved
    assert len(started) == 1


# Starts a warm template, prints its bubblewrap pid, then waits to be killed.
TEMPLATE_THEN_WAIT = """
import sys, time
from course import load_exercise
from grading import Grader, SandboxPool
calc = load_exercise("tests/grading/calc_exercise")
pool = SandboxPool(slots=1, prewarm=True)
Grader(pool).grade(calc, calc.reference)
print(pool._templates.idle[0].proc.pid if pool.uses_templates else 0, flush=True)
time.sleep(600)
"""


def test_templates_end_when_the_grader_is_killed():
    """No template outlives its grader, even one killed without a chance to clean up."""
    import signal
    import subprocess
    import sys
    import time

    from tests.grading.nonroot import PROJECT

    grader = subprocess.Popen(
        [sys.executable, "-c", TEMPLATE_THEN_WAIT], cwd=PROJECT, stdout=subprocess.PIPE, text=True
    )
    try:
        pid = int(grader.stdout.readline())
    finally:
        grader.send_signal(signal.SIGKILL)
        grader.wait()
    if not pid:
        pytest.skip("nested namespaces are refused here")
    deadline = time.monotonic() + 20
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{pid}")
