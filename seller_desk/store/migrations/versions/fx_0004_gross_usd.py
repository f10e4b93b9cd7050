"""fx: the USD equivalent of a netted receipt's restored gross (counts toward the US$200,000 line),
and the indexes the status reads (per-day totals, records missing a rate)

Revision ID: fx_0004
Revises: fx_0003
Create Date: 2026-12-02

Existing netted receipts get it from their gross and the SAFE rate already stored with them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from alembic import op

import seller_desk.store.types

revision = "fx_0004"
down_revision = "fx_0003"
branch_labels = None
depends_on = None

SCALE = Decimal(10) ** 4  # seller_desk.store.types.Amount keeps 4 places as an integer


def upgrade() -> None:
    op.add_column("fx_records", sa.Column("gross_usd", seller_desk.store.types.Amount(),
                                          nullable=True))
    op.create_index("ix_fx_records_status", "fx_records",
                    ["kind", "date", "usd_amount", "gross_usd"], unique=False)
    op.create_index("ix_fx_records_missing_rate", "fx_records", ["date"], unique=False,
                    sqlite_where=sa.text("usd_amount IS NULL"),
                    postgresql_where=sa.text("usd_amount IS NULL"))
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, gross_amount, usd_rate FROM fx_records "
        "WHERE gross_amount IS NOT NULL AND usd_rate IS NOT NULL")).all()
    values = []
    for rid, gross, rate in rows:
        usd = (Decimal(int(gross)) / SCALE * Decimal(str(rate))).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
        values.append({"g": int(usd * SCALE), "i": rid})
    if values:
        conn.execute(sa.text("UPDATE fx_records SET gross_usd = :g WHERE id = :i"), values)


def downgrade() -> None:
    op.drop_index("ix_fx_records_missing_rate", table_name="fx_records")
    op.drop_index("ix_fx_records_status", table_name="fx_records")
    with op.batch_alter_table("fx_records") as batch:
        batch.drop_column("gross_usd")
