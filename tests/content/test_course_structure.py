"""The course's promise: ten lessons, every exercise in exactly one lesson, five or more per
limitation across three difficulties, forty or more in all."""

from __future__ import annotations

from collections import Counter

from course import LIMITATIONS

KINDS = ["intro", *LIMITATIONS, "practice"]


def test_there_are_the_ten_lessons_in_order(real_course):
    assert [lesson.kind for lesson in real_course.lessons] == KINDS
    orders = [lesson.order for lesson in real_course.lessons]
    assert len(set(orders)) == len(orders)


def test_every_exercise_belongs_to_exactly_one_lesson(real_course):
    listed = Counter(slug for lesson in real_course.lessons for slug in lesson.exercises)
    assert set(listed) == set(real_course.exercises), "orphaned or unknown exercises"
    assert [slug for slug, n in listed.items() if n > 1] == []


def test_a_limitation_lesson_lists_only_its_own_exercises(real_course):
    for lesson in real_course.lessons:
        kinds = {real_course.exercises[slug].limitation for slug in lesson.exercises}
        assert kinds <= {lesson.kind}, f"{lesson.slug} lists exercises of {kinds}"


def test_each_limitation_has_five_exercises_across_three_difficulties(real_course):
    for key in LIMITATIONS:
        mine = real_course.exercises_for(key)
        assert len(mine) >= 5, f"{key}: {len(mine)} exercises"
        assert {e.difficulty for e in mine} == {1, 2, 3}, (
            f"{key}: difficulties {[e.difficulty for e in mine]}"
        )
    assert len(real_course.exercises) >= 40


def test_limitation_lessons_carry_a_checklist_and_references(real_course):
    for lesson in real_course.lessons:
        if lesson.kind in LIMITATIONS:
            body = lesson.body.lower()
            assert "checklist" in body, f"{lesson.slug}: no review checklist"
            assert "cwe" in body, f"{lesson.slug}: no CWE reference"
