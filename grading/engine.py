"""grade(): one submission in, one explained Report out."""

from __future__ import annotations

import math
import time

from course.models import DEFAULT_MAX_COMPLEXITY, DEFAULT_WEIGHTS, Exercise
from grading.checks import behaviour, quality, security
from grading.discovery import Inventory, discover
from grading.report import CheckResult, ErrorKind, Finding, Report, Status
from grading.sandbox import Job, Limits, RunResult, SandboxPool, SandboxUnavailable, run_tests
from grading.submission import Rejection, gradable

GRADER_VERSION = (
    "0.2.0"  # 0.2: class-based tests, named cases, error when no test ran, no score gate
)
SUITES = ("hidden", "visible")


class Grader:
    """Grades submissions with the sandboxes of one pool: a grading worker owns one, the app
    uses the default (this process's pool)."""

    def __init__(self, pool: SandboxPool | None = None):
        self.pool = pool

    def grade(self, exercise: Exercise, source: str | bytes, suite: str = "hidden") -> Report:
        """Grades `source` as the exercise's module against the hidden (Submit) or visible
        (Check) tests. Never raises for anything the submission does: problems become status
        "error"."""
        if suite not in SUITES:
            raise ValueError(f"suite must be one of {SUITES}, not {suite!r}")
        started = time.monotonic()
        report = self._grade(exercise, source, suite)
        report.duration_ms = int((time.monotonic() - started) * 1000)
        return report

    def _grade(self, exercise: Exercise, source: str | bytes, suite: str) -> Report:
        report = _new_report(exercise.slug, suite)
        text = gradable(source, f"{exercise.module}.py")
        if isinstance(text, Rejection):
            return _error(report, text.kind, text.message, text.line)
        _static_checks(report, text, exercise, exercise.weights or DEFAULT_WEIGHTS)
        if not exercise.has_suite(suite):
            report.checks.insert(
                0, CheckResult("behaviour", 0.0, 0, "This exercise has no visible tests.")
            )
            report.message = "No visible tests here: Submit to run the grading tests."
            return report
        return self._run(report, exercise, text, suite)

    def _run(self, report: Report, exercise: Exercise, text: str, suite: str) -> Report:
        test_source = exercise.test_source(suite)
        inventory = discover(test_source)
        limits = Limits(
            wall_seconds=exercise.time_limit_s, cpu_seconds=math.ceil(exercise.time_limit_s) + 1
        )
        job = Job(
            module=exercise.module,
            source=text,
            tests={f"test_{suite}": test_source},
            test_codes={f"test_{suite}": inventory.codes()},
            context=exercise.context_files,
        )
        try:
            run = run_tests(job, limits, self.pool)
        except SandboxUnavailable as exc:
            return _error(report, ErrorKind.SANDBOX_UNAVAILABLE, str(exc))
        return _judge(report, run, inventory, exercise, suite)


def grade(exercise: Exercise, source: str | bytes, suite: str = "hidden") -> Report:
    """Grader().grade with this process's default sandbox pool."""
    return Grader().grade(exercise, source, suite)


def scan(
    source: str | bytes,
    max_complexity: int = DEFAULT_MAX_COMPLEXITY,
    allowed: tuple[str, ...] = (),
    expected: tuple[str, ...] = (),
) -> Report:
    """Static checks only (bandit + radon), nothing executed: the Reality check page, and Check
    on an exercise without visible tests (which passes the exercise's allowed and expected
    findings, so they are marked before anything is scored)."""
    started = time.monotonic()
    report = _new_report("reality-check", "static")
    text = gradable(source, "snippet.py")
    if isinstance(text, Rejection):
        return _error(report, text.kind, text.message, text.line)
    weights = {"security": 75, "quality": 25}
    report.findings = security.run_bandit(text)
    security.classify(report.findings, allowed, expected)
    report.metrics = quality.measure(text, max_complexity)
    report.checks = _static_scores(report, weights)
    blocked = security.blocking(report.findings)
    report.score = _total(report.checks)
    report.status = Status.FAIL if blocked else Status.PASS
    report.message = _static_message(report, blocked)
    report.duration_ms = int((time.monotonic() - started) * 1000)
    return report


