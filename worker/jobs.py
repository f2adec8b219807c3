"""The protocol between the app and the grading workers, in one place both sides import: the
procrastinate app, the one task name, its arguments and the locks that keep a job unique.

A job carries only the attempt id and the exercise's content hash. The code and the result live
in the attempt row (procrastinate does not store return values), so a worker needs nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import procrastinate
from procrastinate.job_context import JobContext
from sqlalchemy import make_url

from course import Exercise
from learning.submissions import grade_attempt
from progress import ProgressStore, StorageError

log = logging.getLogger(__name__)

GRADE_TASK = "prodready.grade_attempt"
QUEUE = "grading"
# A storage hiccup (the database restarting) is retried a few times before the job gives up;
# the attempt row then stays in flight and the workers' upkeep defers it again.
STORAGE_RETRY = procrastinate.RetryStrategy(max_attempts=5, wait=2, retry_exceptions={StorageError})


@dataclass(frozen=True)
class WorkerContext:
    """What a worker process hands each job: its own store and its own copy of the exercises."""

    store: ProgressStore
    exercises: Mapping[str, Exercise]


def attempt_lock(attempt_id: int) -> str:
    """One name per attempt, used as procrastinate's queueing lock (at most one job waiting per
    attempt) and as its lock (at most one job running per attempt)."""
    return f"attempt-{attempt_id}"


def conninfo(database_url: str) -> str:
    """The libpq connection string procrastinate needs, from the app's SQLAlchemy URL."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError(
            "The distributed executor needs PostgreSQL: set DATABASE_URL to a "
            f"postgresql+psycopg:// URL (it is {url.get_backend_name()!r})."
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(database_url: str, *, pool_size: int = 4) -> procrastinate.App:
    """The procrastinate app over the app's PostgreSQL, with the grading task registered.
    Opened with `open()` it defers synchronously (the web tier); a worker runs it async."""
    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(database_url), min_size=1, max_size=pool_size
    )
    app = procrastinate.App(connector=connector)
    app.task(name=GRADE_TASK, queue=QUEUE, pass_context=True, retry=STORAGE_RETRY)(run_grade_job)
    return app


def run_grade_job(context: JobContext, attempt_id: int, content_hash: str | None) -> None:
    """The task body, in a worker thread. procrastinate runs at most one job per attempt at a
    time (the attempt's lock). A job run again (a worker died mid-job and its stalled job was
    retried, or storage failed) may find its attempt still marked running by that earlier run:
    put it back in the queue and grade it. grade_attempt's state checks keep a grade from being
    recorded twice even if the earlier run was only slow, not dead."""
    worker: WorkerContext = context.additional_context["worker"]
    if context.job.attempts > 0:
        worker.store.requeue_running([attempt_id])
    graded = grade_attempt(worker.store, worker.exercises, attempt_id, content_hash=content_hash)
    if graded is None:
        log.info("attempt %s was already graded or taken; nothing to do", attempt_id)
    else:  # one line per recorded result: the crash tests count them across workers
        log.info("attempt %s recorded as %s", attempt_id, graded.state)
