"""Sign-up tries counted in the database, so the limit per client holds across app replicas.

Only a new table: no existing row changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signup_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_signup_event_client_at", "signup_event", ["client", "at"])
    op.create_index("ix_signup_event_at", "signup_event", ["at"])


def downgrade() -> None:
    op.drop_table("signup_event")
