"""Check and Submit with the real grader: what is graded, what is recorded, what is refused."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import update
from sqlmodel import Session

from course import Exercise, load_exercise
from grading.report import ErrorKind, Report, Status
from learning.access import Actor
from learning.practice import MAX_SOURCE_BYTES, Practice
from learning.workspace import stored_report
from progress import Attempt, ProgressStore
from tests.views.apptest_helpers import database_locked


@pytest.fixture
def practice(store: ProgressStore) -> Practice:
    return Practice(store, Actor(store.ensure_learner()))


def test_submitting_the_reference_solves_and_records_one_attempt(practice, exercise: Exercise):
    outcome = practice.submit(exercise, exercise.reference)
    assert outcome.report.solved and outcome.report.status == Status.PASS
    assert outcome.recorded and not outcome.repeated
    (attempt,) = practice.store.attempts(practice.learner_id, exercise.slug)
    assert attempt.code == exercise.reference and attempt.solved and attempt.score == 100
    assert attempt.grader_version == outcome.report.grader_version != ""


def test_submitting_the_starter_is_recorded_unsolved_with_failed_requirements(
    practice, exercise: Exercise
):
    outcome = practice.submit(exercise, exercise.starter)
    assert not outcome.report.solved and outcome.recorded
    assert outcome.report.failed_tests or outcome.report.findings
    assert all(t.message for t in outcome.report.failed_tests), "requirements come as docstrings"


def test_the_same_code_twice_is_graded_once(practice, exercise: Exercise):
    first = practice.submit(exercise, exercise.starter)
    second = practice.submit(exercise, exercise.starter)
    assert second.repeated and second.report.score == first.report.score
    assert len(practice.store.attempts(practice.learner_id, exercise.slug)) == 1


def test_check_runs_without_counting_as_an_attempt(practice, exercise: Exercise):
    outcome = practice.check(exercise, exercise.reference)
    assert outcome.kind == "check" and outcome.report.suite == "visible"
    assert outcome.report.status != Status.ERROR, outcome.report.message
    assert practice.store.attempts(practice.learner_id) == []


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [("   \n", ErrorKind.EMPTY, "empty"), ("x = 1\n" * 900_000, ErrorKind.TOO_LARGE, "64 KiB")],
    ids=["empty", "five-megabytes"],
)
def test_empty_and_huge_submissions_get_a_clear_message_and_no_attempt(
    practice, exercise: Exercise, code: str, kind: ErrorKind, words: str
):
    assert len(code) < MAX_SOURCE_BYTES or len(code) > 5_000_000
    outcome = practice.submit(exercise, code)
    assert outcome.report.status == Status.ERROR and outcome.report.error_kind == kind
    assert words in outcome.report.message
    assert practice.store.attempts(practice.learner_id) == []


def test_a_syntax_error_is_recorded_as_not_gradable_with_its_line(practice, exercise: Exercise):
    outcome = practice.submit(exercise, "def broken(:\n    pass\n")
    assert outcome.report.status == Status.ERROR
    assert outcome.report.error_kind == ErrorKind.SYNTAX and outcome.report.error_line == 1
    assert outcome.recorded


def test_a_grader_crash_keeps_the_code_and_counts_nothing(store: ProgressStore, exercise):
    def broken_grader(*_args, **_kwargs):
        raise RuntimeError("sandbox exploded")

    practice = Practice(store, Actor(store.ensure_learner()), grader=broken_grader)
    outcome = practice.submit(exercise, exercise.reference)
    assert outcome.report.error_kind == ErrorKind.INTERNAL
    assert "sandbox exploded" in outcome.report.message and outcome.code == exercise.reference
    (kept,) = store.attempts(practice.learner_id)  # stored before grading, so the code is kept
    assert kept.state == "failed" and kept.code == exercise.reference
    assert store.exercise_progress(practice.learner_id) == {}  # ...and it does not count


def test_a_locked_database_grades_nothing_it_could_not_store_and_says_so(
    practice, exercise: Exercise, data_dir
):
    with database_locked(data_dir / "prodready.db"):
        outcome = practice.submit(exercise, exercise.reference)
    assert not outcome.report.solved and not outcome.recorded
    assert "busy" in outcome.storage_error and outcome.code == exercise.reference
    assert practice.store.attempts(practice.learner_id) == []


def test_check_without_visible_tests_runs_only_the_static_checks(store, course, tmp_path):
    with_visible = next(ex for ex in course.ordered_exercises() if ex.has_suite("visible"))
    copy = tmp_path / with_visible.slug
    shutil.copytree(with_visible.path, copy)
    (copy / "tests" / "test_visible.py").unlink()
    exercise = load_exercise(copy)
    outcome = Practice(store, Actor(store.ensure_learner())).check(exercise, exercise.starter)
    assert outcome.report.tests == [] and outcome.report.suite == "visible"
    assert {f.id for f in outcome.report.findings} >= set(exercise.expected_findings)
    assert store.attempts(store.ensure_learner()) == []


def test_an_attempt_stored_in_an_unreadable_shape_is_regraded_not_a_crash(practice, exercise):
    me = practice.learner_id
    practice.store.record_attempt(
        me, exercise.reference, Report(exercise.slug, Status.FAIL, False, 0, "")
    )
    with Session(practice.store.engine) as session:  # as if an older grader had written it
        session.execute(update(Attempt).values(report={"format": "from an older grader"}))
        session.commit()
    assert stored_report(practice.store.last_attempt(me, exercise.slug)) is None
    outcome = practice.submit(exercise, exercise.reference)
    assert outcome.report.solved and not outcome.repeated
