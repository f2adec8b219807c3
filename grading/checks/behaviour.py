"""Behaviour: what the sandbox reported for each hidden test (grading.discovery says which exist),
each case named for the learner, and whether that report can be trusted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from grading.discovery import KnownTest
from grading.inside import protocol
from grading.inside.protocol import OUTPUT_KEEP, OUTPUT_LIMIT, ExitReason
from grading.report import CheckResult, ErrorKind, TestResult, TestStatus
from grading.sandbox import Limits, RunResult
from grading.submission import human_size


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
    status: TestStatus
    label: str  # the author's description, or "" for numbered cases
    exception: str
    printed: str


def evaluate(
    run: RunResult, expected: dict[str, KnownTest], wall_seconds: float
) -> tuple[list[TestResult], Problem | None]:
    """One TestResult per case that ran (plus "not run" for tests that never did): a plain
    test is one case, each parametrised variant and each subtest another."""
    results = run.results()
    cases = [case for result in results for case in _cases(result, expected)]
    tests = _name_cases(cases, expected)
    collect_error = run.collect_error()
    ran = {short_name(r.test) for r in results}
    why = collect_error.exception[:OUTPUT_KEEP] if collect_error else ""
    tests += [
        TestResult(base, TestStatus.NOT_RUN, known.doc, why)
        for base, known in expected.items()
        if base not in ran
    ]
    return tests, _problem(run, expected, wall_seconds)


def _cases(result: protocol.Result, expected: dict[str, KnownTest]) -> list[_Case]:
    base = short_name(result.test)
    known = expected.get(base)
    label = _case_id(result.test) if known and known.described else ""
    printed = result.output.strip()
    parent = _Case(base, TestStatus(result.outcome), label, result.exception, printed)
    if not result.subtests:
        return [parent]
    found = [
        _Case(
            base,
            TestStatus(sub.outcome),
            " · ".join(p for p in (label, sub.description) if p),
            sub.exception,
            printed,
        )
        for sub in result.subtests
    ]
    # The test itself is a case too when it failed outside its subtests.
    return found + ([parent] if parent.status != TestStatus.PASSED else [])


def _name_cases(cases: list[_Case], expected: dict[str, KnownTest]) -> list[TestResult]:
    totals = Counter(case.base for case in cases)
    seen: Counter[str] = Counter()
    tests = []
    for case in cases:
        seen[case.base] += 1
        if case.label:
            name = f"{case.base} — {case.label}"
        elif totals[case.base] == 1:
            name = case.base
        else:
            name = f"{case.base} (case {seen[case.base]} of {totals[case.base]})"
        known = expected.get(case.base)
        doc = known.doc if known else ""
        tests.append(TestResult(name, case.status, doc, _output(case)[:OUTPUT_KEEP]))
    return tests


def _output(case: _Case) -> str:
    output = case.exception
    if case.printed:
        output = f"{output}\nPrinted: {case.printed}" if output else f"Printed: {case.printed}"
    if case.label and case.status != TestStatus.PASSED:
        output = f"Case “{case.label}”: {output}" if output else f"Case “{case.label}”"
    return output


def _problem(run: RunResult, expected: dict[str, KnownTest], wall_seconds: float) -> Problem | None:
    """Why the run cannot be graded, most telling reason first; None when it can."""
    end = run.exit
    if run.tampers() or (end is not None and end.reason == ExitReason.TAMPERING):
        return _tampering(run)
    if end is None:
        return _internal(run)
    stopped = _stopped(run, end, _during(end, expected), wall_seconds)
    if stopped:
        return stopped
    if end.reason != ExitReason.OK:
        return _internal(run)
    collect_error = run.collect_error()
    if collect_error is not None and not run.results():
        return import_failure(collect_error)
    return _integrity(run, expected)


def _during(end: protocol.Exit, expected: dict[str, KnownTest]) -> str:
    """ " during the test “<its requirement>”" for the test that was running, if any."""
    if not end.running:
        return ""
    running = short_name(end.running)
    known = expected.get(running)
    return f" during the test “{known.doc if known else running}”"


def _internal(run: RunResult) -> Problem:
    detail = run.stderr.strip().splitlines()[-1:] or ["no report from the sandbox"]
    return Problem(ErrorKind.INTERNAL, f"The grader could not run the tests: {detail[0][:300]}")


def _tampering(run: RunResult) -> Problem:
    named = dict.fromkeys(item for t in run.tampers() for item in t.what)  # each change once
    what = ", ".join(named) or "the test run"
    return Problem(
        ErrorKind.TAMPERING,
        f"The submission interfered with the grader ({what}). "
        "A fix has to pass the tests, not change how they are run or reported.",
    )


def _stopped(
    run: RunResult, end: protocol.Exit, during: str, wall_seconds: float
) -> Problem | None:
    """A limit was hit or the test process ended on its own: which, and during what."""
    if end.reason == ExitReason.TIMEOUT:
        return Problem(
            ErrorKind.TIMEOUT, f"Stopped after the {wall_seconds:g} s time limit{during}."
        )
    if end.reason == ExitReason.CPU_TIME:
        return Problem(ErrorKind.CPU_TIME, f"Used up its CPU time limit{during}.")
    if end.reason == ExitReason.OUTPUT_LIMIT:
        printed = human_size(OUTPUT_LIMIT)
        return Problem(ErrorKind.OUTPUT_LIMIT, f"Printed more than {printed}{during}.")
    if any(r.exc_type == "MemoryError" for r in run.results()) or run.oom_killed:
        memory = human_size(Limits().memory_bytes)
        return Problem(ErrorKind.MEMORY, f"Ran out of its {memory} memory limit{during}.")
    if end.reason == ExitReason.SIGNAL:
        return Problem(ErrorKind.CRASH, f"The test process crashed ({end.signal}){during}.")
    if end.reason == ExitReason.EARLY_EXIT:
        return Problem(
            ErrorKind.EARLY_EXIT,
            f"The code ended the test process early (exit code {end.exit_code}){during}, "
            "so not every test could run.",
        )
    return None


EMFILE = "[Errno 24]"  # "Too many open files" as an OSError shows it on Linux


def import_failure(error: protocol.CollectError) -> Problem:
    """No test could run because importing the code (or collecting the tests) failed: what
    happened, at which line of the learner's code when it was there."""
    if not error.exc_type:
        return _collection_failure(error)
    if not error.line or not error.file:
        return Problem(
            ErrorKind.IMPORT,
            f"The tests could not import your code ({error.exception or 'an error'}), so no "
            "test could run. Keep the names the brief asks for, and let the module load "
            "without side effects.",
        )
    in_submission = error.file == error.module_file
    where = f"at line {error.line}" + ("" if in_submission else f" of {error.file}")
    if error.exc_type == "SystemExit":
        kind = ErrorKind.EARLY_EXIT
        what = f"Your module called sys.exit() {where} while being imported"
    else:
        kind = ErrorKind.MEMORY if error.exc_type == "MemoryError" else ErrorKind.IMPORT
        raised = error.exc_type + (f": {error.message}" if error.message else "")
        what = f"Your module raised {raised} {where} while being imported"
    return Problem(kind, f"{what}, so no test could run.", error.line if in_submission else None)


