"""Reality check: static signals attach to the checklist; the code is never run."""

from __future__ import annotations

from config.settings import PROJECT_ROOT
from course import LIMITATIONS
from learning.checklist import blank_checklist, reality_check

RISKY = """\
import sqlite3
import time


def lookup(conn, name):
    try:
        return conn.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()
    except Exception:
        return []


def poll(fetch):
    while True:
        if fetch():
            return
        time.sleep(1)
"""


def _by_key(source: str):
    report, items = reality_check(source)
    return report, {item.key: item for item in items}


def test_the_checklist_covers_the_eight_limitations_in_course_order():
    assert [item.key for item in blank_checklist()] == list(LIMITATIONS)


def test_the_checklist_has_the_areas_of_lesson_10s_one_page_checklist():
    lesson = (PROJECT_ROOT / "lessons" / "10-practice.md").read_text(encoding="utf-8")
    table = lesson.split("## The one-page checklist", 1)[1].split("\n## ", 1)[0]
    rows = [
        line.split("|")[1].strip(" *") for line in table.splitlines() if line.startswith("| **")
    ]
    titles = [item.title for item in blank_checklist()]
    assert len(rows) == len(titles) == 8
    assert all(row.split()[0].lower() in t.lower() for row, t in zip(rows, titles, strict=True))


def test_risky_code_raises_signals_in_the_matching_areas():
    report, items = _by_key(RISKY)
    assert any("B608" in s for s in items["security"].signals)
    assert any("broad `except`" in s for s in items["errors"].signals)
    assert any("reads everything" in s for s in items["scalability"].signals)
    assert any("while True" in s for s in items["reliability"].signals)
    assert any("fixed sleep" in s for s in items["reliability"].signals)
    assert items["business"].signals == [] and not items["business"].automatic


def test_pasted_code_is_never_executed(tmp_path):
    marker = tmp_path / "ran"
    reality_check(f"open({str(marker)!r}, 'w').write('x')\n")
    assert not marker.exists()


def test_clean_code_has_no_signals():
    _, items = _by_key("def add(a: int, b: int) -> int:\n    return a + b\n")
    assert all(not item.signals for item in items.values())


def test_a_syntax_error_is_reported_not_raised():
    report, items = _by_key("def broken(:\n")
    assert report.status == "error"
    assert len(items) == len(LIMITATIONS)
