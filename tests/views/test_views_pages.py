"""Home, Lessons, Progress and Reality check in AppTest."""

from __future__ import annotations

from course import LIMITATIONS
from learning.access import Actor
from learning.practice import Practice
from progress import ProgressStore
from tests.views.apptest_helpers import database_locked, open_page, texts


def test_home_shows_the_pitch_the_eight_limitations_and_the_first_exercise(data_dir, exercise):
    at = open_page("views/home.py")
    assert not at.exception, at.exception
    shown = texts(at)
    assert "not ready for production" in shown
    assert all(title in shown for title in LIMITATIONS.values())
    assert f"### {exercise.title}" in shown and "Start with" in shown
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert links["Open the exercise"] == f"exercise={exercise.slug}"


def test_home_moves_on_once_the_first_exercise_is_solved(data_dir, store: ProgressStore, course):
    first, second = course.ordered_exercises()[:2]
    Practice(store, Actor(store.ensure_learner())).submit(first, first.reference)
    shown = texts(open_page("views/home.py"))
    assert f"### {second.title}" in shown and "Continue with" in shown
    assert f"1 of {len(course.exercises)} exercises solved" in shown


def test_home_says_so_when_the_database_is_locked_for_writing(data_dir, store: ProgressStore):
    store.ensure_learner()
    with database_locked(data_dir / "prodready.db"):
        at = open_page("views/home.py")  # reads still work under a write lock (WAL)
    assert not at.exception and not at.error


def test_the_lessons_page_lists_every_lesson(data_dir, course):
    at = open_page("views/lessons.py")
    assert at.title[0].value == "Lessons" and not at.exception
    shown = str([el.proto for el in at.get("page_link")])
    assert all(lesson.title in shown for lesson in course.lessons)


def test_a_lesson_renders_with_its_exercises_and_their_status(data_dir, store, course):
    lesson = next(les for les in course.lessons if les.exercises)
    first = course.exercises[lesson.exercises[0]]
    Practice(store, Actor(store.ensure_learner())).submit(first, first.reference)
    at = open_page("views/lesson.py", lesson=lesson.slug)
    assert not at.exception, at.exception
    assert at.title[0].value == lesson.title
    shown = texts(at)
    assert all(course.exercises[s].title in shown for s in lesson.exercises)
    assert "Solved" in shown


def test_progress_starts_empty(data_dir):
    at = open_page("views/my_progress.py")
    assert not at.exception, at.exception
    assert "Nothing here yet" in texts(at)
    assert at.metric[0].value.startswith("0 / ")


def test_progress_shows_counts_history_and_hints(data_dir, store: ProgressStore, course):
    first = course.ordered_exercises()[0]
    me = store.ensure_learner()
    practice = Practice(store, Actor(me))
    practice.submit(first, first.starter)
    practice.submit(first, first.reference)
    store.unlock_hint(me, first.slug, 0)
    at = open_page("views/my_progress.py")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Solved"] == f"1 / {len(course.exercises)}"
    assert metrics["Submissions"] == "2" and metrics["Hints used"] == "1"
    history = at.dataframe[-1].value
    assert list(history["Score"]) == [100, history["Score"].iloc[1]] and len(history) == 2
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


RISKY = """\
import subprocess


def search(pattern):
    try:
        return subprocess.check_output(f"grep {pattern} /var/log/app.log", shell=True)
    except Exception:
        return b""
"""


def _reality_check(code: str):
    at = open_page("views/reality_check.py")
    at.text_area[0].input(code)
    return next(b for b in at.button if b.label == "Check this code").click().run()


def test_reality_check_flags_findings_and_fills_the_checklist(data_dir):
    at = _reality_check(RISKY)
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Security findings" in shown and "B602" in shown and "CWE-78" in shown
    assert "editor" not in shown.split("Security findings")[1].splitlines()[0]
    assert "broad `except`" in shown
    titles = [e.label for e in at.expander]
    assert any(t.startswith("Security — ") for t in titles)
    assert any(t.startswith("Business logic") for t in titles)


def test_reality_check_asks_for_code_when_empty(data_dir):
    at = _reality_check("")
    assert any("Paste some Python" in w.value for w in at.warning)


def test_reality_check_refuses_a_huge_paste(data_dir):
    at = _reality_check("x = 1\n" * 900_000)
    assert any("64 KiB" in e.value for e in at.error)


def test_reality_check_explains_a_syntax_error(data_dir):
    at = _reality_check("def broken(:\n")
    assert at.error and not at.exception
