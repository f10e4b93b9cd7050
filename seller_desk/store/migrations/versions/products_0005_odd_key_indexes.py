"""products: partial indexes of the SKUs and MSKUs beyond printable ASCII

Revision ID: products_0005
Revises: products_0004
Create Date: 2026-12-05

Every products import (and a hand edit of such a key) looks up the keys SQLite's ``lower()``
does not fold as Python's does. That look-up scanned every product and listing: 60 ms at 100k,
0.6 s at 1M, for a file of any size (issue #12). Each index holds the ids of those few rows
(its predicate the query's own text; see seller_desk.store.models.products.ODD_SKU).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "products_0005"
down_revision = "products_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_products_sku_odd", "products", ["id"], unique=False,
                    sqlite_where=sa.text("sku GLOB '*[^ -~]*'"),
                    postgresql_where=sa.text("sku ~ '[^ -~]'"))
    op.create_index("ix_listings_msku_odd", "listings", ["id"], unique=False,
                    sqlite_where=sa.text("msku GLOB '*[^ -~]*'"),
                    postgresql_where=sa.text("msku ~ '[^ -~]'"))


def downgrade() -> None:
    op.drop_index("ix_listings_msku_odd", table_name="listings")
    op.drop_index("ix_products_sku_odd", table_name="products")
