"""Bugs 2 and 3 of issue 12 in a real browser: code typed without Apply is what Check and
Submit grade, typing survives a reload, and Reset to starter asks first and can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from course import Exercise, load_course
from progress import ProgressStore, make_engine

pytestmark = pytest.mark.browser

EDITOR_FRAME = 'iframe[title="streamlit_ace.streamlit_ace"]'


@pytest.fixture(scope="module")
def exercise() -> Exercise:
    return load_course().ordered_exercises()[0]


def type_code(page: Page, code: str) -> None:
    """Replace the editor's text by typing, and press nothing else: no Apply, no Ctrl+Enter."""
    page.frame_locator(EDITOR_FRAME).locator("#ace-editor").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)  # not type(): live autocompletion mangles typed code


def wait_for_editor(page: Page, text: str) -> None:
    """Until the editor on the page (a new one after Reset) shows `text`."""
    page.wait_for_function(
        """expected => {
            const frame = document.querySelector('iframe[title="streamlit_ace.streamlit_ace"]');
            const editor = frame && frame.contentDocument.querySelector("#ace-editor");
            return Boolean(editor && editor.env) && editor.env.editor.getValue() === expected;
        }""",
        arg=text,
    )


def attempts(data_dir: Path) -> list:
    store = ProgressStore(make_engine(f"sqlite:///{data_dir / 'prodready.db'}"))
    return store.attempts(store.ensure_learner())


def test_typed_code_is_what_submit_grades(page: Page, app_url, tmp_path, exercise):
    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    type_code(page, exercise.reference)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Solved —")).to_be_visible()
    (attempt,) = attempts(tmp_path)
    assert attempt.code == exercise.reference and attempt.solved


def test_typing_survives_a_reload(page: Page, app_url, exercise):
    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    typed = exercise.starter + "\n# reviewed: the query needs a placeholder\n"
    type_code(page, typed)
    expect(page.get_by_text("Draft saved")).to_be_visible()
    page.reload()
    wait_for_editor(page, typed)


def test_reset_asks_first_and_undo_brings_the_typing_back(page: Page, app_url, exercise):
    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    typed = "def mine():\n    return 'my own attempt'\n"
    type_code(page, typed)
    expect(page.get_by_text("Draft saved")).to_be_visible()
    page.get_by_role("button", name="Reset to starter").click()
    expect(page.get_by_text("Put the assistant's starter code back?")).to_be_visible()
    wait_for_editor(page, typed)  # asking changed nothing yet
    page.get_by_role("button", name="Yes, reset to the starter").click()
    expect(page.get_by_role("button", name="Undo: bring my code back")).to_be_visible()
    wait_for_editor(page, exercise.starter)
    page.get_by_role("button", name="Undo: bring my code back").click()
    wait_for_editor(page, typed)
    expect(page.get_by_text("Draft saved")).to_be_visible()
    page.reload()
    wait_for_editor(page, typed)


def test_leaving_at_once_after_typing_keeps_the_last_keystrokes(page: Page, app_url, exercise):
    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    typed = exercise.starter + "\n# typed, then straight to the lessons\n"
    type_code(page, typed)
    page.get_by_role("navigation").get_by_role("link", name="Lessons").click()  # no pause
    expect(page.get_by_role("heading", name="Lessons", level=1)).to_be_visible()
    page.go_back()
    wait_for_editor(page, typed)
