"""Each learner's standing per exercise and what their latest attempt still gets wrong, derived
from the graded attempts (progress/standing.py) so the classroom pages stop reading every attempt.

Only new tables, filled from the attempts that exist: no existing row changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _pair() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "learner_id",
            sa.Integer(),
            sa.ForeignKey("learner.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("exercise", sa.String(120), primary_key=True),
    ]


def upgrade() -> None:
    when = sa.DateTime(timezone=True)
    op.create_table(
        "exercise_standing",
        *_pair(),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("best_score", sa.Integer(), nullable=False),
        sa.Column("best_attempt_id", sa.Integer(), nullable=False),
        sa.Column("best_at", when, nullable=False),
        sa.Column("first_solved_at", when, nullable=True),
        sa.Column("tries_to_solve", sa.Integer(), nullable=False),
        sa.Column("last_attempt_id", sa.Integer(), nullable=False),
        sa.Column("last_at", when, nullable=False),
        sa.Column("records", sa.JSON(), nullable=False),
    )
    op.create_index("ix_exercise_standing_last_at", "exercise_standing", ["last_at"])
    op.create_index(
        "ix_exercise_standing_solved", "exercise_standing", ["exercise", "first_solved_at"]
    )
    op.create_table(
        "standing_problem",
        *_pair(),
        sa.Column("kind", sa.String(12), primary_key=True),
        sa.Column("label", sa.String(500), primary_key=True),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    # The rows are derived data, filled by today's rule. That rule writes today's columns, so
    # the newest migration that changes these tables fills them (0007), not this one.


def downgrade() -> None:
    op.drop_table("standing_problem")
    op.drop_index("ix_exercise_standing_solved", table_name="exercise_standing")
    op.drop_index("ix_exercise_standing_last_at", table_name="exercise_standing")
    op.drop_table("exercise_standing")