def _judge(
    report: Report, run: RunResult, inventory: Inventory, exercise: Exercise, suite: str
) -> Report:
    """The verdict on a run: an error with its reason, or the score and what is missing."""
    weights = exercise.weights or DEFAULT_WEIGHTS
    wall_seconds = exercise.time_limit_s
    report.tests, problem = behaviour.evaluate(run, inventory.tests, wall_seconds)
    collect_error = run.collect_error()
    summary_error = collect_error.exception if collect_error else None
    report.checks.insert(0, behaviour.score(report.tests, weights["behaviour"], summary_error))
    if problem:
        return _error(report, problem.kind, problem.message, problem.line)
    report.score = _total(report.checks)
    blocked = security.blocking(report.findings)
    # Solved is about the requirements and the security that matters, not a score threshold:
    # LOW findings are advice and lower the score without blocking a correct fix.
    good = bool(report.tests) and not report.failed_tests and not blocked
    report.solved = good and suite == "hidden"
    report.status = Status.PASS if good else Status.FAIL
    report.message = _message(report, blocked, suite)
    return report


def _new_report(slug: str, suite: str) -> Report:
    return Report(
        exercise=slug,
        status=Status.FAIL,
        solved=False,
        score=0,
        message="",
        suite=suite,
        grader_version=GRADER_VERSION,
    )


def _static_checks(report: Report, text: str, exercise: Exercise, weights: dict[str, int]) -> None:
    report.findings = security.run_bandit(text)
    security.classify(report.findings, exercise.allowed_findings, exercise.expected_findings)
    report.metrics = quality.measure(text, exercise.max_complexity)
    report.checks = _static_scores(report, weights)


def _static_scores(report: Report, weights: dict[str, int]) -> list[CheckResult]:
    return [
        security.score(report.findings, weights["security"]),
        quality.score(report.metrics, weights["quality"]),
    ]


def _total(checks: list[CheckResult]) -> int:
    return round(sum(c.score * c.weight for c in checks))


def _error(report: Report, kind: ErrorKind, message: str, line: int | None = None) -> Report:
    report.status, report.solved, report.score = Status.ERROR, False, 0
    report.error_kind, report.error_line, report.message = str(kind), line, message
    return report


def _message(report: Report, blocked: list[Finding], suite: str) -> str:
    failed = report.failed_tests
    if suite == "visible":
        head = "Check (visible tests only, not an attempt): "
        if report.status == Status.PASS:
            return (
                head
                + "the visible tests pass and nothing blocks security. "
                + (_remaining(report.findings) + "Submit to be graded.")
            )
    elif report.solved:
        if not report.findings:
            return "Every requirement is met and no security issue remains."
        return "Every requirement is met. " + _remaining(report.findings).rstrip()
    else:
        head = ""  # the status and score travel beside the message; it says what is missing
    parts = []
    if failed:
        parts.append(f"{len(failed)} of {len(report.tests)} requirement checks fail")
    if blocked:
        parts.append(f"security findings block solving: {security.describe(blocked)}")
    if not report.tests:
        parts.append("the exercise defines no test the grader could run")
    detail = "; ".join(parts) + "."
    return head + (detail if head else detail[0].upper() + detail[1:])


def _remaining(findings: list[Finding]) -> str:
    """Findings that do not block, named: a message never implies none remain."""
    if not findings:
        return ""
    return f"Still in the code, not blocking: {security.describe(findings)}. "


def _static_message(report: Report, blocked: list[Finding]) -> str:
    if blocked:
        return f"{len(blocked)} MEDIUM/HIGH security finding(s): not ready for production as is."
    if report.findings:
        return "Only low-severity findings: review each before shipping."
    return "No automatic findings. That is not proof of safety: walk through the checklist below."
