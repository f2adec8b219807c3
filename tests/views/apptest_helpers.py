"""Helpers shared by the page tests: open a page, read its text, lock the database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# Generous: a first run imports the grader, and a timeout test waits for the exercise's limit.
RUN_TIMEOUT = 60


def open_page(page: str, **query: str) -> AppTest:
    """Run the app, then open `page` (e.g. "views/exercise.py") with query parameters."""
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    at.query_params.update(query)
    at.run()
    at.switch_page(page)
    at.query_params.update(query)
    return at.run()


def texts(at: AppTest) -> str:
    """Everything a learner can read on the page, for assertions about copy."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "success",
        "info",
        "warning",
        "error",
        "code",
        "exception",
    ):
        parts.extend(str(getattr(el, "value", "")) for el in getattr(at, kind))
    return "\n".join(parts)


@contextmanager
def database_locked(path: Path) -> Iterator[None]:
    """Another program holds the write lock on the SQLite file (readers still get through)."""
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def editor_args(at: AppTest) -> dict:
    """The arguments the page sent to the code editor: defaultValue, mode, annotations, ..."""
    (editor,) = at.get("component_instance")
    return json.loads(editor.proto.json_args)
