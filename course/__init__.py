"""Loads and validates lessons/ and exercises/ into typed objects (no Streamlit, no database)."""

from __future__ import annotations

from course.catalog import default_root, load_course
from course.errors import ContentError
from course.exercises import load_exercise, load_exercises
from course.lessons import load_lessons
from course.models import LIMITATIONS, Course, Exercise, Lesson

__all__ = [
    "LIMITATIONS",
    "ContentError",
    "Course",
    "Exercise",
    "Lesson",
    "default_root",
    "load_course",
    "load_exercise",
    "load_exercises",
    "load_lessons",
]
