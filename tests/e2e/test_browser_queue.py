"""A learner submits while the room's submissions fill the only grading slot: the page shows
the submission queued (with the place in line), then the result, without a manual reload. In
distributed mode the page's submission is graded by a `python -m worker` process."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from course import Exercise, load_course
from progress import ProgressStore, make_engine, upgrade
from tests.e2e.conftest import start_server, stop_server
from tests.e2e.test_browser_practice import EDITOR_FRAME, enter_code, submit
from tests.worker import conftest as workers

pytestmark = pytest.mark.browser
# The grading-worker fixtures (a fresh PostgreSQL database, real worker processes).
pg_db, start_worker = workers.pg_db, workers.start_worker

AHEAD = 4  # other learners' submissions already waiting when this learner submits
SLOW = "\n\nimport time\n\ntime.sleep(1)\n"  # each one holds the slot for a while


@pytest.fixture(scope="module")
def exercise() -> Exercise:
    return load_course().ordered_exercises()[0]


@pytest.fixture
def busy_app_url(tmp_path, monkeypatch, exercise):
    """A server with one grading slot and a queue in front: attempts stored before it started
    (as after a crash) that it grades first when the first submission arrives."""
    engine = make_engine(f"sqlite:///{tmp_path / 'prodready.db'}")
    upgrade(engine)
    store = ProgressStore(engine)
    for index in range(AHEAD):
        learner = store.ensure_learner(f"room-{index}")
        store.enqueue(learner, exercise.slug, exercise.reference + SLOW + f"# {index}\n")
    engine.dispose()
    monkeypatch.setenv("PRODREADY_GRADING_SLOTS", "1")
    monkeypatch.setenv("PRODREADY_SUBMIT_WAIT_S", "1")
    server, url = start_server(tmp_path)
    try:
        yield url
    finally:
        stop_server(server)


def test_a_queued_submission_turns_into_its_result_without_a_reload(
    page: Page, busy_app_url, exercise
):
    page.goto(f"{busy_app_url}/exercise?exercise={exercise.slug}")
    expect(page.get_by_role("heading", name=exercise.title)).to_be_visible(timeout=60_000)
    expect(page.frame_locator(EDITOR_FRAME).locator("#ace-editor")).to_be_visible(timeout=60_000)
    enter_code(page, exercise.reference)
    submit(page)
    expect(page.get_by_text("waits for a free grader")).to_be_visible(timeout=60_000)
    url_before = page.url
    expect(page.get_by_text("Solved —")).to_be_visible(timeout=180_000)
    assert page.url == url_before
    expect(page.get_by_text("waits for a free grader")).to_have_count(0)


@pytest.mark.postgres
def test_in_distributed_mode_a_worker_grades_what_the_page_submitted(
    page: Page, exercise, tmp_path, pg_db, start_worker
):
    worker = start_worker("grader-e2e")
    server, url = start_server(
        tmp_path, {"DATABASE_URL": pg_db, "PRODREADY_EXECUTOR": "distributed"}
    )
    try:
        page.goto(f"{url}/exercise?exercise={exercise.slug}")
        expect(page.get_by_role("heading", name=exercise.title)).to_be_visible(timeout=60_000)
        enter_code(page, exercise.reference)
        submit(page)
        expect(page.get_by_text("Solved —")).to_be_visible(timeout=180_000)
    finally:
        stop_server(server)
    assert "recorded as graded" in worker.text(), "the worker, not the app, graded it"
