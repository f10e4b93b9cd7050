"""fx: fx records join sync (uuid, version, updated_at, remote status and reason)

Revision ID: fx_0002
Revises: fx_0001
Create Date: 2026-11-22

Existing rows get a fresh uuid each and version 1; nothing is queued for the platform here
(the next change of a row sends it).
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "fx_0003"
down_revision = "fx_0002"
branch_labels = None
depends_on = None

TABLE = "fx_records"



def _recreate() -> str:
    """SQLite must copy the table to add these columns; PostgreSQL alters it in place (a copy
    there would drop the primary key other tables' foreign keys hang on)."""
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    # recreate: SQLite cannot ADD COLUMN with a non-constant default (CURRENT_TIMESTAMP)
    with op.batch_alter_table(TABLE, recreate=_recreate()) as batch:
        batch.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                   server_default="1"))
        batch.add_column(sa.Column("updated_at", sa.DateTime(),
                                   server_default=sa.text("(CURRENT_TIMESTAMP)"),
                                   nullable=False))
        batch.add_column(sa.Column("remote_status", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("remote_reason", sa.Text(), nullable=True))
    conn = op.get_bind()
    ids = list(conn.execute(sa.text(f"SELECT id FROM {TABLE}")).scalars())
    if ids:
        conn.execute(sa.text(f"UPDATE {TABLE} SET uuid = :u WHERE id = :i"),
                     [{"u": str(uuid.uuid4()), "i": i} for i in ids])
    with op.batch_alter_table(TABLE, recreate=_recreate()) as batch:
        batch.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
        batch.alter_column("version", existing_type=sa.Integer(), server_default=None)
        batch.create_unique_constraint(op.f(f"uq_{TABLE}_uuid"), ["uuid"])


def downgrade() -> None:
    with op.batch_alter_table(TABLE, recreate=_recreate()) as batch:
        batch.drop_constraint(op.f(f"uq_{TABLE}_uuid"), type_="unique")
        for name in ("remote_reason", "remote_status", "updated_at", "version", "uuid"):
            batch.drop_column(name)
