"""products: the platform's reason for a product filing's status (rejected: why)

Revision ID: products_0002
Revises: products_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "products_0002"
down_revision = "products_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("products", sa.Column("remote_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_column("remote_reason")
