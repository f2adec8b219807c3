"""Check and Submit: what happens between a click and the result on screen.

Check runs the visible tests and the static checks and counts for nothing. Submit grades with
the hidden tests and records the attempt. Identical code submitted twice in a row (a double
click, an impatient second press) is graded once: the second press shows the first result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from course import Exercise
from grading import grade, scan
from grading.report import ErrorKind, Report
from grading.submission import (
    MAX_BYTES as MAX_SOURCE_BYTES,  # checked here too: a huge paste is answered at once
)
from grading.submission import human_size as _human_size
from progress import Attempt, ProgressStore, StorageError

Grader = Callable[..., Report]


@dataclass
class Outcome:
    """What a click produced: a report to show, and whether (and why not) it was recorded."""

    report: Report
    code: str
    kind: str  # "check" or "submit"
    recorded: bool = False
    repeated: bool = False  # identical to the last submission: its result, not a new attempt
    storage_error: str | None = None


def stored_report(attempt: Attempt) -> Report | None:
    """The report saved with an attempt; None when an older grader stored a shape this one
    cannot read (the attempt still counts, it just cannot be redrawn)."""
    try:
        return Report.from_dict(attempt.report)
    except (TypeError, KeyError, ValueError):
        return None


def rejected(exercise: Exercise, code: str, suite: str) -> Report | None:
    """A report for code the grader would refuse anyway, without sending it there."""
    size = len(code.encode("utf-8", errors="replace"))
    if not code.strip():
        kind, message = (
            ErrorKind.EMPTY,
            (
                "The editor is empty. Press Reset to starter to get the original code back, "
                "then fix it."
            ),
        )
    elif size > MAX_SOURCE_BYTES:
        kind, message = (
            ErrorKind.TOO_LARGE,
            (
                f"Your code is {_human_size(size)}; the grader accepts at most 64 KiB. "
                "Did you paste something else by mistake? Reset to the starter and try again."
            ),
        )
    else:
        return None
    return Report.not_gradable(exercise.slug, suite, kind, message)


class Practice:
    """One learner practising: check and submit their code for an exercise."""

    def __init__(self, store: ProgressStore, learner_id: int, grader: Grader = grade):
        self.store, self.learner_id, self.grader = store, learner_id, grader

    def check(self, exercise: Exercise, code: str) -> Outcome:
        report = rejected(exercise, code, "visible")
        if report is None and exercise.has_suite("visible"):
            report = self._grade(exercise, code, "visible")
        elif report is None:
            report = self._scan_only(exercise, code)
        return Outcome(report=report, code=code, kind="check")

    def submit(self, exercise: Exercise, code: str) -> Outcome:
        early = rejected(exercise, code, "hidden")
        if early is not None:
            return Outcome(report=early, code=code, kind="submit")
        try:
            last = self.store.last_attempt(self.learner_id, exercise.slug)
        except StorageError:
            last = None  # grading still works; recording will say what went wrong
        # A double click reruns the page with the same code: answer with the recorded result.
        previous = stored_report(last) if last is not None and last.code == code else None
        if previous is not None:
            return Outcome(report=previous, code=code, kind="submit", recorded=True, repeated=True)
        report = self._grade(exercise, code, "hidden")
        outcome = Outcome(report=report, code=code, kind="submit")
        if report.error_kind == ErrorKind.INTERNAL:
            return outcome  # the grader's fault, not the learner's: no attempt counted
        try:
            self.store.record_attempt(self.learner_id, code, report)
            outcome.recorded = True
        except StorageError as exc:
            outcome.storage_error = str(exc)
        return outcome

    def _scan_only(self, exercise: Exercise, code: str) -> Report:
        """No visible tests: a check is the static half of grading (nothing runs)."""
        report = scan(
            code,
            exercise.max_complexity,
            allowed=exercise.allowed_findings,
            expected=exercise.expected_findings,
        )
        report.exercise, report.suite = exercise.slug, "visible"
        return report

    def _grade(self, exercise: Exercise, code: str, suite: str) -> Report:
        try:
            return self.grader(exercise, code, suite=suite)
        except Exception as exc:  # noqa: BLE001  a grader bug must not lose the learner's code
            message = (
                f"The grader failed unexpectedly ({type(exc).__name__}: {exc}). "
                "Your code is safe in the editor; try again in a moment."
            )
            return Report.not_gradable(exercise.slug, suite, ErrorKind.INTERNAL, message)
