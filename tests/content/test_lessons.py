"""The course's promise: ten lessons (introduction, the eight limitations, safe-use practice);
every exercise in exactly one lesson, under its own limitation; at least five exercises per
limitation across difficulties 1, 2 and 3; at least forty in all.

Missing content fails these tests on purpose: the counts are what the course promises."""

from __future__ import annotations

from collections import Counter

import pytest

from course import LIMITATIONS, Exercise, Lesson, load_course, load_exercises, load_lessons
from course.catalog import PROJECT_ROOT

KINDS = ["intro", *LIMITATIONS, "practice"]
MIN_PER_LIMITATION = 5
MIN_EXERCISES = 40


@pytest.fixture(scope="module")
def lessons() -> tuple[Lesson, ...]:
    return load_lessons(PROJECT_ROOT / "lessons")


@pytest.fixture(scope="module")
def exercises() -> dict[str, Exercise]:
    return load_exercises(PROJECT_ROOT / "exercises")


def test_the_course_loads():
    course = load_course(PROJECT_ROOT)
    assert course.lessons and course.exercises


def test_there_are_exactly_the_ten_lessons(lessons):
    kinds = [lesson.kind for lesson in lessons]
    assert sorted(kinds) == sorted(KINDS), f"lesson kinds {kinds}, expected {KINDS}"
    assert kinds == KINDS, f"lessons are not in teaching order: {kinds}"


def test_lessons_have_distinct_orders_and_slugs(lessons):
    orders = Counter(lesson.order for lesson in lessons)
    slugs = Counter(lesson.slug for lesson in lessons)
    assert [o for o, n in orders.items() if n > 1] == [], "two lessons share an order"
    assert [s for s, n in slugs.items() if n > 1] == [], "two lessons share a slug"


def test_every_exercise_belongs_to_exactly_one_lesson(lessons, exercises):
    listed = Counter(slug for lesson in lessons for slug in lesson.exercises)
    orphans = sorted(set(exercises) - set(listed))
    twice = sorted(slug for slug, n in listed.items() if n > 1)
    assert not orphans, f"in no lesson: {orphans}"
    assert not twice, f"listed more than once: {twice}"


def test_every_listed_exercise_exists(lessons, exercises):
    unknown = {
        lesson.path.name: sorted(set(lesson.exercises) - set(exercises))
        for lesson in lessons
        if set(lesson.exercises) - set(exercises)
    }
    assert not unknown, f"lessons list exercises that do not exist: {unknown}"


def test_a_limitation_lesson_lists_only_its_own_exercises(lessons, exercises):
    foreign = [
        f"{lesson.path.name}: {slug} ({exercises[slug].limitation})"
        for lesson in lessons
        if lesson.kind in LIMITATIONS
        for slug in lesson.exercises
        if slug in exercises and exercises[slug].limitation != lesson.kind
    ]
    assert not foreign, f"exercises of another limitation: {foreign}"


@pytest.mark.parametrize("limitation", LIMITATIONS)
def test_each_limitation_has_five_exercises_across_three_difficulties(exercises, limitation):
    mine = sorted((e.difficulty, e.slug) for e in exercises.values() if e.limitation == limitation)
    assert len(mine) >= MIN_PER_LIMITATION, f"{len(mine)} exercises: {mine}"
    assert {d for d, _ in mine} >= {1, 2, 3}, f"difficulties present: {mine}"


def test_there_are_at_least_forty_exercises(exercises):
    assert len(exercises) >= MIN_EXERCISES, f"{len(exercises)} exercises"
