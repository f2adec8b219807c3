"""The course map, an exercise, progress, practice and a lesson at 800 px and at a phone's 400 px:
nothing is wider than the screen, and no button, link, title or metric is cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from course import load_course

pytestmark = pytest.mark.browser

COURSE = load_course()
FIRST = COURSE.ordered_exercises()[0]
PAGES = {
    "course map": "",
    "an exercise": f"exercise?exercise={FIRST.slug}",
    "progress": "progress",
    "practice": "practice",
    "a lesson": f"lesson?lesson={COURSE.lesson_of(FIRST.slug).slug}",
}
# Elements whose text must show whole: clipped when their content is wider than their box.
CLIPPED = """() => {
    const selectors = 'button, a, h1, h2, h3, h4, [data-testid="stMetricValue"], '
        + '[data-testid="stMetricLabel"], [data-testid="stMarkdownContainer"] strong';
    const cut = [];
    for (const element of document.querySelectorAll(selectors)) {
        if (element.closest('[data-testid="stSidebar"], [data-testid="stSkipToContent"]')) continue;  // off-screen by design
        if (element.closest('iframe, pre, [data-testid="stDataFrame"]')) continue;  // scroll by design
        const style = getComputedStyle(element);
        if (style.display === "none" || element.offsetParent === null) continue;
        if (element.scrollWidth > element.clientWidth + 1 && style.overflowX !== "visible") {
            cut.push(element.tagName + ": " + element.textContent.trim().slice(0, 40));
        }
    }
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && main.scrollWidth > main.clientWidth + 1) cut.push("the page scrolls sideways");
    return cut;
}"""


@pytest.mark.parametrize("width", [800, 400])
@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_cut_off(page: Page, app_url, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{app_url}/{PAGES[name]}")
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Judge the page at rest: during a rerun Streamlit fades stale elements (lower contrast).
    page.wait_for_function("""() => !document.querySelector('[data-stale="true"]')""")
    try:  # the layout settles once the editor and the styles are in: judge it then
        page.wait_for_function(f"() => ({CLIPPED})().length === 0", timeout=15_000)
    except PlaywrightTimeout:
        pass
    assert page.evaluate(CLIPPED) == []
