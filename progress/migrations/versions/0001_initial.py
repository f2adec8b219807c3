"""Learners, graded attempts, drafts, hints used and find-the-flaw answers.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner() -> sa.Column[Any]:
    return sa.Column(
        "learner_id", sa.Integer(), sa.ForeignKey("learner.id", ondelete="CASCADE"), nullable=False
    )


def _when(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "learner",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("handle", sa.String(120), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("solved", sa.Boolean(), nullable=False),
        sa.Column("grader_version", sa.String(40), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_attempt_learner_id", "attempt", ["learner_id"])
    op.create_index("ix_attempt_exercise", "attempt", ["exercise"])
    op.create_table(
        "draft",
        _owner(),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("learner_id", "exercise"),
    )
    op.create_table(
        "hintuse",
        _owner(),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("hint_index", sa.Integer(), nullable=False),
        _when("unlocked_at"),
        sa.PrimaryKeyConstraint("learner_id", "exercise", "hint_index"),
    )
    op.create_table(
        "flawanswer",
        _owner(),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("limitation", sa.String(40), nullable=False),
        sa.Column("lines_found", sa.Integer(), nullable=False),
        sa.Column("lines_expected", sa.Integer(), nullable=False),
        sa.Column("limitation_correct", sa.Boolean(), nullable=False),
        _when("answered_at"),
        sa.PrimaryKeyConstraint("learner_id", "exercise"),
    )


def downgrade() -> None:
    op.drop_table("flawanswer")
    op.drop_table("hintuse")
    op.drop_table("draft")
    op.drop_index("ix_attempt_exercise", table_name="attempt")
    op.drop_index("ix_attempt_learner_id", table_name="attempt")
    op.drop_table("attempt")
    op.drop_table("learner")
