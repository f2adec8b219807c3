"""Where the learner stands: progress per limitation and the next exercise to do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from course import LIMITATIONS, Course, Exercise
from progress import ExerciseProgress


class ExerciseStatus(StrEnum):
    NEW = "new"
    STARTED = "started"  # attempted, not solved yet
    SOLVED = "solved"


STATUS_LABELS = {
    ExerciseStatus.NEW: "Not started",
    ExerciseStatus.STARTED: "In progress",
    ExerciseStatus.SOLVED: "Solved",
}


@dataclass(frozen=True)
class LimitationProgress:
    key: str
    title: str
    total: int
    attempted: int  # submitted at least once, solved or not
    solved: int
    lesson_slug: str | None

    @property
    def in_progress(self) -> int:
        """Submitted at least once, not solved yet (ExerciseStatus.STARTED)."""
        return self.attempted - self.solved

    @property
    def share_solved(self) -> float:
        return self.solved / self.total if self.total else 0.0


def exercise_status(slug: str, progress: dict[str, ExerciseProgress]) -> ExerciseStatus:
    found = progress.get(slug)
    if found is None:
        return ExerciseStatus.NEW
    return ExerciseStatus.SOLVED if found.solved else ExerciseStatus.STARTED


def limitation_progress(
    course: Course, progress: dict[str, ExerciseProgress]
) -> list[LimitationProgress]:
    """One row per limitation, in teaching order, even when it has no exercises yet."""
    rows = []
    for key, title in LIMITATIONS.items():
        slugs = [ex.slug for ex in course.exercises_for(key)]
        lesson = next((les for les in course.lessons if les.kind == key), None)
        rows.append(
            LimitationProgress(
                key=key,
                title=title,
                total=len(slugs),
                attempted=sum(1 for s in slugs if s in progress),
                solved=sum(
                    1 for s in slugs if exercise_status(s, progress) is ExerciseStatus.SOLVED
                ),
                lesson_slug=lesson.slug if lesson else None,
            )
        )
    return rows


def next_exercise(course: Course, progress: dict[str, ExerciseProgress]) -> Exercise | None:
    """The first unsolved exercise in course order; None when everything is solved."""
    for exercise in course.ordered_exercises():
        if exercise_status(exercise.slug, progress) is not ExerciseStatus.SOLVED:
            return exercise
    return None


def next_after(course: Course, slug: str, progress: dict[str, ExerciseProgress]) -> Exercise | None:
    """Where to go after `slug`: the next unsolved exercise of its lesson, else the first
    unsolved one in course order; None when nothing else is left to solve."""
    lesson = course.lesson_of(slug)
    later = list(lesson.exercises[lesson.exercises.index(slug) + 1 :]) if lesson else []
    candidates = [course.exercises[s] for s in later if s in course.exercises]
    candidates += course.ordered_exercises()
    return next(
        (
            ex
            for ex in candidates
            if ex.slug != slug and exercise_status(ex.slug, progress) is not ExerciseStatus.SOLVED
        ),
        None,
    )


def resume_point(
    course: Course, progress: dict[str, ExerciseProgress], last_attempted: str | None
) -> Exercise | None:
    """Where the learner left off: the exercise they last submitted while it is unsolved,
    else the next unsolved one in course order."""
    if (
        last_attempted in course.exercises
        and exercise_status(last_attempted, progress) is not ExerciseStatus.SOLVED
    ):
        return course.exercises[last_attempted]
    return next_exercise(course, progress)
