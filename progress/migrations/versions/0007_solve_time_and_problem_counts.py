"""The dashboard's per-exercise view reads each standing's time to solve instead of joining the
first opens, counts each exercise's solvers from the solve-time index alone, and counts problems
from an index in their grouping order.

A new nullable column and indexes; then every standing is recomputed by today's rule (they are
derived data), which fills the column.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exercise_standing") as batch:
        batch.add_column(sa.Column("solve_seconds", sa.Integer(), nullable=True))
    # The solvers of an exercise are counted from the index: it carries the learner.
    op.drop_index("ix_exercise_standing_solved", table_name="exercise_standing")
    op.create_index(
        "ix_exercise_standing_solved",
        "exercise_standing",
        ["exercise", "first_solved_at", "learner_id"],
    )
    op.create_index(
        "ix_standing_problem_counted",
        "standing_problem",
        ["exercise", "kind", "label", "learner_id"],
    )
    from progress.standing import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_standing_problem_counted", table_name="standing_problem")
    op.drop_index("ix_exercise_standing_solved", table_name="exercise_standing")
    op.create_index(
        "ix_exercise_standing_solved", "exercise_standing", ["exercise", "first_solved_at"]
    )
    with op.batch_alter_table("exercise_standing") as batch:
        batch.drop_column("solve_seconds")
