"""load_course cross-checks lessons against exercises; Course answers the app's questions:
which lesson holds an exercise, a limitation's exercises, the whole course in order."""

from __future__ import annotations

import pytest

from course import ContentError, Course, default_root, load_course


def lesson_front_matter(slug: str, order: int, kind: str, exercises: list[str]) -> str:
    return (
        f"slug: {slug}\ntitle: {slug.title()}\norder: {order}\nlimitation: {kind}\n"
        f"exercises: [{', '.join(exercises)}]"
    )


@pytest.fixture
def small_course(tmp_path, make_exercise, write_lesson) -> Course:
    """Two lessons listing exercises in a deliberate order, and one exercise no lesson lists."""
    make_exercise("sql-lookup", limitation="security", difficulty=2)
    make_exercise("shell-ping", limitation="security", difficulty=1)
    make_exercise("path-escape", limitation="security", difficulty=1)
    make_exercise("off-by-one", limitation="review", difficulty=3)
    make_exercise("a-unlisted", limitation="review", difficulty=1)
    write_lesson("01-intro.md", lesson_front_matter("intro", 1, "intro", []))
    write_lesson("09-review.md", lesson_front_matter("review", 9, "review", ["off-by-one"]))
    write_lesson(
        "02-security.md",
        lesson_front_matter("security", 2, "security", ["sql-lookup", "shell-ping", "path-escape"]),
    )
    return load_course(tmp_path)


def test_load_course_reads_lessons_and_exercises(small_course):
    assert [lesson.slug for lesson in small_course.lessons] == ["intro", "security", "review"]
    assert sorted(small_course.exercises) == [
        "a-unlisted",
        "off-by-one",
        "path-escape",
        "shell-ping",
        "sql-lookup",
    ]


def test_a_lesson_naming_an_unknown_exercise_is_named(tmp_path, make_exercise, write_lesson):
    make_exercise("sql-lookup", limitation="security")
    path = write_lesson(
        "02-security.md",
        lesson_front_matter("security", 2, "security", ["sql-lookup", "sql-lokup", "ghost"]),
    )
    with pytest.raises(ContentError) as info:
        load_course(tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert "'exercises'" in message
    assert "sql-lokup" in message and "ghost" in message
    assert "sql-lookup," not in message


def test_a_broken_exercise_stops_the_course_from_loading(tmp_path, make_exercise, write_lesson):
    folder = make_exercise("sql-lookup", limitation="security")
    (folder / "hints.md").write_text("", encoding="utf-8")
    write_lesson("02-security.md", lesson_front_matter("security", 2, "security", ["sql-lookup"]))
    with pytest.raises(ContentError, match="hints.md"):
        load_course(tmp_path)


def test_an_empty_root_is_an_empty_course(tmp_path):
    empty = load_course(tmp_path)
    assert empty.lessons == ()
    assert empty.exercises == {}


def test_the_content_root_can_be_moved(tmp_path, monkeypatch, make_exercise):
    make_exercise("sql-lookup", limitation="security")
    monkeypatch.setenv("PRODREADY_CONTENT", str(tmp_path))
    assert default_root() == tmp_path
    assert list(load_course().exercises) == ["sql-lookup"]


def test_the_content_root_defaults_to_the_project(monkeypatch):
    monkeypatch.delenv("PRODREADY_CONTENT", raising=False)
    assert (default_root() / "course" / "catalog.py").is_file()


def test_lesson_finds_a_lesson_by_slug(small_course):
    assert small_course.lesson("security").order == 2
    assert small_course.lesson("nonexistent") is None


@pytest.mark.parametrize(
    "exercise, lesson",
    [("sql-lookup", "security"), ("path-escape", "security"), ("off-by-one", "review")],
)
def test_lesson_of_is_the_lesson_listing_the_exercise(small_course, exercise, lesson):
    assert small_course.lesson_of(exercise).slug == lesson


@pytest.mark.parametrize("exercise", ["a-unlisted", "no-such-exercise"])
def test_lesson_of_an_unlisted_exercise_is_none(small_course, exercise):
    assert small_course.lesson_of(exercise) is None


@pytest.mark.parametrize(
    "limitation, expected",
    [
        ("security", ["path-escape", "shell-ping", "sql-lookup"]),  # by difficulty, then slug
        ("review", ["a-unlisted", "off-by-one"]),
        ("performance", []),
    ],
)
def test_exercises_for_a_limitation_are_sorted_by_difficulty_then_slug(
    small_course, limitation, expected
):
    found = small_course.exercises_for(limitation)
    assert [e.slug for e in found] == expected
    assert all(e.limitation == limitation for e in found)


def test_ordered_exercises_follow_the_lessons_then_the_rest(small_course):
    assert [e.slug for e in small_course.ordered_exercises()] == [
        "sql-lookup",  # security lesson, as listed
        "shell-ping",
        "path-escape",
        "off-by-one",  # review lesson
        "a-unlisted",  # in no lesson: last, by slug
    ]
