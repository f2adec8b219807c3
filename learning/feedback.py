"""Turns a grading report into what the learner reads: headlines, failed requirements,
editor gutter annotations, the complexity table and a diff against the starter."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from grading.report import ADVICE, ErrorKind, Finding, Report, Status, TestResult

CHECK_TITLES = {"behaviour": "Behaviour", "security": "Security", "quality": "Quality"}

# What to try after a run that was not graded: the grader's own advice where it gives one (one
# copy, grading.report.ADVICE), and the kinds only the app explains.
ERROR_ADVICE: dict[str, str] = {
    **{str(kind): text for kind, text in ADVICE.items()},
    ErrorKind.SYNTAX: "Python could not read your code. The line is marked in the editor.",
    ErrorKind.IMPORT: "Your module failed while it was being loaded, so no test could run: "
    "run it once yourself and fix what it raises.",
    ErrorKind.CRASH: "The tests could not run because your module crashed while loading.",
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


@dataclass(frozen=True)
class Requirement:
    """One requirement as the learner reads it: one test, or all parametrised cases of one
    test (they share one text). It is met only when every case passes."""

    text: str
    cases: int
    failed_cases: int
    outputs: tuple[str, ...]  # what the failing cases raised or printed, each once

    @property
    def met(self) -> bool:
        return self.failed_cases == 0


def all_requirements(report: Report) -> list[Requirement]:
    """Every requirement once, in the order the tests ran."""
    grouped: dict[str, list[TestResult]] = {}
    for test in report.tests:
        grouped.setdefault(test.message.strip() or test.name, []).append(test)
    found = []
    for text, tests in grouped.items():
        failing = [t for t in tests if t.status != "passed"]
        outputs = tuple(dict.fromkeys(t.output for t in failing if t.output))
        found.append(Requirement(text, len(tests), len(failing), outputs))
    return found


def requirements(report: Report, met: bool) -> list[Requirement]:
    """Requirements met (or not met): a requirement with one failing case is not met."""
    return [r for r in all_requirements(report) if r.met == met]


def requirement_count(report: Report) -> str:
    """The one way every part of the page counts: "3 of 11 requirements met"."""
    found = all_requirements(report)
    met = sum(1 for r in found if r.met)
    return f"{met} of {len(found)} requirement{'s' if len(found) != 1 else ''} met"


def blocking_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity in {"MEDIUM", "HIGH"} and not f.allowed]


def headline(report: Report, kind: str) -> Headline:
    if report.status == Status.ERROR:
        return Headline("error", "Not graded", not_graded_reason(report))
    if kind == "check":
        title = f"Check: {requirement_count(report)}" if report.tests else "Check"
        return Headline(
            "success" if not report.failed_tests else "warning",
            title,
            "Checks run the visible tests only and don't count as attempts. "
            "Submit when you're ready to be graded.",
        )
    if report.solved:
        return Headline("success", f"Solved — {report.score}/100", report.message)
    parts = []
    if report.failed_tests:
        unmet = len(requirements(report, met=False))
        parts.append(f"{unmet} of {len(all_requirements(report))} requirements not met")
    blocking = blocking_findings(report)
    if blocking:
        parts.append(
            f"{len(blocking)} security finding{'s' if len(blocking) != 1 else ''} "
            "of medium or high severity remain"
        )
    detail = "; ".join(parts).capitalize() + "." if parts else report.message
    return Headline("warning", f"Not solved yet — {report.score}/100", detail)


def not_graded_reason(report: Report) -> str:
    """Why a submission was not graded and what to try, each said once."""
    message = report.message.strip()
    if report.error_line and f"line {report.error_line}" not in message:
        message += f" (line {report.error_line})"
    advice = ERROR_ADVICE.get(report.error_kind or "", "")
    if advice and _says(message, advice):
        advice = ""
    return " ".join(part for part in (message, advice) if part)


def _says(message: str, advice: str) -> bool:
    """True when the grader's message already gives the advice (its clause after a colon)."""
    clause = advice.split(":", 1)[-1].strip().lower()
    return " ".join(clause.split()[:4]) in message.lower()


_OWN_FILE = re.compile(r"(?:File )?\"?(?:[\w./-]*/)?{module}\.py\"?,? line (\d+)")


def in_learner_words(text: str, module: str) -> str:
    """Names the learner's file as they see it: "your code, line 30", not a module path."""
    if not module:
        return text
    return re.sub(_OWN_FILE.pattern.format(module=re.escape(module)), r"your code, line \1", text)


def gutter_marks(report: Report | None) -> list[dict[str, Any]]:
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


def _annotation(finding: Finding) -> dict[str, Any]:
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


def complexity_rows(report: Report) -> list[dict[str, Any]]:
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
