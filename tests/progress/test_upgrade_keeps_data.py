"""Upgrading a database built at the previous revision, with rows in every table, keeps every row
as it was — on SQLite and on PostgreSQL. Add the new revision's tables to PREVIOUS_ROWS when the
next migration lands, so each upgrade is proven on real data."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from progress import make_engine, upgrade
from progress.migrate import current_revision, downgrade, head_revision

WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PREVIOUS = "0001"
# Every table that exists at PREVIOUS, with a row each (two learners, so ownership is checked).
PREVIOUS_ROWS: dict[str, list[dict]] = {
    "learner": [
        {"id": 1, "handle": "local", "display_name": "You", "created_at": WHEN},
        {"id": 2, "handle": "other", "display_name": "Other", "created_at": WHEN},
    ],
    "attempt": [
        {
            "id": 10,
            "learner_id": 1,
            "exercise": "sql-user-lookup",
            "code": "print('mine')\n",
            "report": {"exercise": "sql-user-lookup", "score": 90},
            "status": "pass",
            "score": 90,
            "solved": True,
            "grader_version": "0.1.0",
            "created_at": WHEN,
        },
        {
            "id": 11,
            "learner_id": 2,
            "exercise": "sql-user-lookup",
            "code": "x = 1\n",
            "report": {"exercise": "sql-user-lookup", "score": 20},
            "status": "fail",
            "score": 20,
            "solved": False,
            "grader_version": "0.1.0",
            "created_at": WHEN,
        },
    ],
    "draft": [
        {"learner_id": 1, "exercise": "sql-user-lookup", "code": "draft", "updated_at": WHEN}
    ],
    "hintuse": [
        {"learner_id": 1, "exercise": "sql-user-lookup", "hint_index": 0, "unlocked_at": WHEN}
    ],
    "flawanswer": [
        {
            "learner_id": 1,
            "exercise": "sql-user-lookup",
            "lines": [30, 46],
            "limitation": "security",
            "lines_found": 2,
            "lines_expected": 5,
            "limitation_correct": True,
            "answered_at": WHEN,
        }
    ],
}


def _rows(engine: sa.Engine, table: str) -> list[dict]:
    meta = sa.MetaData()
    reflected = sa.Table(table, meta, autoload_with=engine)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(sa.select(reflected))]
    for row in rows:  # SQLite returns naive UTC datetimes
        for key, value in row.items():
            if isinstance(value, datetime) and value.tzinfo is None:
                row[key] = value.replace(tzinfo=UTC)
    key = next(iter(PREVIOUS_ROWS[table][0]))
    return sorted(rows, key=lambda row: (row[key], str(row)))


def _upgrade_keeps_every_row(engine: sa.Engine) -> None:
    downgrade(engine, "base")
    upgrade(engine, PREVIOUS)
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for table, rows in PREVIOUS_ROWS.items():  # learner first: the others point at it
            conn.execute(meta.tables[table].insert(), rows)
    assert set(meta.tables) - {"alembic_version"} == set(PREVIOUS_ROWS), "a table has no test row"

    upgrade(engine)

    assert current_revision(engine) == head_revision()
    for table, rows in PREVIOUS_ROWS.items():
        expected = sorted(rows, key=lambda row: (row[next(iter(row))], str(row)))
        after = [{key: row[key] for key in expected[0]} for row in _rows(engine, table)]
        assert after == expected, f"{table} changed in the upgrade"
    # 0003: the attempts that existed were graded, and know the hash of their code.
    for row in _rows(engine, "attempt"):
        assert row["state"] == "graded"
        assert row["code_hash"] == hashlib.sha256(row["code"].encode()).hexdigest()
    # 0005 and 0007: each learner's standing is filled from the attempts that existed.
    with engine.connect() as conn:
        standings = {
            (learner, slug): (tries, best, best_id)
            for learner, slug, tries, best, best_id in conn.execute(
                sa.text(
                    "SELECT learner_id, exercise, tries, best_score, best_attempt_id "
                    "FROM exercise_standing"
                )
            )
        }
    assert standings == {(1, "sql-user-lookup"): (1, 90, 10), (2, "sql-user-lookup"): (1, 20, 11)}


def test_upgrade_keeps_every_row_on_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade_keeps_every_row(engine)


@pytest.mark.postgres
def test_upgrade_keeps_every_row_on_postgres(pg_url: str):
    engine = make_engine(pg_url)
    try:
        _upgrade_keeps_every_row(engine)
    finally:
        downgrade(engine, "base")
        upgrade(engine)
        engine.dispose()
