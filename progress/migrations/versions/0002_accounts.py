"""Accounts, sign-in sessions, one-time links, failed sign-ins and site settings (shared mode).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _account_ref() -> sa.Column[Any]:
    return sa.Column(
        "account_id", sa.Integer(), sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "learner_id",
            sa.Integer(),
            sa.ForeignKey("learner.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("oidc_subject", sa.String(255), nullable=True, unique=True),
        _when("created_at"),
    )
    op.create_table(
        "auth_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account_ref(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _when("created_at"),
        _when("expires_at"),
        _when("revoked_at", nullable=True),
    )
    op.create_index("ix_auth_session_account_id", "auth_session", ["account_id"])
    op.create_table(
        "account_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account_ref(),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _when("created_at"),
        _when("expires_at"),
        _when("used_at", nullable=True),
    )
    op.create_index("ix_account_token_account_id", "account_token", ["account_id"])
    op.create_table(
        "signin_failure",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        _when("at"),
    )
    for column in ("email", "client", "at"):
        op.create_index(f"ix_signin_failure_{column}", "signin_failure", [column])
    op.create_table(
        "site_setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("site_setting")
    for column in ("at", "client", "email"):
        op.drop_index(f"ix_signin_failure_{column}", table_name="signin_failure")
    op.drop_table("signin_failure")
    op.drop_index("ix_account_token_account_id", table_name="account_token")
    op.drop_table("account_token")
    op.drop_index("ix_auth_session_account_id", table_name="auth_session")
    op.drop_table("auth_session")
    op.drop_table("account")
