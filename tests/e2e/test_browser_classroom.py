"""A class in a real browser (shared mode): an instructor creates a cohort and an assignment whose
deadline has passed; a learner joins with the code, sees that an attempt now is late, and solves
the exercise; the instructor sees it on the dashboard and downloads the grades CSV."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from course import Exercise, load_course
from learning.access import Role
from learning.accounts import Accounts
from progress import ProgressStore, make_engine, upgrade
from tests.e2e.conftest import start_server, stop_server
from tests.e2e.test_browser_practice import enter_code, submit

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
COOKIE = "prodready_session"


@pytest.fixture
def school(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A shared-mode server with an instructor and a learner signed in (their session tokens)."""
    import learning.accounts

    monkeypatch.setattr(
        learning.accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    monkeypatch.setenv("PRODREADY_MODE", "shared")
    engine = make_engine(f"sqlite:///{tmp_path / 'prodready.db'}")
    upgrade(engine)
    accounts = Accounts(ProgressStore(engine))
    accounts.create_admin("admin@example.com", PASSWORD)
    admin = accounts.sign_in("admin@example.com", PASSWORD, "t").actor
    tokens = {}
    for name, role in (("teacher", Role.INSTRUCTOR), ("ana", Role.LEARNER)):
        accounts.use_link(accounts.invite(admin, f"{name}@example.com", role), PASSWORD, name)
        tokens[name] = accounts.sign_in(f"{name}@example.com", PASSWORD, "t").token
    engine.dispose()
    server, url = start_server(tmp_path)
    try:
        yield url, tokens
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def exercise() -> Exercise:
    return load_course().ordered_exercises()[0]


def _as(browser, url: str, token: str) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.add_cookies([{"name": COOKIE, "value": token, "url": url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _pick_date(page: Page, label: str, day: datetime) -> None:
    """The date field is three segments (year, month, day), each typed into like a person does."""
    for part, value in (
        ("year", f"{day.year:04d}"),
        ("month", f"{day.month:02d}"),
        ("day", f"{day.day:02d}"),
    ):
        segment = page.get_by_role("spinbutton", name=f"{part}, {label}")
        segment.click()
        page.keyboard.type(value)
    page.keyboard.press("Tab")


def test_an_instructor_sees_a_late_solve_and_downloads_the_grades(browser, school, exercise):
    url, tokens = school
    teacher = _as(browser, url, tokens["teacher"])
    teacher.goto(f"{url}/cohorts")
    teacher.get_by_text("Create a cohort").click()
    teacher.get_by_label("Name").fill("Browser cohort")
    teacher.get_by_role("button", name="Create cohort").click()
    code_line = teacher.get_by_text("Join code:")
    expect(code_line).to_be_visible()
    code = re.search(r"Join code: ([A-Z0-9]{8})", code_line.inner_text()).group(1)

    teacher.get_by_role("tab", name="Assignments").click()
    teacher.get_by_label("Title").fill("Week 1")
    teacher.get_by_label("Exercises").click()
    teacher.keyboard.insert_text(exercise.title)
    teacher.keyboard.press("Enter")
    teacher.keyboard.press("Escape")
    today = datetime.now(UTC)
    _pick_date(teacher, "Opens date", today - timedelta(days=3))
    _pick_date(teacher, "Due date", today - timedelta(days=1))  # due yesterday at 17:00
    teacher.get_by_role("button", name="Create assignment").click()
    expect(teacher.get_by_text("Assignment created.")).to_be_visible(timeout=30_000)

    learner = _as(browser, url, tokens["ana"])
    learner.goto(f"{url}/join?code={code}")
    learner.get_by_role("button", name="Join").click()
    expect(learner.get_by_text("You joined Browser cohort.")).to_be_visible()
    learner.goto(f"{url}/exercise?exercise={exercise.slug}")
    expect(learner.get_by_text("late for “Week 1”")).to_be_visible()  # told before submitting
    enter_code(learner, exercise.reference)
    submit(learner)
    expect(learner.get_by_text("Solved —")).to_be_visible(timeout=120_000)  # a loaded grader

    teacher.goto(f"{url}/dashboard")
    teacher.get_by_role("tab", name="Per exercise").click()
    expect(teacher.get_by_test_id("stMetricValue").first).to_contain_text("1 / 1", timeout=30_000)
    teacher.get_by_role("tab", name="Exports").click()
    with teacher.expect_download() as download:
        teacher.get_by_role("button", name="Grades (CSV)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("\ufeff")
    row = next(line for line in text.splitlines() if "ana@example.com" in line)
    # Solved with 100, late by one or two started days (due yesterday 17:00 UTC), no penalty.
    assert f",{exercise.slug},100,yes," in row
    assert re.search(r",yes,[12],0,100,", row), row
