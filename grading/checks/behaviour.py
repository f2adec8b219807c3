"""Behaviour: what the sandbox reported for each hidden test (grading.discovery says which exist),
each case named for the learner, and whether that report can be trusted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from grading.discovery import KnownTest
from grading.report import CheckResult, ErrorKind, TestResult
from grading.sandbox import RunResult

OUTPUT_KEEP = 500


@dataclass(frozen=True)
class Problem:
    kind: ErrorKind
    message: str
    line: int | None = None  # a line of the submission to mark in the editor


def short_name(nodeid: str) -> str:
    """ "test_hidden.py::TestX::test_y[case]" -> "TestX::test_y" (a name discovery knows)."""
    name = nodeid.split("::", 1)[-1]
    return name.split("[", 1)[0] if name.endswith("]") else name


def _case_id(nodeid: str) -> str:
    """The author's id of a parametrised case, as written ("day clocks go forward")."""
    name = nodeid.split("::", 1)[-1]
    if not name.endswith("]") or "[" not in name:
        return ""
    # pytest writes non-ASCII ids as escapes (\u00e9); the learner reads the words.
    return _ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)), name.split("[", 1)[1][:-1])


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")


@dataclass(frozen=True)
class _Case:
    """One reported case before it becomes a TestResult."""

    base: str
    status: str
    label: str  # the author's description, or "" for numbered cases
    exception: str
    printed: str


def evaluate(
    run: RunResult, expected: dict[str, KnownTest], wall_seconds: float
) -> tuple[list[TestResult], Problem | None]:
    """One TestResult per case that ran (plus "not run" for tests that never did): a plain
    test is one case, each parametrised variant and each subtest another."""
    results = [r for r in run.records if r.get("event") == "result"]
    cases = [case for record in results for case in _cases(record, expected)]
    tests = _name_cases(cases, expected)
    collect_error = next((r for r in run.records if r.get("event") == "collect_error"), None)
    ran = {short_name(str(r.get("test", ""))) for r in results}
    for base, known in expected.items():
        if base not in ran:
            why = collect_error.get("exception", "") if collect_error else ""
            tests.append(TestResult(base, "not run", known.doc, why[:OUTPUT_KEEP]))
    return tests, _problem(run, results, expected, collect_error, wall_seconds)


def _cases(record: dict, expected: dict[str, KnownTest]) -> list[_Case]:
    nodeid = str(record.get("test", ""))
    base = short_name(nodeid)
    known = expected.get(base)
    label = _case_id(nodeid) if known and known.described else ""
    printed = str(record.get("output") or "").strip()
    parent = _Case(base, _status(record), label, str(record.get("exception") or ""), printed)
    subtests = record.get("subtests") or []
    if not isinstance(subtests, list) or not subtests:
        return [parent]
    found = [
        _Case(
            base,
            _status(sub),
            " · ".join(p for p in (label, str(sub.get("description") or "")) if p),
            str(sub.get("exception") or ""),
            printed,
        )
        for sub in subtests
        if isinstance(sub, dict)
    ]
    # The test itself is a case too when it failed outside its subtests.
    return found + ([parent] if parent.status != "passed" else [])


def _name_cases(cases: list[_Case], expected: dict[str, KnownTest]) -> list[TestResult]:
    totals: dict[str, int] = {}
    for case in cases:
        totals[case.base] = totals.get(case.base, 0) + 1
    seen: dict[str, int] = {}
    tests = []
    for case in cases:
        seen[case.base] = seen.get(case.base, 0) + 1
        known = expected.get(case.base)
        if totals[case.base] == 1 and not case.label:
            name = case.base
        elif case.label:
            name = f"{case.base} — {case.label}"
        else:
            name = f"{case.base} (case {seen[case.base]} of {totals[case.base]})"
        output = case.exception
        if case.printed:
            output = f"{output}\nPrinted: {case.printed}" if output else f"Printed: {case.printed}"
        if case.label and case.status != "passed":
            output = f"Case “{case.label}”: {output}" if output else f"Case “{case.label}”"
        doc = known.doc if known else ""
        tests.append(TestResult(name, case.status, doc, output[:OUTPUT_KEEP]))
    return tests


def _status(record: dict) -> str:
    outcome = record.get("outcome")
    return outcome if outcome in ("passed", "failed", "error", "skipped") else "error"


def _problem(run, results, expected, collect_error, wall_seconds) -> Problem | None:
    exit_info = run.exit or {}
    reason = exit_info.get("reason")
    running = short_name(exit_info.get("running") or "") or None
    known = expected.get(running or "")
    during = f" during the test “{known.doc if known else running}”" if running else ""
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
    if collect_error is not None and not results:
        return import_failure(collect_error)
    return _integrity(results, expected, collect_error, run)


def import_failure(record: dict) -> Problem:
    """No test could run because importing the code (or collecting the tests) failed: what
    happened, at which line of the learner's code when it was there."""
    exc_type = str(record.get("exc_type") or "")
    message = str(record.get("message") or "")
    file, line = record.get("file"), record.get("line")
    if not isinstance(line, int) or not file:
        detail = str(record.get("exception") or "an error")
        return Problem(
            ErrorKind.IMPORT,
            f"The tests could not import your code ({detail}), so no test could run. "
            "Keep the names the brief asks for, and let the module load without side effects.",
        )
    where = f"at line {line}" + ("" if file == record.get("module_file") else f" of {file}")
    if exc_type == "SystemExit":
        kind = ErrorKind.EARLY_EXIT
        what = f"Your module called sys.exit() {where} while being imported"
    else:
        kind = ErrorKind.MEMORY if exc_type == "MemoryError" else ErrorKind.IMPORT
        raised = exc_type + (f": {message}" if message else "")
        what = f"Your module raised {raised} {where} while being imported"
    editor_line = line if file == record.get("module_file") else None
    return Problem(kind, f"{what}, so no test could run.", editor_line)


def _integrity(results, expected, collect_error, run) -> Problem | None:
    """Every known test reported once, nothing unknown, and the count the test process gave."""
    nodeids = [str(r.get("test")) for r in results]
    unknown = {short_name(n) for n in nodeids} - set(expected)
    done = next((r for r in run.records if r.get("event") == "done"), None)
    if unknown or len(nodeids) != len(set(nodeids)) or (done and done.get("count") != len(results)):
        return Problem(
            ErrorKind.TAMPERING,
            "The test report did not match the tests that exist: "
            "results were added, repeated or dropped.",
        )
    if not collect_error and set(expected) - {short_name(n) for n in nodeids}:
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
