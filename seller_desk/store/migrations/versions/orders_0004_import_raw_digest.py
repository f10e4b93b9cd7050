"""orders: the digest of the report cells a staged import read an order from, so re-importing
an unchanged order of a big report skips building its record

Revision ID: orders_0004
Revises: orders_0003
Create Date: 2026-12-03

Written only together with ``import_digest`` (NULL whenever an import writes an order from
anything else): when the cells' digest is the stored one, the record those cells make is the one
whose digest is stored. A plain ``ADD COLUMN`` (no batch rebuild), so the search triggers on
``orders`` stay.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0004"
down_revision = "orders_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("import_raw_digest", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("orders", "import_raw_digest")  # SQLite 3.35+: ALTER TABLE DROP COLUMN
