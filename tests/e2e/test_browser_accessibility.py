"""Every page in a real browser: an axe-core audit (WCAG 2.1 A and AA) finds nothing, and the
page loads without a console error, also on a machine without internet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from course import load_course

pytestmark = pytest.mark.browser

COURSE = load_course()
FIRST = COURSE.ordered_exercises()[0]
LESSON = next(lesson for lesson in COURSE.lessons if lesson.exercises)
PAGES = {
    "course map": ("", "ProdReady"),
    "lessons": ("lessons", "Lessons"),
    "a lesson": (f"lesson?lesson={LESSON.slug}", LESSON.title),
    "practice": ("practice", "Practice"),
    "an exercise": (f"exercise?exercise={FIRST.slug}", FIRST.title),
    "progress": ("progress", "Your progress"),
    "reality check": ("reality-check", None),
}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# Streamlit's own start-up probe: on a deep link (/practice) it first asks
# /practice/_stcore/health in case the app is served under that path, then /_stcore/health.
BASE_PATH_PROBE = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")


@pytest.mark.parametrize("name", PAGES)
def test_the_page_passes_an_axe_audit_with_no_console_error(page: Page, app_url, name):
    from axe_playwright_python.sync_playwright import Axe

    path, heading = PAGES[name]
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and not BASE_PATH_PROBE.search(r.url)
            else None
        ),
    )
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.on(
        "console",
        lambda m: (
            failed.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    page.goto(f"{app_url}/{path}")
    expect(page.locator("h1").first).to_be_visible()
    if heading:
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Judge the page at rest: during a rerun Streamlit fades stale elements (lower contrast).
    page.wait_for_function("""() => !document.querySelector('[data-stale="true"]')""")
    results = Axe().run(page, options=WCAG_21_AA)
    problems = [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]
    assert problems == [], "\n".join(problems)
    assert failed == [], failed


def test_the_keyboard_leaves_the_editor_with_escape_and_reaches_check(page: Page, app_url):
    page.goto(f"{app_url}/exercise?exercise={FIRST.slug}")
    editor = page.frame_locator('iframe[title="streamlit_ace.streamlit_ace"]').locator(
        "#ace-editor"
    )
    editor.click()
    page.keyboard.press("Tab")  # Tab indents inside the editor: focus stays there
    expect(page.get_by_role("button", name="Check")).not_to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check result")).to_be_visible()
