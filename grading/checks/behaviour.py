"""Behaviour: which hidden tests exist (read from the source, never run on the host), what the
sandbox reported for each, and whether that report can be trusted."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from grading.report import CheckResult, ErrorKind, TestResult
from grading.sandbox import RunResult

OUTPUT_KEEP = 500


@dataclass(frozen=True)
class Problem:
    kind: ErrorKind
    message: str


def discover(test_source: str) -> dict[str, str]:
    """Test name ("test_x" or "TestClass::test_x") -> its docstring, in file order."""
    tree = ast.parse(test_source)
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            found[node.name] = _doc(node)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test"):
                    found[f"{node.name}::{item.name}"] = _doc(item)
    return found


def _doc(node: ast.AST) -> str:
    return " ".join((ast.get_docstring(node) or "").split())


def _base_name(nodeid: str) -> str:
    """ "test_hidden.py::TestX::test_y[case]" -> "TestX::test_y"."""
    return re.sub(r"\[.*\]$", "", nodeid.split("::", 1)[-1])


def evaluate(
    run: RunResult, expected: dict[str, str], wall_seconds: float
) -> tuple[list[TestResult], Problem | None]:
    """One TestResult per test case that ran (plus "not run" for tests that never did)."""
    results = [r for r in run.records if r.get("event") == "result"]
    cases: dict[str, int] = {}
    for record in results:
        base = _base_name(str(record.get("test", "")))
        cases[base] = cases.get(base, 0) + 1
    seen: dict[str, int] = {}
    tests: list[TestResult] = []
    for record in results:
        base = _base_name(str(record.get("test", "")))
        seen[base] = seen.get(base, 0) + 1
        name = base if cases[base] == 1 else f"{base} (case {seen[base]} of {cases[base]})"
        output = str(record.get("exception") or "")
        printed = str(record.get("output") or "").strip()
        if printed:
            output = f"{output}\nPrinted: {printed}" if output else f"Printed: {printed}"
        tests.append(
            TestResult(name, _status(record), expected.get(base, ""), output[:OUTPUT_KEEP])
        )
    collect_error = next((r for r in run.records if r.get("event") == "collect_error"), None)
    ran = set(cases)
    for base, doc in expected.items():
        if base not in ran:
            why = collect_error.get("exception", "") if collect_error else ""
            tests.append(TestResult(base, "not run", doc, why[:OUTPUT_KEEP]))
    return tests, _problem(run, results, expected, collect_error, wall_seconds)


def _status(record: dict) -> str:
    outcome = record.get("outcome")
    return outcome if outcome in ("passed", "failed", "error", "skipped") else "error"


def _problem(run, results, expected, collect_error, wall_seconds) -> Problem | None:
    exit_info = run.exit or {}
    reason = exit_info.get("reason")
    running = _base_name(exit_info.get("running") or "") or None
    during = f" during the test “{expected.get(running, running)}”" if running else ""
    tamper = [r for r in run.records if r.get("event") == "tamper"]
    if tamper or reason == "tampering":
        what = "; ".join(", ".join(r.get("what", [])) for r in tamper) or "the test run"
        return Problem(
            ErrorKind.TAMPERING,
            f"The submission interfered with the grader ({what}). "
            "A fix has to pass the tests, not change how they are run or reported.",
        )
    if reason == "timeout":
        return Problem(
            ErrorKind.TIMEOUT,
            f"Stopped after the {wall_seconds:g} s time limit{during}. "
            "Look for a loop that never ends or a call that waits forever.",
        )
    if reason == "cpu_time":
        return Problem(
            ErrorKind.CPU_TIME, f"Used up its CPU time limit{during}: some work never finishes."
        )
    if reason == "output_limit":
        return Problem(
            ErrorKind.OUTPUT_LIMIT,
            f"Printed more than 1 MiB{during}; the run was stopped. Remove the print in the loop.",
        )
    if any(r.get("exc_type") == "MemoryError" for r in results) or run.oom_killed:
        return Problem(
            ErrorKind.MEMORY,
            f"Ran out of its 512 MiB memory limit{during}. Something grows without bound.",
        )
    if reason == "signal":
        return Problem(
            ErrorKind.CRASH, f"The test process crashed ({exit_info.get('signal')}){during}."
        )
    if reason == "early_exit":
        return Problem(
            ErrorKind.EARLY_EXIT,
            f"The code ended the test process early (exit code "
            f"{exit_info.get('exit_code')}){during}, so not every test could run. "
            "Don't call sys.exit()/os._exit() in library code.",
        )
    if reason != "ok":
        detail = run.stderr.strip().splitlines()[-1:] or ["no report from the sandbox"]
        return Problem(ErrorKind.INTERNAL, f"The grader could not run the tests: {detail[0][:300]}")
    return _integrity(results, expected, collect_error, run)


def _integrity(results, expected, collect_error, run) -> Problem | None:
    """Every known test reported once, nothing unknown, and the count the test process gave."""
    nodeids = [str(r.get("test")) for r in results]
    unknown = {_base_name(n) for n in nodeids} - set(expected)
    done = next((r for r in run.records if r.get("event") == "done"), None)
    if unknown or len(nodeids) != len(set(nodeids)) or (done and done.get("count") != len(results)):
        return Problem(
            ErrorKind.TAMPERING,
            "The test report did not match the tests that exist: "
            "results were added, repeated or dropped.",
        )
    if not collect_error and set(expected) - {_base_name(n) for n in nodeids}:
        return Problem(ErrorKind.TAMPERING, "Some tests never reported a result.")
    return None


def score(tests: list[TestResult], weight: int, collect_error: str | None = None) -> CheckResult:
    passed = sum(t.status == "passed" for t in tests)
    total = len(tests)
    value = passed / total if total else 0.0
    if collect_error:
        summary = f"The tests could not import your code: {collect_error}"
    else:
        summary = f"{passed} of {total} requirement checks pass."
    return CheckResult("behaviour", round(value, 3), weight, summary[:300])
