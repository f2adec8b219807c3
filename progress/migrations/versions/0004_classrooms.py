"""Classrooms: cohorts, instructors and members, assignments with exercises and extensions, first
opens of exercises, regrade runs with previous grades; indexes for the dashboard and the board.

Only new tables and indexes: no existing row changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SOLVED = sa.text("solved AND state = 'graded'")


def _when(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _ref(
    name: str, table: str, primary_key: bool = False, ondelete: str = "CASCADE"
) -> sa.Column[Any]:
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey(f"{table}.id", ondelete=ondelete),
        primary_key=primary_key,
        nullable=ondelete == "SET NULL",
    )


def upgrade() -> None:
    op.create_table(
        "cohort",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False, unique=True),
        sa.Column("joining_open", sa.Boolean(), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "cohort_instructor",
        _ref("cohort_id", "cohort", primary_key=True),
        _ref("learner_id", "learner", primary_key=True),
        sa.Column("owner", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_cohort_instructor_learner_id", "cohort_instructor", ["learner_id"])
    op.create_table(
        "cohort_member",
        _ref("cohort_id", "cohort", primary_key=True),
        _ref("learner_id", "learner", primary_key=True),
        sa.Column("pseudonym", sa.String(40), nullable=True),
        _when("joined_at"),
    )
    op.create_index("ix_cohort_member_learner_id", "cohort_member", ["learner_id"])
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        _ref("cohort_id", "cohort"),
        sa.Column("title", sa.String(120), nullable=False),
        _when("opens_at"),
        _when("due_at"),
        sa.Column("late_policy", sa.String(16), nullable=False),
        sa.Column("penalty_per_day", sa.Integer(), nullable=False),
        sa.Column("penalty_floor", sa.Integer(), nullable=False),
        sa.Column("hide_reference", sa.Boolean(), nullable=False),
        sa.Column("lessons", sa.JSON(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_assignment_cohort_id", "assignment", ["cohort_id"])
    op.create_table(
        "assignment_exercise",
        _ref("assignment_id", "assignment", primary_key=True),
        sa.Column("exercise", sa.String(120), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_assignment_exercise_exercise", "assignment_exercise", ["exercise"])
    op.create_table(
        "extension",
        _ref("assignment_id", "assignment", primary_key=True),
        _ref("learner_id", "learner", primary_key=True),
        _when("due_at"),
    )
    op.create_table(
        "exercise_open",
        _ref("learner_id", "learner", primary_key=True),
        sa.Column("exercise", sa.String(120), primary_key=True),
        _when("first_opened_at"),
    )
    op.create_table(
        "regrade_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        _ref("cohort_id", "cohort"),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _ref("started_by", "learner", ondelete="SET NULL"),
        _when("created_at"),
        _when("finished_at", nullable=True),
    )
    op.create_index("ix_regrade_run_cohort_id", "regrade_run", ["cohort_id"])
    op.create_table(
        "regrade_result",
        _ref("run_id", "regrade_run", primary_key=True),
        _ref("attempt_id", "attempt", primary_key=True),
        _ref("learner_id", "learner"),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("previous_score", sa.Integer(), nullable=False),
        sa.Column("previous_solved", sa.Boolean(), nullable=False),
        sa.Column("previous_report", sa.JSON(), nullable=True),
        sa.Column("previous_grader_version", sa.String(40), nullable=False),
        sa.Column("new_score", sa.Integer(), nullable=False),
        sa.Column("new_solved", sa.Boolean(), nullable=False),
        _when("regraded_at"),
    )
    op.create_index("ix_regrade_result_learner_id", "regrade_result", ["learner_id"])
    op.create_index(
        "ix_attempt_learner_exercise",
        "attempt",
        ["learner_id", "exercise", "state", "created_at", "score", "solved"],
    )
    op.create_index("ix_attempt_created_at", "attempt", ["created_at"])
    op.create_index(
        "ix_attempt_solved",
        "attempt",
        ["exercise", "learner_id", "created_at"],
        sqlite_where=SOLVED,
        postgresql_where=SOLVED,
    )


def downgrade() -> None:
    op.drop_index("ix_attempt_solved", table_name="attempt")
    op.drop_index("ix_attempt_created_at", table_name="attempt")
    op.drop_index("ix_attempt_learner_exercise", table_name="attempt")
    for table in (
        "regrade_result",
        "regrade_run",
        "exercise_open",
        "extension",
        "assignment_exercise",
        "assignment",
        "cohort_member",
        "cohort_instructor",
        "cohort",
    ):
        op.drop_table(table)
