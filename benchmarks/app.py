"""Learner-app timings: run `python benchmarks/app.py` from the repository root.

1. Server time of a warm rerun of the exercise page (AppTest: the whole script, page and app.py,
   with the course and engine cached). Goal: <= 50 ms.
2. Navigation to a rendered editor in Debian Chromium: from page.goto() of an exercise URL until
   the Ace editor inside its iframe is visible, on a running server (first visit and warm visits).

Figures are medians; the machine is shared and noisy, so compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

EDITOR = 'iframe[title="streamlit_ace.streamlit_ace"]'


def warm_rerun_ms(slug: str, runs: int) -> list[float]:
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
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def navigation_ms(slug: str, visits: int) -> list[float]:
    from conftest import CHROMIUM, CHROMIUM_FLAGS, start_server, stop_server
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        server, url = start_server(Path(data))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                timings = []
                for _ in range(visits):
                    start = time.perf_counter()
                    page.goto(f"{url}/exercise?exercise={slug}")
                    page.frame_locator(EDITOR).locator("#ace-editor").wait_for(timeout=60_000)
                    timings.append((time.perf_counter() - start) * 1000)
                browser.close()
        finally:
            stop_server(server)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--visits", type=int, default=6)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    os.environ["PRODREADY_DATA_DIR"] = tempfile.mkdtemp(prefix="prodready-bench-")
    os.environ.pop("DATABASE_URL", None)
    from course import load_course

    slug = load_course().ordered_exercises()[0].slug
    print(f"exercise: {slug}")

    reruns = warm_rerun_ms(slug, args.reruns)
    print(
        f"warm rerun of the exercise page (AppTest, n={len(reruns)}): "
        f"median {statistics.median(reruns):.1f} ms, min {min(reruns):.1f} ms, "
        f"max {max(reruns):.1f} ms  (goal <= 50 ms)"
    )
    if args.skip_browser:
        return
    visits = navigation_ms(slug, args.visits)
    warm = visits[1:] or visits
    print(
        f"navigation -> rendered editor in Chromium: first visit {visits[0]:.0f} ms, "
        f"warm median {statistics.median(warm):.0f} ms (n={len(warm)})"
    )


if __name__ == "__main__":
    main()
