"""Distributed grading with real `python -m worker` processes on a real PostgreSQL: a worker
SIGKILLed mid-job loses nothing (another worker takes its stalled job) and nothing is graded
twice; a worker whose copy of an exercise differs refuses the job and says why."""

from __future__ import annotations

import re
import shutil
import signal
from collections import Counter
from pathlib import Path

import pytest

from course import Course, Exercise
from learning.access import Actor
from learning.practice import Practice
from learning.workspace import Pending
from progress import ProgressStore
from tests.worker.conftest import PATIENCE_S, ROOT, jobs_of, registered_workers, wait_for
from worker.queue import DistributedExecutor

pytestmark = pytest.mark.postgres

# Keeps every job running for a while (the module sleeps when the tests import it), so the
# kill lands in the middle of one; the fix stays correct and the starter stays wrong.
SLOW = "\n\nimport time\n\ntime.sleep(1.5)\n"
RECORDED = re.compile(r"attempt (\d+) recorded as (\w+)")


@pytest.fixture
def model(course: Course) -> Exercise:
    return course.exercises["sql-user-lookup"]


def submit_burst(
    store: ProgressStore, executor: DistributedExecutor, exercise: Exercise, count: int
) -> dict[int, bool]:
    """`count` learners submit through the service the page uses; attempt id -> is the fix."""
    submitted = {}
    for index in range(count):
        learner = store.ensure_learner(f"learner-{index}")
        right = index % 2 == 0
        code = (exercise.reference if right else exercise.starter) + SLOW
        shown = Practice(store, Actor(learner_id=learner), executor=executor).submit(exercise, code)
        assert isinstance(shown, Pending), "the distributed executor answers before grading"
        submitted[shown.attempt_id] = right
    return submitted


def states(store: ProgressStore, ids) -> dict[int, str]:
    return {attempt_id: store.attempt(attempt_id).state for attempt_id in ids}


def test_a_worker_killed_mid_job_loses_nothing_and_grades_nothing_twice(
    pg_db, pg_store, course, model, start_worker
):
    executor = DistributedExecutor(pg_store, course.exercises)
    first = start_worker("grader-a")
    wait_for(lambda: len(registered_workers(pg_db)) == 1, "worker a to register", [first])
    first_id = registered_workers(pg_db)[0]
    submitted = submit_burst(pg_store, executor, model, 8)

    wait_for(
        lambda: (
            "running" in states(pg_store, submitted).values() and jobs_of(pg_db, first_id, "doing")
        ),
        "worker a to be grading",
        [first],
    )
    second = start_worker("grader-b")
    wait_for(lambda: len(registered_workers(pg_db)) == 2, "worker b to register", [second])
    wait_for(lambda: bool(jobs_of(pg_db, first_id, "doing")), "worker a mid-job", [first])
    first.kill()
    killed_jobs = jobs_of(pg_db, first_id, "doing")
    assert killed_jobs, "worker a was not in the middle of a job when it was killed"

    wait_for(
        lambda: set(states(pg_store, submitted).values()) == {"graded"},
        "every attempt to be graded",
        [second],
    )
    recorded = Counter(
        int(found) for log in (first, second) for found, _ in RECORDED.findall(log.text())
    )
    assert recorded == Counter(dict.fromkeys(submitted, 1)), "each attempt recorded exactly once"
    assert "goes back to the queue" in second.text(), "worker b retried the stalled job"
    for attempt_id, right in submitted.items():
        attempt = pg_store.attempt(attempt_id)
        assert attempt.solved is right
        assert attempt.content_hash == model.content_hash
    learners = {pg_store.attempt(attempt_id).learner_id for attempt_id in submitted}
    assert sum(len(pg_store.attempts(learner)) for learner in learners) == len(submitted)


def test_a_worker_with_other_exercise_content_refuses_the_job(
    pg_db, pg_store, course, model, start_worker, tmp_path: Path
):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "lessons", content / "lessons")
    shutil.copytree(ROOT / "exercises", content / "exercises")
    hidden = content / "exercises" / model.slug / "tests" / "test_hidden.py"
    hidden.write_text(hidden.read_text() + "\n# a newer version of the tests\n")
    executor = DistributedExecutor(pg_store, course.exercises)
    worker = start_worker("grader-old", content=content)

    learner = pg_store.ensure_learner("learner")
    shown = Practice(pg_store, Actor(learner_id=learner), executor=executor).submit(
        model, model.reference
    )
    wait_for(lambda: pg_store.attempt(shown.attempt_id).state == "failed", "the refusal", [worker])
    attempt = pg_store.attempt(shown.attempt_id)
    assert "copy of this exercise differs" in attempt.error_reason
    assert attempt.code == model.reference, "the learner's code is kept"
    assert pg_store.exercise_progress(learner) == {}, "a refused attempt does not count"


def test_an_attempt_stored_without_a_job_is_graded_by_the_workers_upkeep(
    pg_db, pg_store, course, model, start_worker
):
    # An app stored this and died before deferring its job, and was never started again.
    learner = pg_store.ensure_learner("learner")
    attempt, _ = pg_store.enqueue(learner, model.slug, model.reference)
    worker = start_worker("grader-upkeep")
    wait_for(lambda: pg_store.attempt(attempt.id).state == "graded", "the orphan's grade", [worker])
    assert pg_store.attempt(attempt.id).solved
    assert "gave a job to 1 stored attempt(s) that had none" in worker.text()


def test_a_worker_stopped_with_sigterm_finishes_the_grade_it_is_running(
    pg_db, pg_store, course, model, start_worker
):
    executor = DistributedExecutor(pg_store, course.exercises)
    worker = start_worker("grader-stopping")
    (attempt_id,) = submit_burst(pg_store, executor, model, 1)
    wait_for(lambda: pg_store.attempt(attempt_id).state == "running", "the grade", [worker])
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(timeout=PATIENCE_S) == 0
    attempt = pg_store.attempt(attempt_id)
    assert attempt.state == "graded" and attempt.solved
