"""Attempts are stored before they are graded: state, code and content hashes, timings, reason.

Existing attempts were graded when they were stored: they become `graded`, keep their report,
and get the hash of their code so a resubmission of the same code is recognised.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

IN_FLIGHT = sa.text("state IN ('queued', 'running')")


def upgrade() -> None:
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("code_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("state", sa.String(16), nullable=False, server_default="graded"))
        batch.add_column(
            sa.Column("content_hash", sa.String(64), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("error_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
        batch.alter_column("report", existing_type=sa.JSON(), nullable=True)
    attempt = sa.table(
        "attempt", sa.column("id", sa.Integer), sa.column("code", sa.Text), sa.column("code_hash")
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(attempt.c.id, attempt.c.code)).all()
    for attempt_id, code in rows:
        digest = hashlib.sha256(code.encode("utf-8", errors="replace")).hexdigest()
        connection.execute(
            attempt.update().where(attempt.c.id == attempt_id).values(code_hash=digest)
        )
    with op.batch_alter_table("attempt") as batch:
        for name in ("code_hash", "state", "content_hash"):
            batch.alter_column(name, server_default=None)
    op.create_index(
        "ux_attempt_in_flight",
        "attempt",
        ["learner_id", "exercise", "code_hash"],
        unique=True,
        sqlite_where=IN_FLIGHT,
        postgresql_where=IN_FLIGHT,
    )
    op.create_index("ix_attempt_state_id", "attempt", ["state", "id"])


def downgrade() -> None:
    op.drop_index("ix_attempt_state_id", table_name="attempt")
    op.drop_index("ux_attempt_in_flight", table_name="attempt")
    op.execute("DELETE FROM attempt WHERE report IS NULL")  # ungraded rows cannot go back
    with op.batch_alter_table("attempt") as batch:
        batch.alter_column("report", existing_type=sa.JSON(), nullable=False)
        for name in (
            "finished_at",
            "started_at",
            "error_reason",
            "content_hash",
            "state",
            "code_hash",
        ):
            batch.drop_column(name)
