"""fx: an import digest per record (the digest of the statement row it was made from), so
re-importing an unchanged statement does not read its known rows again

Revision ID: fx_0005
Revises: fx_0004
Create Date: 2026-12-03

Records written before it have none (NULL): their rows are read as before. Plain
``ADD COLUMN`` (no batch rebuild), so the search triggers on ``fx_records`` stay.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "fx_0005"
down_revision = "fx_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fx_records", sa.Column("import_digest", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("fx_records", "import_digest")  # SQLite 3.35+: ALTER TABLE DROP COLUMN
