"""Hostile submissions: each one is contained and ends in a clean, explained report."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from grading import ErrorKind, Status, grade
from grading.isolation import NOBODY
from tests.grading.hostiles import PROCESS_NAME

GOLDEN = Path(__file__).parent / "golden"


def sandbox_processes() -> list[str]:
    """Processes or threads still alive that a hostile submission of this run named (PR_SET_NAME)."""
    out = subprocess.run(["ps", "-eLo", "pid=,comm="], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.split()[-1:] == [PROCESS_NAME]]


def assert_contained(report):
    """No process of the run survives it; the report is small and holds no test code."""
    assert sandbox_processes() == []
    text = json.dumps(report.to_dict())
    assert "SECRET-TEST-MARKER" not in text
    assert len(text) < 100_000


@pytest.mark.parametrize(
    "name, kind",
    [
        ("infinite_loop", ErrorKind.TIMEOUT),
        ("sleep_forever", ErrorKind.TIMEOUT),
        ("memory_bomb", ErrorKind.MEMORY),
        ("output_flood", ErrorKind.OUTPUT_LIMIT),
        ("early_exit_os", ErrorKind.EARLY_EXIT),
        ("atexit_fake_pass", ErrorKind.EARLY_EXIT),
        ("segfault", ErrorKind.CRASH),
        ("patch_report", ErrorKind.TAMPERING),
        ("patch_pyfunc_call", ErrorKind.TAMPERING),
        ("patch_test_code", ErrorKind.TAMPERING),
    ],
)
def test_is_an_error_with_a_precise_reason(calc, hostile, name, kind):
    report = grade(calc, hostile(name))
    assert not report.solved
    assert report.status == Status.ERROR, report.message
    assert report.error_kind == kind, report.message
    assert report.message
    assert_contained(report)


def test_timeout_names_the_running_requirement(calc, hostile):
    started = time.monotonic()
    report = grade(calc, hostile("infinite_loop"))
    assert time.monotonic() - started < calc.time_limit_s + 5
    assert "time limit" in report.message
    assert "Adding two small positive numbers" in report.message


def peak_hostile_processes(action, uid: int | None = None) -> dict:
    """Runs `action` in a thread and samples how many of this run's hostile processes exist.
    With `uid`, also the most processes that uid had besides ours: RLIMIT_NPROC bounds a uid's
    processes together, so others of that uid (a test database run as nobody, say) that end
    during the run leave room for ours."""
    done = threading.Event()
    box = {}

    def work():
        try:
            box["result"] = action()
        finally:
            done.set()

    threading.Thread(target=work, daemon=True).start()
    peak = others = 0
    while not done.wait(0.05):
        out = subprocess.run(["ps", "-eo", "uid=,comm="], capture_output=True, text=True).stdout
        rows = [line.split() for line in out.splitlines()]
        peak = max(peak, sum(row[-1:] == [PROCESS_NAME] for row in rows))
        mine = [r for r in rows if uid is not None and r[:1] == [str(uid)]]
        others = max(others, sum(r[-1:] != [PROCESS_NAME] for r in mine))
    box["peak"], box["others"] = peak, others
    return box


PROCESS_BOUND = 64  # Limits.processes: what the sandbox lets one run have


def test_fork_bomb_is_contained(calc, hostile):
    box = peak_hostile_processes(lambda: grade(calc, hostile("fork_bomb")))
    report = box["result"]
    assert report.status in (Status.ERROR, Status.FAIL)
    assert 10 < box["peak"] <= PROCESS_BOUND, box["peak"]
    assert_contained(report)


def test_fork_bomb_is_contained_as_root_without_cgroups(tmp_path):
    """Root where no cgroup can be made: the sandbox drops to nobody, so RLIMIT_NPROC applies."""
    if os.geteuid() != 0:
        pytest.skip("only meaningful when the grader runs as root")
    from tests.grading.nonroot import run_cli

    box = peak_hostile_processes(
        lambda: run_cli("fork_bomb", env={"PRODREADY_CGROUPS": "0"}), uid=NOBODY
    )
    assert box["result"]["solved"] is False
    # The bound is nobody's: the run's own allowance plus what nobody already ran at its start.
    assert 10 < box["peak"] <= PROCESS_BOUND + box["others"] + 8, box
    assert sandbox_processes() == []


def test_setsid_daemon_dies_with_the_run(calc, hostile):
    report = grade(calc, hostile("setsid_daemon"))
    assert report.status == Status.PASS  # the code itself is right; its daemon just doesn't survive
    assert_contained(report)


def test_disk_fill_stops_at_the_sandbox_quota(calc, hostile):
    report = grade(calc, hostile("disk_fill"))
    assert report.check("behaviour").score == 1.0  # it survived its own disk errors
    first = report.tests[0]
    assert "stopped:" in first.output and (
        "No space left" in first.output or "too large" in first.output
    )
    assert_contained(report)


def test_environment_holds_no_host_secret(calc, hostile, monkeypatch):
    monkeypatch.setenv("PRODREADY_HOST_SECRET", "hunter2-host-secret")
    report = grade(calc, hostile("environment_dump"))
    assert report.status == Status.FAIL
    text = json.dumps(report.to_dict())
    assert "hunter2-host-secret" not in text
    assert "HOME" in text  # the dump really ran and was reported
    assert_contained(report)


def test_hidden_tests_and_reference_are_not_on_disk(calc, hostile):
    # Walking everything the sandbox can see takes seconds on a loaded machine: the longest limit.
    patient = dataclasses.replace(calc, time_limit_s=10)
    report = grade(patient, hostile("hunt_hidden_tests"))
    assert report.status == Status.FAIL, report.message
    text = json.dumps(report.to_dict())
    assert "REFERENCE-MARKER" not in text
    assert "Loaded from memory" in text  # it did find the placeholder it was hunting
    assert_contained(report)


@pytest.mark.parametrize(
    "name, kind, line, words",
    [
        ("memory_at_import", ErrorKind.MEMORY, 5, "raised MemoryError at line 5"),
        ("raise_at_import", ErrorKind.IMPORT, 5, "raised KeyError: 'timeout' at line 5"),
        ("early_exit_import", ErrorKind.EARLY_EXIT, 3, "called sys.exit() at line 3"),
    ],
)
@pytest.mark.parametrize("suite", ["hidden", "visible"])
def test_code_that_never_ran_is_not_graded(calc, hostile, name, kind, line, words, suite):
    """Import failed, so no test ran: status error, score 0, what happened and where."""
    report = grade(calc, hostile(name), suite=suite)
    assert report.status == Status.ERROR and report.error_kind == kind, report.message
    assert report.score == 0 and report.error_line == line
    assert words in report.message and "while being imported" in report.message
    assert_contained(report)


@pytest.mark.parametrize("name", ["fake_results_stdout", "deep_recursion"])
def test_is_not_solved(calc, hostile, name):
    report = grade(calc, hostile(name))
    assert report.status in (Status.FAIL, Status.ERROR)
    assert_contained(report)


def test_deep_recursion_is_reported_as_the_learners_error(calc, hostile):
    report = grade(calc, hostile("deep_recursion"))
    assert report.status == Status.FAIL
    assert "RecursionError" in report.tests[0].output
    assert "calc.py line 2" in report.tests[0].output


def test_network_is_unreachable(calc, hostile):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.settimeout(0.2)
    accepted = []

    def accept_loop():
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    listener = threading.Thread(target=accept_loop, daemon=True)
    listener.start()
    try:
        report = grade(calc, hostile("network").replace("PORT = 0", f"PORT = {port}"))
    finally:
        server.close()
    assert accepted == []
    assert report.solved, report.message  # every network attempt failed inside the sandbox


def test_a_thread_that_never_ends_does_not_hang_grading(calc, hostile):
    started = time.monotonic()
    report = grade(calc, hostile("endless_thread"))
    assert report.status == Status.PASS
    assert time.monotonic() - started < calc.time_limit_s
    assert_contained(report)


def test_fork_bomb_is_contained_as_an_ordinary_user():
    """The same fork bomb, with the grader itself running as a non-root user (RLIMIT_NPROC)."""
    if os.geteuid() != 0:
        pytest.skip("the suite is not running as root; the root case above covers this user")
    from tests.grading.nonroot import run_as_ordinary_user

    box = peak_hostile_processes(lambda: run_as_ordinary_user("fork_bomb"))
    assert box["result"]["solved"] is False
    assert box["result"]["status"] in ("error", "fail")
    assert 10 < box["peak"] <= PROCESS_BOUND + 8, box["peak"]
    assert sandbox_processes() == []


@pytest.fixture
def unittest_calc(calc):
    """calc with its hidden tests written as a unittest.TestCase with subtests."""
    return dataclasses.replace(calc, path=GOLDEN / "unittest_subtests")


def test_a_method_given_another_tests_code_is_tampering(unittest_calc, hostile):
    report = grade(unittest_calc, hostile("swap_method_code"))
    assert report.status == Status.ERROR and report.error_kind == ErrorKind.TAMPERING
    assert "AdditionChecks::test_adds_any_integers" in report.message
    assert_contained(report)


@pytest.mark.parametrize("name", ["breakpoint_left_in", "pytest_set_trace"])
def test_no_debugger_can_be_entered(calc, hostile, name):
    report = grade(calc, hostile(name))
    assert report.status == Status.FAIL, report.message
    assert all(t.status == "failed" for t in report.tests)
    assert "a debugger cannot be opened while grading" in report.tests[0].output
    assert_contained(report)
