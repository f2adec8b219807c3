"""The app side of distributed grading: Submit stores the attempt, then defers a job for it.

The job goes to PostgreSQL in its own short transaction after the attempt row is committed; a
crash between the two leaves a queued attempt with no job, which `recover()` (run when an app
process starts) finds and defers again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta

import procrastinate
from procrastinate import exceptions

from course import Exercise
from progress import ProgressStore
from progress.db import as_utc, row_id
from progress.models import IN_FLIGHT, Attempt, AttemptState, utc_now
from worker.jobs import GRADE_TASK, attempt_lock, conninfo, make_app
from worker.schema import ensure_schema

log = logging.getLogger(__name__)
LIVE_JOB_STATES = ("todo", "doing")


class DistributedExecutor:
    """Defers grading to `python -m worker` processes through procrastinate."""

    def __init__(
        self,
        store: ProgressStore,
        exercises: Mapping[str, Exercise],
        app: procrastinate.App | None = None,
    ):
        self.store, self.exercises = store, exercises
        url = store.engine.url.render_as_string(hide_password=False)
        ensure_schema(conninfo(url))  # the app may start before any worker has
        self.app = app or make_app(url)
        self.app.open()

    def dispatch(self, attempt_id: int) -> None:
        attempt = self.store.attempt(attempt_id)
        if attempt is None or attempt.state not in IN_FLIGHT:
            return
        exercise = self.exercises.get(attempt.exercise)
        # The app's copy of the exercise decides what "the same tests" means: a worker whose
        # copy differs refuses the job instead of grading against other tests.
        content_hash = exercise.content_hash if exercise is not None else None
        lock = attempt_lock(attempt_id)
        try:
            self.app.configure_task(GRADE_TASK, queueing_lock=lock, lock=lock).defer(
                attempt_id=attempt_id, content_hash=content_hash
            )
        except exceptions.AlreadyEnqueued:
            log.info("attempt %s already has a job waiting", attempt_id)
        except exceptions.ConnectorException:
            # The attempt is stored and stays queued: the workers' upkeep defers it again.
            log.exception("could not defer a job for attempt %s now", attempt_id)

    def recover(self, older_than_s: float = 0.0) -> int:
        """Defer a job for every attempt in flight that has none waiting or running (the app
        died between storing it and deferring, or its job gave up), if it has been so for
        `older_than_s` seconds (workers call this while the app may be deferring). Returns how many."""
        # Attempts first, jobs second: a job that ends in between has graded its attempt,
        # which the requeue and the dispatch below then leave alone.
        in_flight = self.store.attempts_in_flight()
        live = self.live_locks()
        orphans = [
            attempt
            for attempt in in_flight
            if attempt_lock(row_id(attempt)) not in live
            and _idle_for(attempt) >= timedelta(seconds=older_than_s)
        ]
        running = [row_id(a) for a in orphans if a.state == AttemptState.RUNNING]
        if running:  # their grader is gone and no job will come back for them
            self.store.requeue_running(running)
        for attempt in orphans:
            self.dispatch(row_id(attempt))
        return len(orphans)

    def live_locks(self) -> set[str]:
        """The locks of grading jobs waiting or running (a stalled job of a dead worker counts:
        the workers' stalled-job retry brings it back)."""
        manager = self.app.job_manager
        return {
            job.lock
            for status in LIVE_JOB_STATES
            for job in manager.list_jobs(task=GRADE_TASK, status=status)
            if job.lock
        }

    def close(self) -> None:
        self.app.close()


def _idle_for(attempt: Attempt) -> timedelta:
    since = attempt.started_at or attempt.created_at
    return utc_now() - as_utc(since)
