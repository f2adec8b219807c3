"""Check and Submit: what happens between a click and the result on screen.

Check runs the visible tests and the static checks and counts for nothing. Submit grades with
the hidden tests and records the attempt. Identical code submitted twice in a row (a double
click, an impatient second press) is graded once: the second press shows the first result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from course import Exercise
from grading import grade, scan
from grading.report import ErrorKind, Report
from grading.submission import (
    MAX_BYTES as MAX_SOURCE_BYTES,  # checked here too: a huge paste is answered at once
)
from grading.submission import human_size as _human_size
from learning.access import AccessDenied, Actor
from learning.submissions import Executor, InlineExecutor
from learning.workspace import Outcome, Pending, outcome_of
from progress import ProgressStore, StorageError
from progress.attempts import code_hash
from progress.db import row_id

Grader = Callable[..., Report]


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
                f"Your code is {_human_size(size)}; the grader accepts at most {_human_size(MAX_SOURCE_BYTES)}. "
                "Did you paste something else by mistake? Reset to the starter and try again."
            ),
        )
    else:
        return None
    return Report.not_gradable(exercise.slug, suite, kind, message)


class Practice:
    """One learner practising: check and submit their own code for an exercise."""

    def __init__(
        self,
        store: ProgressStore,
        actor: Actor,
        grader: Grader = grade,
        executor: Executor | None = None,
        exercises: Mapping[str, Exercise] | None = None,
    ):
        self.store, self.actor, self.grader = store, actor, grader
        self.learner_id = actor.learner_id  # attempts are always recorded as the actor's own
        # Without an executor (the command line, tests) Submit grades in this thread, finding
        # the exercise among those it has been handed.
        self.executor = executor or InlineExecutor(store, dict(exercises or {}), grader)

    def check(self, exercise: Exercise, code: str) -> Outcome:
        report = rejected(exercise, code, "visible")
        if report is None and exercise.has_suite("visible"):
            report = self._grade(exercise, code, "visible")
        elif report is None:
            report = self._scan_only(exercise, code)
        return Outcome(report=report, code=code, kind="check")

    def submit(self, exercise: Exercise, code: str) -> Outcome | Pending:
        """Store the submission, then have it graded. Returns its result when grading finished
        at once (inline), else where it stands; the same code again is the same attempt."""
        early = rejected(exercise, code, "hidden")
        if early is not None:
            return Outcome(report=early, code=code, kind="submit")
        if isinstance(self.executor, InlineExecutor) and isinstance(self.executor.exercises, dict):
            self.executor.exercises.setdefault(exercise.slug, exercise)  # grade what was handed in
        try:
            repeated = self._repeated(exercise, code)
            if repeated is not None:
                return repeated
            attempt, _ = self.store.enqueue(self.learner_id, exercise.slug, code)
        except StorageError as exc:
            report = Report.not_gradable(
                exercise.slug, "hidden", ErrorKind.INTERNAL, "Your submission was not stored."
            )
            return Outcome(report=report, code=code, kind="submit", storage_error=str(exc))
        self.executor.dispatch(row_id(attempt))
        return self.result(row_id(attempt))

    def _repeated(self, exercise: Exercise, code: str) -> Outcome | Pending | None:
        """A double click or a second tab sends the same code: that attempt, graded or not."""
        last = self.store.last_attempt(self.learner_id, exercise.slug)
        if last is None or last.code_hash != code_hash(code) or last.state == "failed":
            return None
        shown = outcome_of(last, self.store)
        if isinstance(shown, Outcome):
            shown.repeated = True
        return shown

    def wait(
        self, shown: Outcome | Pending, timeout: float, poll: float = 0.1
    ) -> Outcome | Pending:
        """Wait up to `timeout` seconds for a pending attempt's grade (one indexed read per poll)."""
        deadline = time.monotonic() + timeout
        while isinstance(shown, Pending) and time.monotonic() < deadline:
            time.sleep(poll)
            shown = self.result(shown.attempt_id)
        return shown

    def result(self, attempt_id: int) -> Outcome | Pending:
        """Where one of the actor's attempts stands now (one read; the page polls this)."""
        attempt = self.store.attempt(attempt_id)
        if attempt is None or attempt.learner_id != self.learner_id:
            raise AccessDenied("There is no such attempt among your work.")
        shown = outcome_of(attempt, self.store)
        if shown is None:
            report = Report.not_gradable(
                attempt.exercise,
                "hidden",
                ErrorKind.INTERNAL,
                "This attempt's report cannot be shown.",
            )
            return Outcome(report=report, code=attempt.code, kind="submit", recorded=True)
        return shown

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
