"""The whole course: lessons and exercises, cross-checked."""

from __future__ import annotations

from pathlib import Path

from config import current
from course.errors import ContentError
from course.exercises import load_exercises
from course.lessons import load_lessons
from course.models import Course

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_root() -> Path:
    """Where lessons/ and exercises/ live; PRODREADY_CONTENT points elsewhere."""
    return current().content_root


def load_course(root: Path | None = None) -> Course:
    root = Path(root or default_root())
    exercises = load_exercises(root / "exercises")
    lessons = load_lessons(root / "lessons")
    for lesson in lessons:
        missing = [s for s in lesson.exercises if s not in exercises]
        if missing:
            raise ContentError(
                f"{lesson.path}: field 'exercises' names unknown {', '.join(missing)}"
            )
    return Course(lessons=lessons, exercises=exercises)
