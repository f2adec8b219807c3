"""The same migrations and queries on a real, throwaway PostgreSQL server.

The cluster comes from the `pg_url` fixture in tests/conftest.py (started and removed by the tests).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from grading.report import Report, Status
from progress import FlawAnswer, ProgressStore, make_engine, upgrade
from progress.migrate import current_revision, downgrade, head_revision

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_url) -> Iterator[ProgressStore]:
    engine = make_engine(pg_url)
    downgrade(engine, "base")  # every test starts from an empty database
    upgrade(engine)
    yield ProgressStore(engine)
    engine.dispose()


def test_migrations_build_the_model_schema_on_postgres(pg_store: ProgressStore):
    assert current_revision(pg_store.engine) == head_revision()
    with pg_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_progress_queries_work_on_postgres(pg_store: ProgressStore):
    me = pg_store.ensure_learner()
    assert pg_store.ensure_learner() == me
    pg_store.save_draft(me, "ex", "draft")
    pg_store.save_draft(me, "ex", "draft 2")
    assert pg_store.draft(me, "ex") == "draft 2"
    for score, solved in ((30, False), (100, True)):
        report = Report(
            "ex", Status.PASS if solved else Status.FAIL, solved, score, "", grader_version="t"
        )
        pg_store.record_attempt(me, f"code {score}", report)
    progress = pg_store.exercise_progress(me)["ex"]
    assert (progress.attempts, progress.best_score, progress.solved) == (2, 100, True)
    assert Report.from_dict(pg_store.last_attempt(me, "ex").report).score == 100
    pg_store.unlock_hint(me, "ex", 0)
    pg_store.unlock_hint(me, "ex", 0)
    assert pg_store.hint_counts(me) == {"ex": 1}
    answer = FlawAnswer(
        learner_id=me,
        exercise="ex",
        lines=[3, 4],
        limitation="security",
        lines_found=1,
        lines_expected=2,
        limitation_correct=True,
    )
    pg_store.save_flaw_answer(answer)
    assert pg_store.flaw_answer(me, "ex").lines == [3, 4]


def test_counted_sign_in_guesses_and_the_largest_addressable_id_on_postgres(
    pg_store: ProgressStore,
):
    from datetime import UTC, datetime

    from learning.workspace import MAX_ROW_ID

    first = pg_store.add_failure("ana@example.com", "203.0.113.9")
    pg_store.add_failure("ana@example.com", "203.0.113.9")
    pg_store.remove_failure(first)  # a right password takes its counted guess back
    since = datetime(2000, 1, 1, tzinfo=UTC)
    assert pg_store.failures_since(since, email="ana@example.com") == 1
    # Ids from an address are bounded by the INTEGER columns: the bound itself is a valid query.
    assert pg_store.attempt(MAX_ROW_ID) is None
