"""tax: export lines, purchase invoices, EIT inputs per year

Revision ID: tax_0001
Revises: 0001_foundation
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import seller_desk.store.types

revision = "tax_0001"
down_revision = "0001_foundation"
branch_labels = ("tax",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tax_export_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_ref", sa.String(length=80), nullable=False),
        sa.Column("list_no", sa.String(length=40), nullable=False),
        sa.Column("export_date", sa.Date(), nullable=True),
        sa.Column("goods_name", sa.String(length=250), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("quantity", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("unit_price_amount", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("unit_price_currency", sa.String(length=3), nullable=True),
        sa.Column("amount_amount", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("amount_currency", sa.String(length=3), nullable=True),
        sa.Column("cny_rate", seller_desk.store.types.DecimalText(length=40), nullable=True),
        sa.Column("cny_rate_date", sa.Date(), nullable=True),
        sa.Column("cny_rate_source", sa.String(length=60), nullable=True),
        sa.Column("hs_code", sa.String(length=10), nullable=False),
        sa.Column("trade_mode", sa.String(length=4), nullable=False),
        sa.Column("customs_code", sa.String(length=4), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=True),
        sa.Column("retention_until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_export_lines")),
        sa.UniqueConstraint("source", "source_ref", name=op.f("uq_tax_export_lines_source")),
    )
    with op.batch_alter_table("tax_export_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tax_export_lines_export_date"), ["export_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_tax_export_lines_hs_code"), ["hs_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_tax_export_lines_list_no"), ["list_no"], unique=False)

    op.create_table(
        "tax_purchase_invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("export_line_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("net_amount_cny", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("retention_until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_line_id"], ["tax_export_lines.id"],
            name=op.f("fk_tax_purchase_invoices_export_line_id_tax_export_lines"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_purchase_invoices")),
        sa.UniqueConstraint("number", "export_line_id", name=op.f("uq_tax_purchase_invoices_number")),
    )
    with op.batch_alter_table("tax_purchase_invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tax_purchase_invoices_export_line_id"), ["export_line_id"],
                              unique=False)

    op.create_table(
        "tax_eit_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revenue_cny", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("non_taxable_cny", seller_desk.store.types.Amount(), nullable=False),
        sa.Column("exempt_cny", seller_desk.store.types.Amount(), nullable=False),
        sa.Column("uses_exemption", sa.Boolean(), nullable=False),
        sa.Column("retention_until", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_tax_eit_years")),
    )


def downgrade() -> None:
    op.drop_table("tax_eit_years")
    with op.batch_alter_table("tax_purchase_invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tax_purchase_invoices_export_line_id"))
    op.drop_table("tax_purchase_invoices")
    with op.batch_alter_table("tax_export_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tax_export_lines_list_no"))
        batch_op.drop_index(batch_op.f("ix_tax_export_lines_hs_code"))
        batch_op.drop_index(batch_op.f("ix_tax_export_lines_export_date"))
    op.drop_table("tax_export_lines")
