"""products: an import digest per product and listing, and lower() look-up indexes, so a big
import looks its rows up chunk by chunk and re-importing an unchanged row compares one value

Revision ID: products_0004
Revises: products_0003
Create Date: 2026-12-03

Rows written before it have none (NULL): an import compares them column by column as before
and, when they are unchanged, stores their digest. Plain ``ADD COLUMN`` (no batch rebuild), so
the search triggers on ``products`` stay. The expression indexes (``lower(sku)``,
``store_id, lower(msku)``) serve the imports' case-insensitive look-ups.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "products_0004"
down_revision = "products_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("products", sa.Column("import_digest", sa.String(length=32), nullable=True))
    op.add_column("listings", sa.Column("import_digest", sa.String(length=32), nullable=True))
    op.create_index("ix_products_sku_lower", "products", [sa.text("lower(sku)")])
    op.create_index("ix_listings_store_msku_lower", "listings",
                    ["store_id", sa.text("lower(msku)")])


def downgrade() -> None:
    op.drop_index("ix_listings_store_msku_lower", table_name="listings")
    op.drop_index("ix_products_sku_lower", table_name="products")
    op.drop_column("listings", "import_digest")  # SQLite 3.35+: ALTER TABLE DROP COLUMN
    op.drop_column("products", "import_digest")
