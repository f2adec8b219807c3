"""Grading a stored submission, and the executors that do it.

Submit stores the attempt as queued before anything is graded, so nothing acknowledged is lost.
`grade_attempt` is the one grading step: claim the row (queued -> running, for exactly one
grader), grade, record (running -> graded), or end it as failed with the reason when the system
could not grade it. Executors only decide where that step runs:

- InlineExecutor: in the caller's thread (the command line, tests);
- EmbeddedExecutor: in the app process, bounded by the grading slots, and on start-up it picks
  up what a crash left queued or running;
- the distributed executor (worker/) defers the step to grading workers through PostgreSQL.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Protocol

from config import current
from course import Exercise
from grading import grade
from grading.report import ErrorKind, Report
from progress import Attempt, ProgressStore
from progress.db import as_utc
from progress.models import utc_now

log = logging.getLogger(__name__)
Grader = Callable[..., Report]


class Executor(Protocol):
    def dispatch(self, attempt_id: int) -> None:
        """Arrange for the queued attempt to be graded (returns before it is, except inline)."""

    def recover(self) -> int:
        """Dispatch what a crash left queued or running; returns how many."""


def grade_attempt(
    store: ProgressStore,
    exercises: Mapping[str, Exercise],
    attempt_id: int,
    grader: Grader = grade,
    content_hash: str | None = None,
) -> Attempt | None:
    """Grade one queued attempt; None when another grader has it (or it is not queued)."""
    attempt = store.claim(attempt_id)
    if attempt is None:
        return None
    waited = utc_now() - as_utc(attempt.created_at)
    if waited > timedelta(seconds=current().queue_wait_s):
        return store.fail(
            attempt_id,
            f"It waited {int(waited.total_seconds())} s for a free grader, longer than the "
            f"{current().queue_wait_s} s allowed, so it was not graded. Your code is kept: "
            "submit it again when the room is quieter.",
        )
    exercise = exercises.get(attempt.exercise)
    if exercise is None:
        return store.fail(attempt_id, f"The exercise {attempt.exercise!r} is not installed here.")
    if content_hash is not None and content_hash != exercise.content_hash:
        return store.fail(
            attempt_id,
            "The grader's copy of this exercise differs from the app's (a content update is "
            "half rolled out), so it refused to grade against other tests. Submit again shortly.",
        )
    try:
        report = grader(exercise, attempt.code, suite="hidden")
    except Exception as exc:  # noqa: BLE001  a grader bug must not leave the row running forever
        log.exception("grading attempt %s failed", attempt_id)
        return store.fail(
            attempt_id,
            f"The grader failed unexpectedly ({type(exc).__name__}: {exc}). Your code is kept and "
            "this attempt does not count; try again in a moment.",
        )
    if report.error_kind == ErrorKind.INTERNAL:  # the grader's fault, not the learner's
        return store.fail(attempt_id, report.message)
    return store.finish(attempt_id, report, exercise.content_hash)


class InlineExecutor:
    """Grades in the caller's thread: Submit returns with the grade."""

    def __init__(
        self, store: ProgressStore, exercises: Mapping[str, Exercise], grader: Grader = grade
    ):
        self.store, self.exercises, self.grader = store, exercises, grader

    def dispatch(self, attempt_id: int) -> None:
        grade_attempt(self.store, self.exercises, attempt_id, self.grader)

    def recover(self) -> int:
        self.store.requeue_running()
        queued = self.store.queued_ids()
        for attempt_id in queued:
            self.dispatch(attempt_id)
        return len(queued)


class EmbeddedExecutor(InlineExecutor):
    """Grades in this process on a pool of threads, one per grading slot; a burst queues."""

    def __init__(
        self,
        store: ProgressStore,
        exercises: Mapping[str, Exercise],
        grader: Grader = grade,
        slots: int | None = None,
    ):
        super().__init__(store, exercises, grader)
        self.slots = slots or current().grading_slots
        self.pool = ThreadPoolExecutor(max_workers=self.slots, thread_name_prefix="grading")
        self._idle = threading.Condition()
        self._running = 0

    def dispatch(self, attempt_id: int) -> None:
        with self._idle:
            self._running += 1
        self.pool.submit(self._grade, attempt_id)

    def _grade(self, attempt_id: int) -> None:
        try:
            grade_attempt(self.store, self.exercises, attempt_id, self.grader)
        except Exception:  # noqa: BLE001  a storage failure: the row stays queued for recovery
            log.exception("attempt %s could not be graded now", attempt_id)
        finally:
            with self._idle:
                self._running -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing dispatched is still grading (tests, benchmarks, shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, timeout)
