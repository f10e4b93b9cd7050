"""orders: the digest of what an import wrote of a settlement (its fields and every line, in
order), so a corrected download with the same sums is seen as changed

Revision ID: orders_0005
Revises: orders_0004
Create Date: 2026-12-03

Settlements written before it have none (NULL): an import digests their stored fields and lines
the same way and, when that is the file's digest, stores it (unchanged, no version bump). A plain
``ADD COLUMN`` (no batch rebuild).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0005"
down_revision = "orders_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("settlements", sa.Column("import_digest", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("settlements", "import_digest")  # SQLite 3.35+: ALTER TABLE DROP COLUMN
