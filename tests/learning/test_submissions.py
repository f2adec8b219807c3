"""The grading step and the executors: a stored submission is graded once, in order, within the
grading slots; a double click or a second tab is one attempt; a grade that waited too long ends
as not graded (code kept, not counted); an app start picks up what a crash left unfinished.

The grader is the real one; where a test must hold a grade in flight it wraps the real grader
in a gate the test opens, instead of relying on timing.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session

from course import Exercise
from grading import grade
from learning.access import Actor
from learning.practice import Practice
from learning.submissions import EmbeddedExecutor, InlineExecutor, grade_attempt
from learning.workspace import Outcome, Pending
from progress import Attempt, ProgressStore
from progress.models import utc_now

WAIT_S = 120  # bounds on waiting for real grades on a loaded machine, never asserted


class GatedGrader:
    """The real grader, held at the gate until the test opens it; counts the grades it runs."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Semaphore(0)
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, exercise: Exercise, code: str, suite: str = "hidden"):
        with self._lock:
            self.calls += 1
        self.entered.release()
        assert self.gate.wait(WAIT_S), "the test never opened the gate"
        return grade(exercise, code, suite=suite)


@pytest.fixture
def exercises(course) -> dict[str, Exercise]:
    return course.exercises


@pytest.fixture
def gated() -> GatedGrader:
    grader = GatedGrader()
    yield grader
    grader.gate.set()


def practice_for(store: ProgressStore, executor, handle: str = "local") -> Practice:
    return Practice(store, Actor(store.ensure_learner(handle)), executor=executor)


def test_a_double_click_and_a_second_tab_make_one_attempt_graded_once(
    store, exercises, exercise, gated
):
    executor = EmbeddedExecutor(store, exercises, grader=gated, slots=1)
    first_tab, second_tab = practice_for(store, executor), practice_for(store, executor)
    shown = [tab.submit(exercise, exercise.reference) for tab in (first_tab, first_tab, second_tab)]
    assert all(isinstance(s, Pending) for s in shown)
    assert len({s.attempt_id for s in shown}) == 1
    gated.gate.set()
    assert executor.wait_idle(WAIT_S)
    assert gated.calls == 1
    (attempt,) = store.attempts(first_tab.learner_id)
    assert attempt.state == "graded" and attempt.solved


def test_a_burst_queues_behind_the_grading_slots_and_shows_the_place_in_line(
    store, exercises, exercise, gated
):
    executor = EmbeddedExecutor(store, exercises, grader=gated, slots=1)
    shown = [
        practice_for(store, executor, f"learner-{n}").submit(exercise, exercise.starter)
        for n in range(3)
    ]
    assert gated.entered.acquire(timeout=WAIT_S)  # the one slot took the first attempt
    states = [store.attempt(s.attempt_id).state for s in shown]
    assert states == ["running", "queued", "queued"]
    assert [store.queue_position(s.attempt_id) for s in shown[1:]] == [1, 2]
    gated.gate.set()
    assert executor.wait_idle(WAIT_S)
    assert gated.calls == 3
    assert {store.attempt(s.attempt_id).state for s in shown} == {"graded"}


def test_a_grade_that_waited_past_the_queue_limit_ends_not_graded_and_does_not_count(
    store, exercises, exercise, monkeypatch
):
    monkeypatch.setenv("PRODREADY_QUEUE_WAIT_S", "60")
    learner = store.ensure_learner()
    attempt, _ = store.enqueue(learner, exercise.slug, exercise.reference)
    with Session(store.engine) as session:  # stored 61 s ago, as if the room were full
        session.execute(update(Attempt).values(created_at=utc_now() - timedelta(seconds=61)))
        session.commit()
    calls = []
    ended = grade_attempt(store, exercises, attempt.id, grader=lambda *a, **k: calls.append(a))
    assert ended.state == "failed" and calls == [], "it was never graded"
    assert "60 s allowed" in ended.error_reason and "Your code is kept" in ended.error_reason
    assert ended.code == exercise.reference
    assert store.exercise_progress(learner) == {}
    shown = practice_for(store, InlineExecutor(store, exercises)).result(attempt.id)
    assert isinstance(shown, Outcome) and "60 s allowed" in shown.report.message


def test_a_failed_attempt_can_be_submitted_again(store, exercises, exercise):
    practice = practice_for(store, InlineExecutor(store, exercises))
    attempt, _ = store.enqueue(practice.learner_id, exercise.slug, exercise.reference)
    store.fail(attempt.id, "the grader was away")
    again = practice.submit(exercise, exercise.reference)
    assert isinstance(again, Outcome) and again.report.solved and not again.repeated


def test_an_app_start_grades_what_a_crash_left_queued_or_running(store, exercises, exercise):
    learner = store.ensure_learner()
    queued, _ = store.enqueue(learner, exercise.slug, exercise.starter)
    running, _ = store.enqueue(learner, exercise.slug, exercise.reference)
    assert store.claim(running.id) is not None  # the crashed process was grading this one
    done, _ = store.enqueue(learner, exercise.slug, "x = 1\n")
    grade_attempt(store, exercises, done.id)

    executor = EmbeddedExecutor(store, exercises, slots=2)
    assert executor.recover() == 2
    assert executor.wait_idle(WAIT_S)
    assert store.attempt(queued.id).state == store.attempt(running.id).state == "graded"
    assert store.attempt(running.id).solved and not store.attempt(queued.id).solved
    assert executor.recover() == 0, "nothing is graded twice"
    assert len(store.attempts(learner)) == 3


def test_a_second_grader_cannot_take_an_attempt_already_taken(store, exercises, exercise):
    attempt, _ = store.enqueue(store.ensure_learner(), exercise.slug, exercise.reference)
    assert store.claim(attempt.id) is not None
    assert grade_attempt(store, exercises, attempt.id) is None
    assert store.attempt(attempt.id).state == "running"


def test_a_grader_given_other_exercise_content_refuses_with_the_reason(store, exercises, exercise):
    attempt, _ = store.enqueue(store.ensure_learner(), exercise.slug, exercise.reference)
    ended = grade_attempt(store, exercises, attempt.id, content_hash="0" * 64)
    assert ended.state == "failed" and "copy of this exercise differs" in ended.error_reason
