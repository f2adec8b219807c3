"""Turns a grading report into what the learner reads: headlines, failed requirements,
editor gutter annotations, the complexity table and a diff against the starter."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from grading.report import ErrorKind, Finding, Report, Status

CHECK_TITLES = {"behaviour": "Behaviour", "security": "Security", "quality": "Quality"}

ERROR_ADVICE = {
    ErrorKind.SYNTAX: "Python could not read your code. The line is marked in the editor.",
    ErrorKind.TIMEOUT: "Your code ran past the time limit: look for a loop that never ends or "
    "a call that waits forever.",
    ErrorKind.CPU_TIME: "Your code used too much CPU time: look for a loop that never ends.",
    ErrorKind.MEMORY: "Your code used too much memory: is something growing without bound?",
    ErrorKind.CRASH: "The tests could not run because your module crashed while loading.",
    ErrorKind.OUTPUT_LIMIT: "Your code printed or wrote too much.",
    ErrorKind.EARLY_EXIT: "Your code stopped the test run (sys.exit or os._exit).",
    ErrorKind.TAMPERING: "Your code interfered with the test run itself.",
    ErrorKind.SANDBOX_UNAVAILABLE: "The grading sandbox is not available on this server; "
    "ask whoever runs it to install bubblewrap.",
}


@dataclass(frozen=True)
class Headline:
    """The one sentence and colour that open a result."""

    tone: str  # success | warning | error
    title: str
    detail: str


def headline(report: Report, kind: str) -> Headline:
    if report.status == Status.ERROR:
        advice = ERROR_ADVICE.get(report.error_kind or "", "")
        where = f" (line {report.error_line})" if report.error_line else ""
        detail = " ".join(part for part in (report.message + where, advice) if part)
        return Headline("error", "Not graded", detail)
    if kind == "check":
        passed = sum(1 for t in report.tests if t.status == "passed")
        title = (
            f"Check: {passed} of {len(report.tests)} visible tests pass"
            if report.tests
            else "Check"
        )
        return Headline(
            "success" if not report.failed_tests else "warning",
            title,
            "Checks don't count as attempts. Submit when you're ready to be graded.",
        )
    if report.solved:
        return Headline("success", f"Solved — {report.score}/100", report.message)
    return Headline("warning", f"Not solved yet — {report.score}/100", report.message)


@dataclass(frozen=True)
class Requirement:
    """One requirement as the learner reads it; parametrised cases of a test share one text."""

    text: str
    cases: int
    outputs: tuple[str, ...]


def requirements(report: Report, met: bool) -> list[Requirement]:
    """Requirements met (or not met), each text once, in the order the tests ran."""
    grouped: dict[str, list[str]] = {}
    for test in report.tests:
        if (test.status == "passed") == met:
            grouped.setdefault(test.message.strip() or test.name, []).append(test.output)
    return [
        Requirement(text, len(outputs), tuple(dict.fromkeys(o for o in outputs if o)))
        for text, outputs in grouped.items()
    ]


def annotations(report: Report | None) -> list[dict]:
    """Ace gutter annotations (0-based rows) for the findings and a syntax error's line."""
    if report is None:
        return []
    marks = [_annotation(f) for f in report.findings if f.line > 0]
    if report.error_line:
        marks.append(
            {
                "row": report.error_line - 1,
                "column": 0,
                "type": "error",
                "text": report.message,
            }
        )
    return marks


def _annotation(finding: Finding) -> dict:
    serious = finding.severity in {"MEDIUM", "HIGH"} and not finding.allowed
    cwe = f" (CWE-{finding.cwe})" if finding.cwe else ""
    text = f"{finding.id}{cwe}: {finding.message}"
    if finding.why:
        text += f"\n{finding.why}"
    return {
        "row": finding.line - 1,
        "column": max(finding.column, 0),
        "type": "error" if serious else "warning",
        "text": text,
    }


def complexity_rows(report: Report) -> list[dict]:
    bound = report.metrics.max_complexity
    return [
        {
            "Function": fn.name,
            "Line": fn.line,
            "Complexity": fn.complexity,
            "Rank": fn.rank,
            "Within bound": "yes" if fn.complexity <= bound else f"no (max {bound})",
        }
        for fn in report.metrics.functions
    ]


def diff_against_starter(starter: str, code: str) -> str:
    """A unified diff of the learner's fix against the starter ("" when unchanged)."""
    return unified_diff(starter, code, "starter.py", "your fix")


def diff_against_reference(reference: str, code: str) -> str:
    """The learner's fix against the reference fix: where a different correct fix differs."""
    return unified_diff(reference, code, "reference fix", "your fix")


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=old_name,
        tofile=new_name,
        n=2,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
