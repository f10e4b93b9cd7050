"""sync: feed cursor per server, platform versions of records, refused items' answers

Revision ID: sync_0001
Revises: 0001_foundation
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import seller_desk.store.models.sync

revision = "sync_0001"
down_revision = "0001_foundation"
branch_labels = ("sync",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("server_url", sa.String(length=300), nullable=False),
        sa.Column("cursor", sa.String(length=100), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error_key", sa.String(length=80), nullable=True),
        sa.Column("last_error_params", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("server_url", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_record",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("remote_status", sa.String(length=40), nullable=True),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_uuid", name=op.f("pk_sync_record")),
    )
    op.create_table(
        "sync_issue",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("problem", seller_desk.store.models.sync.EncryptedJSON(), nullable=True),
        sa.Column("server", seller_desk.store.models.sync.EncryptedJSON(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"],
                                name=op.f("fk_sync_issue_outbox_id_outbox"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("outbox_id", name=op.f("pk_sync_issue")),
    )


def downgrade() -> None:
    op.drop_table("sync_issue")
    op.drop_table("sync_record")
    op.drop_table("sync_state")
