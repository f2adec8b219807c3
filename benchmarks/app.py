"""Learner-app timings: run `python benchmarks/app.py` from the repository root.

1. Server time of a warm rerun of the exercise page (AppTest: the whole script, page and app.py,
   with the course and engine cached). Goal: <= 50 ms.
2. Navigation to a rendered editor in Debian Chromium, until the Ace editor inside its iframe is
   visible: a full page load of an exercise URL (first and later loads), and an in-app click on
   the course map's "Open the exercise" link (no page reload).

Figures are medians; the machine is shared and noisy, so compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

EDITOR = 'iframe[title="streamlit_ace.streamlit_ace"]'


def warm_rerun_ms(slug: str, runs: int) -> tuple[list[float], list[float]]:
    """Reruns of the exercise page, first as opened, then with a graded result on screen."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["exercise"] = slug
    at.run()
    at.switch_page("views/exercise.py")
    at.query_params["exercise"] = slug
    at.run()  # the first run loads the course, opens the database and imports the grader
    assert not at.exception, at.exception
    opened = _time_reruns(at, runs)
    at.button(key=f"submit:{slug}").click().run()  # grade the starter: a full result panel
    assert at.session_state[f"outcome:{slug}"].report.tests, "the submission was not graded"
    return opened, _time_reruns(at, runs)


def _time_reruns(at, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def navigation_ms(slug: str, visits: int) -> tuple[list[float], list[float]]:
    """(page loads of the exercise URL, in-app clicks from the course map) to a visible editor."""
    from conftest import CHROMIUM, CHROMIUM_FLAGS, start_server, stop_server
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        server, url = start_server(Path(data))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                editor = page.frame_locator(EDITOR).locator("#ace-editor")
                loads, clicks = [], []
                for _ in range(visits):
                    start = time.perf_counter()
                    page.goto(f"{url}/exercise?exercise={slug}")
                    editor.wait_for(timeout=60_000)
                    loads.append((time.perf_counter() - start) * 1000)
                for _ in range(visits):
                    page.goto(f"{url}/")
                    link = page.get_by_role("link", name="Open the exercise")
                    link.wait_for(timeout=60_000)
                    start = time.perf_counter()
                    link.click()
                    editor.wait_for(timeout=60_000)
                    clicks.append((time.perf_counter() - start) * 1000)
                browser.close()
        finally:
            stop_server(server)
    return loads, clicks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--visits", type=int, default=6)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="prodready-bench-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    os.environ["PRODREADY_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    from course import load_course

    slug = load_course().ordered_exercises()[0].slug
    print(f"exercise: {slug}")

    opened, with_result = warm_rerun_ms(slug, args.reruns)
    for label, timings in (("as opened", opened), ("with a graded result", with_result)):
        print(
            f"warm rerun of the exercise page, {label} (AppTest, n={len(timings)}): "
            f"median {statistics.median(timings):.1f} ms, min {min(timings):.1f} ms, "
            f"max {max(timings):.1f} ms  (goal <= 50 ms)"
        )
    if args.skip_browser:
        return
    loads, clicks = navigation_ms(slug, args.visits)
    warm = loads[1:] or loads
    print(
        f"page load of an exercise URL -> rendered editor in Chromium: first {loads[0]:.0f} ms, "
        f"then median {statistics.median(warm):.0f} ms (n={len(warm)})"
    )
    print(
        f"in-app navigation (course map link) -> rendered editor: median "
        f"{statistics.median(clicks):.0f} ms (n={len(clicks)})"
    )


if __name__ == "__main__":
    main()
