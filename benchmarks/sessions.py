"""K concurrent browser sessions (headless Debian Chromium, Playwright) each open an exercise,
type a fix and press Submit at the same moment; prints the server's memory per session and the
submit-to-result time seen in the browser (p50/p95/max).

    python benchmarks/sessions.py [--sessions 20] [--exercise sql-user-lookup]

The server is a fresh `streamlit run app.py` (embedded executor, SQLite, local mode: every
session submits its own variant of the fix, so none is a repeat of another). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import describe  # noqa: E402
from course import load_course  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, start_server, stop_server  # noqa: E402

EDITOR_FRAME = 'iframe[title="streamlit_ace.streamlit_ace"]'
RESULT = "text=/Solved —|Not solved yet/"


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of a process and its children, in MB."""
    now = peak = 0.0
    for one in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    now += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak += int(line.split()[1]) / 1024
        except FileNotFoundError:
            continue
    return now, peak


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *_children(child)]
    return found


async def open_and_type(context, url: str, code: str):
    page = await context.new_page()
    page.set_default_timeout(180_000)
    await page.goto(url)
    frame = page.frame_locator(EDITOR_FRAME)
    editor = frame.locator("#ace-editor")
    await editor.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.press("Delete")
    await page.keyboard.insert_text(code)
    # The editor sends its text by itself shortly after the last keystroke (and the page holds
    # a click on Submit until it has): wait until the editor shows the whole text.
    await page.wait_for_function(
        """expected => {
            const frame = document.querySelector('iframe[title="streamlit_ace.streamlit_ace"]');
            const editor = frame && frame.contentDocument.querySelector("#ace-editor");
            return Boolean(editor && editor.env) && editor.env.editor.getValue() === expected;
        }""",
        arg=code,
    )
    return page


async def submit_and_wait(page, patience_s: float) -> float | None:
    """Seconds from the click to the result on screen; None if it did not come in time."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    started = time.monotonic()
    await page.get_by_role("button", name="Submit").click()
    try:
        await page.locator(RESULT).first.wait_for(timeout=patience_s * 1000)
    except PlaywrightTimeout:
        return None
    return time.monotonic() - started


async def run(
    url: str, slug: str, sessions: int, reference: str, server_pid: int, patience_s: float
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        # One session first, so the figures per session leave out what the server loads once
        # (the course, the grader, the database engine).
        warm = await browser.new_context()
        await open_and_type(warm, f"{url}/exercise?exercise={slug}", f"{reference}\n# warm\n")
        await warm.close()
        contexts = [await browser.new_context() for _ in range(sessions)]
        base, _ = memory_mb(server_pid)
        opened = time.monotonic()
        pages = await asyncio.gather(
            *(
                open_and_type(context, f"{url}/exercise?exercise={slug}", f"{reference}\n# s{i}\n")
                for i, context in enumerate(contexts)
            )
        )
        opened = time.monotonic() - opened
        loaded, _ = memory_mb(server_pid)
        results = await asyncio.gather(*(submit_and_wait(page, patience_s) for page in pages))
        after, peak = memory_mb(server_pid)
        await browser.close()
    print(f"{describe()}\n{sessions} sessions opened and typed in {opened:.1f} s")
    print(
        f"server memory: {base:.0f} MB warm with no session open, {loaded:.0f} MB with {sessions} "
        f"open ({(loaded - base) / sessions:.1f} MB per session), {after:.0f} MB after the "
        f"grades, peak {peak:.0f} MB (server and its sandboxes)"
    )
    waits = sorted(wait for wait in results if wait is not None)
    if waits:
        print(
            f"submit-to-result in the browser: p50 {statistics.median(waits):.1f} s, "
            f"p95 {waits[round(0.95 * (len(waits) - 1))]:.1f} s, max {waits[-1]:.1f} s"
        )
    print(f"sessions without a result after {patience_s:.0f} s: {results.count(None)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--exercise", default="sql-user-lookup")
    parser.add_argument("--patience-s", type=float, default=600)
    args = parser.parse_args()
    exercise = load_course().exercises[args.exercise]
    server, url = start_server(Path(tempfile.mkdtemp(prefix="prodready-sessions-")))
    try:
        asyncio.run(
            run(url, exercise.slug, args.sessions, exercise.reference, server.pid, args.patience_s)
        )
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
