"""Course map logic: progress per limitation and the next exercise."""

from __future__ import annotations

from datetime import UTC, datetime

from course import LIMITATIONS, Course
from learning.course_map import (
    ExerciseStatus,
    exercise_status,
    limitation_progress,
    next_after,
    next_exercise,
    resume_point,
)
from progress import ExerciseProgress


def _progress(slug: str, solved: bool) -> ExerciseProgress:
    return ExerciseProgress(slug, 1, 100 if solved else 30, solved, datetime.now(UTC))


def test_every_limitation_has_a_row_in_teaching_order(course: Course):
    rows = limitation_progress(course, {})
    assert [row.key for row in rows] == list(LIMITATIONS)
    assert sum(row.total for row in rows) == len(course.exercises)
    assert all(row.solved == row.attempted == 0 for row in rows)


def test_solved_and_attempted_counts_follow_progress(course: Course):
    first, *rest = course.ordered_exercises()
    done = {first.slug: _progress(first.slug, solved=True)}
    if rest:
        done[rest[0].slug] = _progress(rest[0].slug, solved=False)
    rows = {row.key: row for row in limitation_progress(course, done)}
    assert rows[first.limitation].solved == 1
    assert sum(row.attempted for row in rows.values()) == len(done)


def test_the_next_exercise_is_the_first_unsolved_in_course_order(course: Course):
    ordered = course.ordered_exercises()
    assert next_exercise(course, {}) == ordered[0]
    done = {ordered[0].slug: _progress(ordered[0].slug, solved=True)}
    assert next_exercise(course, done) == (ordered[1] if len(ordered) > 1 else None)
    everything = {ex.slug: _progress(ex.slug, solved=True) for ex in ordered}
    assert next_exercise(course, everything) is None


def test_an_attempted_exercise_is_started_until_solved():
    assert exercise_status("a", {}) is ExerciseStatus.NEW
    assert exercise_status("a", {"a": _progress("a", False)}) is ExerciseStatus.STARTED
    assert exercise_status("a", {"a": _progress("a", True)}) is ExerciseStatus.SOLVED


def test_in_progress_counts_what_is_attempted_and_not_solved(course: Course):
    first, second = course.ordered_exercises()[:2]
    done = {first.slug: _progress(first.slug, True), second.slug: _progress(second.slug, False)}
    rows = limitation_progress(course, done)
    assert sum(row.in_progress for row in rows) == 1
    assert sum(row.solved for row in rows) == 1


def test_after_solving_the_next_step_stays_in_the_lesson_then_follows_the_course(course):
    lesson = next(les for les in course.lessons if len(les.exercises) >= 2)
    first, second = lesson.exercises[:2]
    done = {first: _progress(first, True)}
    assert next_after(course, first, done).slug == second
    everything = {s: _progress(s, True) for s in course.exercises}
    assert next_after(course, first, everything) is None
    last = lesson.exercises[-1]
    done = {s: _progress(s, True) for s in lesson.exercises}
    assert next_after(course, last, done) == next_exercise(course, done)


def test_practice_resumes_at_the_last_unsolved_attempt(course: Course):
    first, second = course.ordered_exercises()[:2]
    assert resume_point(course, {}, None) == first
    done = {second.slug: _progress(second.slug, False)}
    assert resume_point(course, done, second.slug) == second
    done[second.slug] = _progress(second.slug, True)
    assert resume_point(course, done, second.slug) == first
