"""rules: a company's own dated rule rows (and shipped rows it switched off)

Revision ID: rules_0001
Revises: 0001_foundation
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rules_0001"
down_revision = "0001_foundation"
branch_labels = ("rules",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rule_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("disables", sa.String(length=120), nullable=True),
        sa.Column("pushed_uuid", sa.String(length=36), nullable=True),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("origin in ('user', 'platform')", name=op.f("ck_rule_overrides_origin")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_overrides")),
        sa.UniqueConstraint("pushed_uuid", name=op.f("uq_rule_overrides_pushed_uuid")),
    )
    op.create_index(op.f("ix_rule_overrides_key"), "rule_overrides", ["key"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_rule_overrides_key"), table_name="rule_overrides")
    op.drop_table("rule_overrides")
