"""products: listings in MSKU order through an index

Revision ID: products_0006
Revises: products_0005
Create Date: 2026-12-05

The listings tables' default order (MSKU, then id) had no index: each page of it sorted every
listing (0.23-0.28 s a page at 1M listings; ``seller-desk products listings``, 2,000 such
pages, took 330 s) (issue #12).
"""

from __future__ import annotations

from alembic import op

revision = "products_0006"
down_revision = "products_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_listings_msku_id", "listings", ["msku", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_listings_msku_id", table_name="listings")
