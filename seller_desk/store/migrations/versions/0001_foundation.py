"""foundation: company, settings, products, hs codes, outbox, audit

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import seller_desk.store.types

revision = "0001_foundation"
down_revision = None
branch_labels = ("foundation",)
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("entity_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("id_code", seller_desk.store.types.Encrypted(), nullable=False),
        sa.Column("customs_code", sa.String(length=10), nullable=True),
        sa.Column("zone", sa.String(length=60), nullable=True),
        sa.Column("zone_customs_code", sa.String(length=4), nullable=True),
        sa.Column("address", sa.String(length=400), nullable=True),
        sa.Column("contact_name", sa.String(length=100), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("contact_email", sa.String(length=200), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("remote_status", sa.String(length=40), nullable=True),
        sa.CheckConstraint(
            "kind in ('enterprise', 'individual_business', 'individual')",
            name=op.f("ck_company_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
        sa.UniqueConstraint("uuid", name=op.f("uq_company_uuid")),
    )
    op.create_table(
        "company_quarters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("employees_start", sa.Integer(), nullable=False),
        sa.Column("employees_end", sa.Integer(), nullable=False),
        sa.Column("assets_start_cny", seller_desk.store.types.Amount(), nullable=False),
        sa.Column("assets_end_cny", seller_desk.store.types.Amount(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_quarters")),
        sa.UniqueConstraint("year", "quarter", name=op.f("uq_company_quarters_year")),
    )
    op.create_table(
        "hs_codes",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=400), nullable=False),
        sa.Column("legal_unit1", sa.String(length=3), nullable=True),
        sa.Column("legal_unit2", sa.String(length=3), nullable=True),
        sa.Column("refund_rate", seller_desk.store.types.DecimalText(length=40), nullable=True),
        sa.Column("refund_cancelled", sa.Boolean(), nullable=False),
        sa.Column("licence_required", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_hs_codes")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("payload", seller_desk.store.types.EncryptedJSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_entity_uuid"), ["entity_uuid"], unique=False)
        batch_op.create_index("ix_outbox_state_id", ["state", "id"], unique=False)

    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=250), nullable=False),
        sa.Column("name_en", sa.String(length=250), nullable=False),
        sa.Column("brand", sa.String(length=100), nullable=True),
        sa.Column("spec", sa.String(length=250), nullable=True),
        sa.Column("barcode", sa.String(length=50), nullable=True),
        sa.Column("hs_code", sa.String(length=10), nullable=True),
        sa.Column("declared_name", sa.String(length=250), nullable=True),
        sa.Column("declared_unit", sa.String(length=3), nullable=True),
        sa.Column("legal_unit1", sa.String(length=3), nullable=True),
        sa.Column("legal_qty1", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("legal_unit2", sa.String(length=3), nullable=True),
        sa.Column("legal_qty2", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("net_weight_kg", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("gross_weight_kg", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("length_cm", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("width_cm", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("height_cm", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("origin_country", sa.String(length=3), nullable=True),
        sa.Column("unit_cost_amount", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("unit_cost_currency", sa.String(length=3), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("remote_status", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("sku", name=op.f("uq_products_sku")),
        sa.UniqueConstraint("uuid", name=op.f("uq_products_uuid")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_hs_code"), ["hs_code"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:

    op.drop_table("settings")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_hs_code"))

    op.drop_table("products")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_id")
        batch_op.drop_index(batch_op.f("ix_outbox_entity_uuid"))

    op.drop_table("outbox")
    op.drop_table("hs_codes")
    op.drop_table("company_quarters")
    op.drop_table("company")
    op.drop_table("audit_log")
