"""The exercise page end to end in AppTest, with the real grader.

The editor is a custom component: AppTest cannot type into it, so typing is simulated by setting
its session-state key, exactly what the component reports when the learner presses Apply.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from course import Exercise
from learning.course_map import next_after
from progress import ExerciseProgress, ProgressStore
from tests.views.apptest_helpers import database_locked, editor_args, open_page, texts
from views.widgets.editor import editor_key

PAGE = "views/exercise.py"


def _solved(exercise: Exercise) -> ExerciseProgress:
    return ExerciseProgress(exercise.slug, 1, 100, True, datetime.now(UTC))


@pytest.fixture
def page(data_dir, exercise: Exercise) -> AppTest:
    at = open_page(PAGE, exercise=exercise.slug)
    assert not at.exception, at.exception
    return at


def _type(at: AppTest, exercise: Exercise, code: str, generation: int = 0) -> AppTest:
    at.session_state[editor_key(exercise.slug, generation)] = code
    return at.run()


def _press(at: AppTest, name: str, exercise: Exercise) -> AppTest:
    return at.button(key=f"{name}:{exercise.slug}").click().run()


def _store(at: AppTest, data_dir) -> ProgressStore:
    from progress import make_engine

    return ProgressStore(make_engine(f"sqlite:///{data_dir / 'prodready.db'}"))


def test_the_page_shows_the_brief_and_the_starter_in_the_editor(page: AppTest, exercise):
    assert page.title[0].value == exercise.title
    assert editor_args(page)["defaultValue"] == exercise.starter
    assert editor_args(page)["mode"] == "python"
    assert "Not started]" in texts(page)  # the status badge
    assert not page.error


def test_an_unknown_exercise_lists_the_exercises(data_dir, course):
    at = open_page(PAGE, exercise="no-such-exercise")
    assert at.title[0].value == "Practice"
    links = {link.proto.label for link in at.get("page_link")}
    assert all(ex.title in links for ex in course.exercises.values())


def test_submitting_the_reference_solves_and_reveals_explanation_and_reference(
    page: AppTest, exercise: Exercise, data_dir, course
):
    _type(page, exercise, exercise.reference)
    at = _press(page, "submit", exercise)
    assert not at.exception, at.exception
    assert any(s.value.startswith("**Solved") for s in at.success), texts(at)
    assert "Why the assistant's code failed" in [h.value for h in at.header]
    assert any(c.value.strip() == exercise.reference.strip() for c in at.code)
    following = next_after(course, exercise.slug, {exercise.slug: _solved(exercise)})
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert links[f"Next exercise: {following.title}"] == f"exercise={following.slug}"
    assert "Your fix is the reference fix, line for line." in texts(at)  # the diff is empty
    store = _store(at, data_dir)
    (attempt,) = store.attempts(store.ensure_learner())
    assert attempt.solved and attempt.code == exercise.reference


def test_the_starter_fails_with_requirements_and_findings_in_the_gutter(
    page: AppTest, exercise: Exercise
):
    at = _press(page, "submit", exercise)
    assert any("Not solved yet" in w.value for w in at.warning), texts(at)
    assert "Why the assistant's code failed" not in [h.value for h in at.header]
    shown = texts(at)
    assert "not met" in shown or "Security findings" in shown
    visible = exercise.test_source("visible") if exercise.has_suite("visible") else ""
    hidden_only = set(re.findall(r"def (test_\w+)", exercise.test_source("hidden")))
    hidden_only -= set(re.findall(r"def (test_\w+)", visible))
    assert not [name for name in hidden_only if f"def {name}" in shown], "hidden test code shown"
    if exercise.expected_findings:
        marks = editor_args(at)["annotations"]
        assert {m["type"] for m in marks} >= {"error"}
        assert any(exercise.expected_findings[0] in m["text"] for m in marks)


def test_a_double_submit_grades_and_records_once(page: AppTest, exercise: Exercise, data_dir):
    at = _press(page, "submit", exercise)
    at = _press(at, "submit", exercise)
    assert any("already submitted exactly this code" in i.value for i in at.info)
    store = _store(at, data_dir)
    assert len(store.attempts(store.ensure_learner())) == 1


def test_check_reports_without_recording_an_attempt(page: AppTest, exercise: Exercise, data_dir):
    _type(page, exercise, exercise.reference)
    at = _press(page, "check", exercise)
    assert not at.exception and texts(at).count("Check") >= 1
    assert "Check result" in [h.value for h in at.subheader]
    store = _store(at, data_dir)
    assert store.attempts(store.ensure_learner()) == []


def test_a_syntax_error_is_explained_and_marked_on_its_line(page: AppTest, exercise: Exercise):
    _type(page, exercise, "def broken(:\n    return 1\n")
    at = _press(page, "submit", exercise)
    assert any("Not graded" in e.value and "line 1" in e.value for e in at.error), texts(at)
    assert any(m["row"] == 0 and m["type"] == "error" for m in editor_args(at)["annotations"])


def test_an_endless_loop_hits_the_time_limit(page: AppTest, exercise: Exercise):
    _type(page, exercise, "while True:\n    pass\n")
    at = _press(page, "submit", exercise)
    (reason,) = [e.value for e in at.error if "Not graded" in e.value]
    assert "time limit" in reason and reason.lower().count("look for a loop") == 1
    assert not at.get("progress"), "no score cards for code that was not graded"


def test_an_empty_submission_is_refused_with_a_clear_message(page, exercise, data_dir):
    _type(page, exercise, "")
    at = _press(page, "submit", exercise)
    assert any("editor is empty" in e.value for e in at.error), texts(at)
    store = _store(at, data_dir)
    assert store.attempts(store.ensure_learner()) == []


def test_a_five_megabyte_paste_is_refused_and_not_saved(page, exercise, data_dir):
    _type(page, exercise, "x = 1\n" * 900_000)
    assert any("64 KiB" in w.value for w in page.warning)
    at = _press(page, "submit", exercise)
    assert any("64 KiB" in e.value for e in at.error), texts(at)
    store = _store(at, data_dir)
    me = store.ensure_learner()
    assert store.draft(me, exercise.slug) is None and store.attempts(me) == []


def test_the_draft_survives_a_reload(page: AppTest, exercise: Exercise):
    edited = exercise.starter + "\n# work in progress\n"
    _type(page, exercise, edited)
    reloaded = open_page(PAGE, exercise=exercise.slug)  # a new session, like a browser reload
    assert editor_args(reloaded)["defaultValue"] == edited


def test_a_reload_shows_the_last_result(page: AppTest, exercise: Exercise):
    _type(page, exercise, exercise.reference)
    _press(page, "submit", exercise)
    reloaded = open_page(PAGE, exercise=exercise.slug)
    assert any(s.value.startswith("**Solved") for s in reloaded.success), texts(reloaded)
    assert "Solved]" in texts(reloaded)  # the status badge


def test_reset_asks_first_and_no_keeps_the_code(page, exercise, data_dir):
    mine = "print('my attempt')\n"
    _type(page, exercise, mine)
    at = _press(page, "reset", exercise)
    assert any("Put the assistant's starter code back?" in w.value for w in at.warning)
    at = at.button(key=f"reset-no:{exercise.slug}").click().run()
    assert not any("starter code back?" in w.value for w in at.warning)
    assert at.session_state[editor_key(exercise.slug)] == mine
    store = _store(at, data_dir)
    assert store.draft(store.ensure_learner(), exercise.slug) == mine


def test_reset_puts_the_starter_back_and_undo_brings_the_code_back(page, exercise, data_dir):
    mine = "print('my attempt')\n"
    _type(page, exercise, mine)
    at = _press(page, "reset", exercise)
    at = at.button(key=f"reset-yes:{exercise.slug}").click().run()
    assert editor_args(at)["defaultValue"] == exercise.starter
    store = _store(at, data_dir)
    assert store.draft(store.ensure_learner(), exercise.slug) == exercise.starter
    at = at.button(key=f"reset-undo:{exercise.slug}").click().run()
    assert editor_args(at)["defaultValue"] == mine
    assert store.draft(store.ensure_learner(), exercise.slug) == mine
    assert open_page(PAGE, exercise=exercise.slug).get("component_instance")[0] is not None


def test_undo_after_a_reset_survives_a_reload(page, exercise, data_dir):
    mine = "print('an hour of work')\n"
    _type(page, exercise, mine)
    at = _press(page, "reset", exercise)
    at.button(key=f"reset-yes:{exercise.slug}").click().run()
    reloaded = open_page(PAGE, exercise=exercise.slug)  # a new browser session
    assert editor_args(reloaded)["defaultValue"] == exercise.starter
    reloaded = reloaded.button(key=f"reset-undo:{exercise.slug}").click().run()
    assert editor_args(reloaded)["defaultValue"] == mine
    again = open_page(PAGE, exercise=exercise.slug)
    assert editor_args(again)["defaultValue"] == mine
    assert f"reset-undo:{exercise.slug}" not in [b.key for b in again.button]  # undone once


def test_a_locked_database_shows_an_error_and_keeps_the_code(page, exercise, data_dir):
    edited = exercise.starter + "\n# not lost\n"
    with database_locked(data_dir / "prodready.db"):
        at = _type(page, exercise, edited)
        assert any("busy" in e.value and "still in the editor" in e.value for e in at.error)
        assert at.session_state[editor_key(exercise.slug)] == edited
        at = _press(at, "submit", exercise)
        assert any("not saved" in e.value for e in at.error), texts(at)
    at.run()  # the lock is gone: the next run saves the draft it could not save before
    store = _store(at, data_dir)
    assert store.draft(store.ensure_learner(), exercise.slug) == edited


def test_hints_unlock_one_at_a_time_and_are_recorded(page, exercise, data_dir):
    at = page.button(key=f"hint:{exercise.slug}:0").click().run()
    body = exercise.hints[0].splitlines()[-1].strip()
    assert f"Hint 1 of {len(exercise.hints)}" in texts(at)
    assert body[:20] in texts(at)
    assert f"hint:{exercise.slug}:1" in [b.key for b in at.button] or len(exercise.hints) == 1
    store = _store(at, data_dir)
    assert store.hints_unlocked(store.ensure_learner(), exercise.slug) == 1


def test_the_find_the_flaw_answer_is_saved(data_dir, course):
    exercise = next((ex for ex in course.ordered_exercises() if ex.flaw_lines), None)
    assert exercise is not None, "no exercise declares flaw_lines"
    at = open_page(PAGE, exercise=exercise.slug)
    blank = [n for n, line in enumerate(exercise.starter.splitlines(), 1) if not line.strip()]
    ticks = {box.key for box in at.checkbox if box.key.startswith("flaw-line:")}
    assert not any(f"flaw-line:{exercise.slug}:{n}" in ticks for n in blank), "blank lines"
    for number in exercise.flaw_lines:
        at.checkbox(key=f"flaw-line:{exercise.slug}:{number}").check()
    at.selectbox[0].set_value(exercise.limitation)
    at = next(b for b in at.button if b.label == "Save my answer").click().run()
    assert any("Answer saved" in s.value for s in at.success), texts(at)
    store = _store(at, data_dir)
    saved = store.flaw_answer(store.ensure_learner(), exercise.slug)
    assert saved.lines == sorted(exercise.flaw_lines) and saved.limitation_correct


def test_leaving_the_exercise_and_coming_back_keeps_the_typing(page, exercise, data_dir):
    typed = exercise.starter + "\n# still mine after a visit to the lessons\n"
    at = _type(page, exercise, typed)
    at.switch_page("views/lessons.py")
    at.run()
    at.switch_page(PAGE)
    at.query_params["exercise"] = exercise.slug
    at.run()
    assert editor_args(at)["defaultValue"] == typed
    store = _store(at, data_dir)
    assert store.draft(store.ensure_learner(), exercise.slug) == typed


def test_typing_kept_while_the_database_is_locked_survives_a_page_change(page, exercise, data_dir):
    typed = exercise.starter + "\n# typed while the database was busy\n"
    with database_locked(data_dir / "prodready.db"):
        at = _type(page, exercise, typed)
        at.switch_page("views/lessons.py")
        at.run()
        at.switch_page(PAGE)
        at.query_params["exercise"] = exercise.slug
        at.run()
        assert editor_args(at)["defaultValue"] == typed
    at.run()  # the lock is gone: the next run saves it
    store = _store(at, data_dir)
    assert store.draft(store.ensure_learner(), exercise.slug) == typed
