"""Bug 1 of issue 12 in a real browser: whichever way a lesson or an exercise is reached, its
slug is in the address, so the next rerun, a reload or a bookmark shows the same page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from course import load_course

pytestmark = pytest.mark.browser

COURSE = load_course()


def heading(page: Page, text: str):
    return page.get_by_role("heading", name=text, level=1)


def test_an_exercise_opened_from_practice_keeps_its_address_through_reruns(page: Page, app_url):
    exercise = COURSE.ordered_exercises()[1]
    page.goto(f"{app_url}/practice")
    page.get_by_role("link", name=exercise.title, exact=True).last.click()
    expect(heading(page, exercise.title)).to_be_visible()
    expect(page).to_have_url(f"{app_url}/exercise?exercise={exercise.slug}")
    page.get_by_role("button", name="Show hint 1 of").click()  # a rerun
    expect(page.get_by_text("Hint 1 of")).to_be_visible()
    page.get_by_role("button", name="Check").click()  # another
    expect(page.get_by_role("heading", name="Check result")).to_be_visible()
    expect(heading(page, exercise.title)).to_be_visible()
    page.reload()
    expect(heading(page, exercise.title)).to_be_visible()


def test_the_course_map_opens_the_exercise_at_its_address(page: Page, app_url):
    first = COURSE.ordered_exercises()[0]
    page.goto(app_url)
    page.get_by_role("link", name="Open the exercise").click()
    expect(heading(page, first.title)).to_be_visible()
    expect(page).to_have_url(f"{app_url}/exercise?exercise={first.slug}")


def test_lessons_next_lesson_and_all_lessons_keep_the_address_in_step(page: Page, app_url):
    first, second = COURSE.lessons[:2]
    page.goto(f"{app_url}/lessons")
    page.get_by_role("link", name=f"1. {first.title}").click()
    expect(heading(page, first.title)).to_be_visible()
    expect(page).to_have_url(f"{app_url}/lesson?lesson={first.slug}")
    page.get_by_role("link", name=f"Next lesson: {second.title}").click()
    expect(heading(page, second.title)).to_be_visible()
    expect(page).to_have_url(f"{app_url}/lesson?lesson={second.slug}")
    page.reload()
    expect(heading(page, second.title)).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Lessons").click()  # the sidebar
    expect(heading(page, "Lessons")).to_be_visible()
    expect(page).to_have_url(f"{app_url}/lessons")