def _collection_failure(error: protocol.CollectError) -> Problem:
    """pytest's collection failed after the module imported."""
    if EMFILE in error.exception:
        # Out of file descriptors: the limit is the test process's, and the only code that ran
        # before collection is the learner's module, imported.
        return Problem(
            ErrorKind.IMPORT,
            "Your module kept files (or sockets) open while being imported, until the test "
            f"process could open no more ({error.exception}), so no test could run. Close what "
            "you open (a `with` block), and open nothing at import time.",
        )
    return Problem(  # not the learner's code: a bug in the tests
        ErrorKind.INTERNAL,
        f"The grader could not collect the tests ({error.exception}), so no test could run.",
    )


def _integrity(run: RunResult, expected: dict[str, KnownTest]) -> Problem | None:
    """Every known test reported once, nothing unknown, and the count the test process gave.
    The names are said: for an author, a mismatch means discovery and pytest disagree."""
    nodeids = [r.test for r in run.results()]
    names = {short_name(n) for n in nodeids}
    done = run.done()
    unknown = sorted(names - set(expected))
    if (
        unknown
        or len(nodeids) != len(set(nodeids))
        or (done is not None and done.count != len(nodeids))
    ):
        extra = f" (not in the test file: {', '.join(unknown[:5])})" if unknown else ""
        return Problem(
            ErrorKind.TAMPERING,
            "The test report did not match the tests that exist: "
            f"results were added, repeated or dropped{extra}.",
        )
    missing = sorted(set(expected) - names)
    if run.collect_error() is None and missing:
        return Problem(
            ErrorKind.TAMPERING, f"Some tests never reported a result: {', '.join(missing[:5])}."
        )
    return None


def score(tests: list[TestResult], weight: int, collect_error: str | None = None) -> CheckResult:
    passed = sum(t.status == TestStatus.PASSED for t in tests)
    total = len(tests)
    value = passed / total if total else 0.0
    if collect_error:
        summary = f"The tests could not import your code: {collect_error}"
    else:
        summary = f"{passed} of {total} requirement checks pass."
    return CheckResult("behaviour", round(value, 3), weight, summary[:300])
