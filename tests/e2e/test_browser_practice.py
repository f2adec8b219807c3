"""A learner in a real browser: open an exercise on a fresh server, type the fix, submit, see it
solved, reload and find the progress kept; then a wrong fix shows the failed requirement."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from course import Exercise, load_course
from grading import grade

pytestmark = pytest.mark.browser

EDITOR_FRAME = 'iframe[title="streamlit_ace.streamlit_ace"]'


@pytest.fixture(scope="module")
def exercise() -> Exercise:
    return load_course().ordered_exercises()[0]


def enter_code(page: Page, code: str) -> None:
    """Replace the editor's text as a learner would: typing is all it takes."""
    frame = page.frame_locator(EDITOR_FRAME)
    editor = frame.locator("#ace-editor")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    # insert_text, not type(): live autocompletion mangles typed multi-line code.
    page.keyboard.insert_text(code)


def submit(page: Page) -> None:
    page.get_by_role("button", name="Submit").click()


def test_a_learner_solves_an_exercise_and_keeps_the_progress(page: Page, app_url, exercise):
    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    expect(page.get_by_role("heading", name=exercise.title)).to_be_visible()
    expect(page.frame_locator(EDITOR_FRAME).locator("#ace-editor")).to_be_visible()

    enter_code(page, exercise.reference)
    submit(page)
    expect(page.get_by_text("Solved —")).to_be_visible()
    expect(page.get_by_role("heading", name="Why the assistant's code failed")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Solved —")).to_be_visible()
    page.goto(f"{app_url}/progress")
    expect(page.get_by_text("Submission history")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("1 /")


def test_a_submit_right_after_typing_grades_what_the_editor_shows(page: Page, app_url, exercise):
    """On a busy machine the editor's own 200 ms pause before it sends the text can outlast the
    learner's click on Submit. Here its timer never fires at all: the page itself must send the
    text the editor shows before Submit grades, or the starter would be graded."""
    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    expect(page.frame_locator(EDITOR_FRAME).locator("#ace-editor")).to_be_visible()
    editor_frame = next(frame for frame in page.frames if "streamlit_ace" in frame.url)
    editor_frame.evaluate("window.setTimeout = function () { return 0; }")  # a stalled editor
    enter_code(page, exercise.reference)
    submit(page)
    expect(page.get_by_text("Solved —")).to_be_visible()


def test_a_wrong_fix_shows_the_failed_requirement(page: Page, app_url, exercise):
    expected = grade(exercise, exercise.starter)
    assert expected.failed_tests, "the starter should fail at least one hidden test"
    requirement = expected.failed_tests[0].message.strip().splitlines()[0]

    page.goto(f"{app_url}/exercise?exercise={exercise.slug}")
    enter_code(page, exercise.starter + "\n")
    submit(page)
    expect(page.get_by_text("Not solved yet")).to_be_visible()
    expect(page.get_by_text(requirement[:60]).first).to_be_visible()
