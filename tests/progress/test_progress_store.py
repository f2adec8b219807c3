"""The queries pages rely on, on a migrated SQLite file."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from grading.report import CheckResult, Report, Status
from progress import FlawAnswer, ProgressStore, StorageError, make_engine, upgrade


def _report(exercise: str = "sql-user-lookup", score: int = 40, solved: bool = False) -> Report:
    return Report(
        exercise=exercise,
        status=Status.PASS if solved else Status.FAIL,
        solved=solved,
        score=score,
        message="graded",
        checks=[CheckResult("behaviour", 0.5, 60, "2 of 4 requirements met")],
        grader_version="test-1",
    )


def test_the_local_learner_is_created_once(store: ProgressStore):
    first = store.ensure_learner()
    assert store.ensure_learner() == first
    assert store.ensure_learner("someone-else") != first


def test_a_draft_is_saved_replaced_reset_and_brought_back(store: ProgressStore):
    me = store.ensure_learner()
    assert store.draft(me, "ex") is None
    store.save_draft(me, "ex", "v1")
    store.save_draft(me, "ex", "v2")
    assert store.draft(me, "ex") == "v2"
    assert store.undo_reset(me, "ex") is None  # nothing to undo
    store.reset_draft(me, "ex", "starter", "v2")
    assert (store.draft(me, "ex"), store.discarded_draft(me, "ex")) == ("starter", "v2")
    store.save_draft(me, "ex", "typed after the reset")
    assert store.discarded_draft(me, "ex") == "v2"  # still one Undo away
    assert store.undo_reset(me, "ex") == "v2"
    assert (store.draft(me, "ex"), store.discarded_draft(me, "ex")) == ("v2", None)
    store.reset_draft(me, "fresh", "starter", "never saved before")
    assert store.discarded_draft(me, "fresh") == "never saved before"


def test_drafts_belong_to_their_learner(store: ProgressStore):
    me, other = store.ensure_learner(), store.ensure_learner("other")
    store.save_draft(me, "ex", "mine")
    assert store.draft(other, "ex") is None


def test_an_attempt_keeps_code_report_score_and_grader_version(store: ProgressStore):
    me = store.ensure_learner()
    report = _report(score=40)
    store.record_attempt(me, "def f(): ...\n", report)
    (saved,) = store.attempts(me)
    assert saved.code == "def f(): ...\n"
    assert (saved.score, saved.solved, saved.status, saved.grader_version) == (
        40,
        False,
        "fail",
        "test-1",
    )
    assert Report.from_dict(saved.report) == report
    assert saved.created_at is not None


def test_exercise_progress_counts_attempts_best_score_and_solved(store: ProgressStore):
    me = store.ensure_learner()
    store.record_attempt(me, "a", _report(score=40))
    store.record_attempt(me, "b", _report(score=100, solved=True))
    store.record_attempt(me, "c", _report(score=70))
    store.record_attempt(me, "d", _report("other", score=10))
    progress = store.exercise_progress(me)
    assert progress["sql-user-lookup"].attempts == 3
    assert progress["sql-user-lookup"].best_score == 100
    assert progress["sql-user-lookup"].solved is True
    assert progress["other"].solved is False
    assert progress["other"].last_at.tzinfo is not None


def test_attempts_come_newest_first(store: ProgressStore):
    me = store.ensure_learner()
    for score in (10, 20, 30):
        store.record_attempt(me, str(score), _report(score=score))
    assert [a.score for a in store.attempts(me, "sql-user-lookup")] == [30, 20, 10]
    assert store.last_attempt(me, "sql-user-lookup").code == "30"
    assert store.last_attempt(me, "never-tried") is None


def test_hints_unlock_once_each(store: ProgressStore):
    me = store.ensure_learner()
    assert store.hints_unlocked(me, "ex") == 0
    store.unlock_hint(me, "ex", 0)
    store.unlock_hint(me, "ex", 0)
    store.unlock_hint(me, "ex", 1)
    assert store.hints_unlocked(me, "ex") == 2
    assert store.hint_counts(me) == {"ex": 2}


def test_a_new_flaw_answer_replaces_the_old_one(store: ProgressStore):
    me = store.ensure_learner()
    answer = dict(learner_id=me, exercise="ex", limitation="security", lines_expected=2)
    store.save_flaw_answer(FlawAnswer(**answer, lines=[3], lines_found=0, limitation_correct=True))
    store.save_flaw_answer(
        FlawAnswer(**answer, lines=[14, 15], lines_found=2, limitation_correct=True)
    )
    saved = store.flaw_answer(me, "ex")
    assert saved.lines == [14, 15] and saved.lines_found == 2


def test_sqlite_runs_with_foreign_keys_wal_and_a_busy_timeout(engine):
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 200


def test_rows_need_an_existing_learner(store: ProgressStore):
    with pytest.raises(StorageError):
        store.save_draft(999, "ex", "code")


def test_a_locked_database_raises_a_storage_error_a_learner_can_read(tmp_path):
    path = tmp_path / "locked.db"
    engine = make_engine(f"sqlite:///{path}", busy_timeout=100)
    upgrade(engine)
    store = ProgressStore(engine)
    me = store.ensure_learner()
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="busy"):
            store.save_draft(me, "ex", "print('kept')")
    finally:
        holder.rollback()
        holder.close()
    store.save_draft(me, "ex", "print('kept')")
    assert store.draft(me, "ex") == "print('kept')"
