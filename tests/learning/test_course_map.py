"""Course map logic: progress per limitation and the next exercise."""

from __future__ import annotations

from datetime import UTC, datetime

from course import LIMITATIONS, Course
from learning.course_map import ExerciseStatus, exercise_status, limitation_progress, next_exercise
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
