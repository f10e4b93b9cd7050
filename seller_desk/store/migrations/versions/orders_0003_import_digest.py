"""orders: the digest of what an import compared (fields, lines, events), so re-importing an
unchanged order compares one value

Revision ID: orders_0003
Revises: orders_0002
Create Date: 2026-12-03

Orders written before it have none (NULL): an import compares them column by column as before
and, when they are unchanged, stores their digest. A plain ``ADD COLUMN`` (no batch rebuild), so
the search triggers on ``orders`` stay.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0003"
down_revision = "orders_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("import_digest", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("orders", "import_digest")  # SQLite 3.35+: ALTER TABLE DROP COLUMN
