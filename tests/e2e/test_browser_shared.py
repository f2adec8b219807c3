"""Shared mode in a real browser, on `streamlit run server.py` with PRODREADY_MODE=shared: a
newcomer signs up, is still signed in after a reload and in a second tab, signs out in one tab,
and the other tab is refused at its next click; the admin made on the command line signs in."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from course import load_course
from learning.accounts import SignupPolicy
from progress import ProgressStore, make_engine, upgrade
from tests.e2e.conftest import ROOT, start_server, stop_server

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
ADMIN = "admin@example.com"
NEWCOMER = "ana@example.com"
EDITOR_FRAME = 'iframe[title="streamlit_ace.streamlit_ace"]'
PATIENT_MS = 60_000  # a start-up bound on a busy machine, not a timed assertion


def see(locator: Locator) -> None:
    expect(locator).to_be_visible(timeout=PATIENT_MS)


@pytest.fixture(scope="module", params=["", "school"], ids=["at-the-root", "under-a-path"])
def shared_url(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared-mode server, at the root and under a path (server.baseUrlPath, as behind a proxy
    that serves it at https://host/school/): every sign-in page and link must follow."""
    data_dir = tmp_path_factory.mktemp("shared")
    engine = make_engine(f"sqlite:///{data_dir / 'prodready.db'}")
    upgrade(engine)
    ProgressStore(engine).set_site_setting("signup", SignupPolicy.OPEN.value)
    engine.dispose()
    env = {**os.environ, "PRODREADY_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    made = subprocess.run(
        [sys.executable, "-m", "progress", "create-admin", ADMIN],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    server, url = start_server(data_dir, {"PRODREADY_MODE": "shared"}, request.param)
    try:
        yield url
    finally:
        stop_server(server)


def sign_in_gate(page: Page) -> Locator:
    return page.get_by_role("heading", name="Sign in to ProdReady")


def test_sign_up_reload_second_tab_and_sign_out_everywhere(browser, shared_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        first = context.new_page()
        first.set_default_timeout(PATIENT_MS)
        first.goto(f"{shared_url}/progress")
        base = quote(urlsplit(shared_url).path, safe="")  # "" or "%2Fschool"
        # No cookie: straight to sign-in, under the app's path, and back to the page after.
        assert f"/auth/signin?next={base}%2Fprogress" in first.url
        assert first.url.startswith(f"{shared_url}/auth/signin")
        first.get_by_role("link", name="New here? Create an account").click()
        first.get_by_label("E-mail").fill(NEWCOMER)
        first.get_by_label("Your name").fill("Ana")
        first.get_by_label("Password").fill(PASSWORD)
        first.get_by_role("button", name="Create account").click()

        see(first.get_by_role("heading", name="ProdReady", exact=True))  # the course map
        see(first.get_by_text("Signed in as Ana"))
        cookie = next(c for c in context.cookies() if c["name"] == "prodready_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        assert cookie["value"] not in first.url

        first.reload()
        see(first.get_by_text("Signed in as Ana"))

        second = context.new_page()
        second.set_default_timeout(PATIENT_MS)
        second.goto(f"{shared_url}/progress")
        see(second.get_by_role("heading", name="Your progress"))

        first.get_by_role("button", name="Sign out").click()
        see(sign_in_gate(first))

        second.get_by_role("link", name="Lessons").click()  # its next click after the sign-out
        see(sign_in_gate(second))
        expect(second.get_by_text("Signed in as Ana")).to_have_count(0)
    finally:
        context.close()


def test_the_admin_made_on_the_command_line_signs_in(page: Page, shared_url):
    slug = load_course().ordered_exercises()[0].slug
    page.goto(f"{shared_url}/exercise?exercise={slug}")
    page.get_by_label("E-mail").fill(ADMIN)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    see(page.get_by_text("Signed in as"))
    see(page.get_by_role("link", name="Admin"))
    # Back on the page asked for, and the editor (a same-origin frame) loads despite the
    # anti-framing headers every shared-mode response carries.
    assert page.url.endswith(f"/exercise?exercise={slug}")
    see(page.frame_locator(EDITOR_FRAME).locator("#ace-editor"))
