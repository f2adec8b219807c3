"""The report as Exercism's test-runner results.json (version 3), so tools built for Exercism
runners can read ProdReady's grades. The mapping is documented in docs/exercism.md.

Hidden test code never leaves the grader: a hidden test is named by its requirement (its
docstring) and carries no `test_code`. Visible tests, which the learner may read anyway, carry
their code.
"""

from __future__ import annotations

import ast
from typing import Any

from grading.inside.protocol import OUTPUT_KEEP
from grading.report import Report, Status, TestResult, TestStatus

VERSION = 3
_STATUS = {Status.PASS: "pass", Status.FAIL: "fail", Status.ERROR: "error"}
_TEST_STATUS = {TestStatus.PASSED: "pass", TestStatus.FAILED: "fail"}  # anything else: error
_PRINTED = "Printed: "


def results(report: Report, visible_source: str | None = None) -> dict[str, Any]:
    """results.json for `report`; `visible_source` is the visible test file when the report is
    of the visible suite (its tests' code may be shown)."""
    codes = _test_code(visible_source) if report.suite == "visible" and visible_source else {}
    data: dict[str, Any] = {
        "version": VERSION,
        "status": _STATUS[report.status],
        "message": report.message,
        "tests": [_test(t, codes) for t in report.tests],
    }
    return data


def _test(test: TestResult, codes: dict[str, str]) -> dict[str, Any]:
    message, output = _split(test.output)
    entry: dict[str, Any] = {
        "name": _name(test),
        "status": _TEST_STATUS.get(test.status, "error"),
    }
    if test.status != TestStatus.PASSED:
        entry["message"] = message or _why(test.status)
    if output:
        entry["output"] = output[:OUTPUT_KEEP]
    code = codes.get(_base(test.name))
    if code:
        entry["test_code"] = code
    return entry


def _name(test: TestResult) -> str:
    """The requirement in learner words, with the case when there is one."""
    if not test.message:
        return test.name
    case = test.name[len(_base(test.name)) :].strip()
    return f"{test.message} {case}" if case else test.message


def _base(name: str) -> str:
    """ "TestX::test_y — opposites" or "test_y (case 2 of 3)" -> the test's own name."""
    return name.split(" — ", 1)[0].split(" (case ", 1)[0]


def _split(output: str) -> tuple[str, str]:
    """ProdReady keeps what was raised and what was printed in one text; Exercism apart."""
    if output.startswith(_PRINTED):
        return "", output[len(_PRINTED) :]
    raised, _, printed = output.partition("\n" + _PRINTED)
    return raised, printed


def _why(status: TestStatus) -> str:
    if status == TestStatus.NOT_RUN:
        return "The test could not run: the tests could not import the code."
    if status == TestStatus.SKIPPED:
        return "The test was skipped."
    return "The test failed."


def _test_code(source: str) -> dict[str, str]:
    """The body of each visible test function or method, by the name the report uses."""
    codes: dict[str, str] = {}
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            codes[node.name] = ast.get_source_segment(source, node) or ""
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    codes[f"{node.name}::{item.name}"] = ast.get_source_segment(source, item) or ""
    return codes
