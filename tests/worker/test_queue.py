"""The app side of distributed grading on a real PostgreSQL, without workers: what Submit
defers, the queueing lock against duplicates, and recovery of attempts left without a job."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from learning.access import Actor
from learning.practice import Practice
from tests.worker.conftest import ROOT
from worker.jobs import GRADE_TASK, attempt_lock, conninfo
from worker.queue import DistributedExecutor

pytestmark = pytest.mark.postgres


@pytest.fixture
def executor(pg_store, course):
    made = DistributedExecutor(pg_store, course.exercises)
    yield made
    made.close()


def waiting_jobs(executor: DistributedExecutor) -> list:
    return executor.app.job_manager.list_jobs(task=GRADE_TASK, status="todo")


def test_submit_defers_one_job_carrying_the_attempt_and_the_content_hash(
    executor, pg_store, exercise
):
    learner = pg_store.ensure_learner("learner")
    shown = Practice(pg_store, Actor(learner_id=learner), executor=executor).submit(
        exercise, exercise.reference
    )
    (job,) = waiting_jobs(executor)
    assert job.task_kwargs == {
        "attempt_id": shown.attempt_id,
        "content_hash": exercise.content_hash,
    }
    assert job.lock == job.queueing_lock == attempt_lock(shown.attempt_id)


def test_a_double_click_and_a_second_tab_make_one_attempt_and_one_job(executor, pg_store, exercise):
    learner = pg_store.ensure_learner("learner")
    tabs = [Practice(pg_store, Actor(learner_id=learner), executor=executor) for _ in range(2)]
    shown = [tab.submit(exercise, exercise.reference) for tab in (*tabs, tabs[0])]
    assert len({s.attempt_id for s in shown}) == 1
    assert len(pg_store.attempts(learner)) == 1
    assert len(waiting_jobs(executor)) == 1
    executor.dispatch(shown[0].attempt_id)  # a re-dispatch finds the waiting job
    assert len(waiting_jobs(executor)) == 1


def test_recovery_defers_attempts_stored_without_a_job(executor, pg_store, exercise):
    learner = pg_store.ensure_learner("learner")
    # The app died after storing these and before deferring; one was even claimed by a
    # grader whose job then gave up.
    queued, _ = pg_store.enqueue(learner, exercise.slug, exercise.reference)
    claimed, _ = pg_store.enqueue(learner, exercise.slug, exercise.starter)
    assert pg_store.claim(claimed.id) is not None

    assert executor.recover() == 2
    locks = {job.lock for job in waiting_jobs(executor)}
    assert locks == {attempt_lock(queued.id), attempt_lock(claimed.id)}
    assert pg_store.attempt(claimed.id).state == "queued"
    assert executor.recover() == 0, "attempts with a waiting job are left alone"


def test_workers_recover_only_attempts_orphaned_for_a_while(executor, pg_store, exercise):
    learner = pg_store.ensure_learner("learner")
    pg_store.enqueue(learner, exercise.slug, exercise.reference)
    assert executor.recover(older_than_s=3600) == 0, "the app may be deferring it right now"
    assert executor.recover() == 1


def test_the_distributed_executor_refuses_sqlite_with_the_setting_to_change():
    with pytest.raises(ValueError, match="DATABASE_URL"):
        conninfo("sqlite:///data/prodready.db")
    assert conninfo("postgresql+psycopg://app:s3cret@db:5432/prodready") == (
        "postgresql://app:s3cret@db:5432/prodready"
    )


def test_a_worker_started_without_postgresql_says_which_setting_to_change(tmp_path):
    env = {**os.environ, "PRODREADY_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "worker"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "DATABASE_URL" in done.stderr and "Traceback" not in done.stderr
