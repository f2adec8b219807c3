"""What each lesson must carry beyond its front matter."""

from __future__ import annotations

from course import LIMITATIONS
from course.lessons import runnable_blocks


def test_limitation_lessons_carry_a_checklist_and_references(real_course):
    for lesson in real_course.lessons:
        if lesson.kind in LIMITATIONS:
            body = lesson.body.lower()
            assert "checklist" in body, f"{lesson.slug}: no review checklist"
            assert "cwe" in body, f"{lesson.slug}: no CWE reference"


def test_every_lesson_has_code_that_runs(real_course):
    for lesson in real_course.lessons:
        assert runnable_blocks(lesson), f"{lesson.slug} has no ```python run block"
