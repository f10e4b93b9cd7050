"""products: stores, listings (MSKU mapping), negative lists and their hits, import presets,
product files

Revision ID: products_0001
Revises: 0001_foundation
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import seller_desk.store.types

revision = "products_0001"
down_revision = "0001_foundation"
branch_labels = ("products",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_presets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_presets")),
        sa.UniqueConstraint("name", name=op.f("uq_import_presets_name")),
    )
    op.create_table(
        "negative_list_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("hs_prefix", sa.String(length=10), nullable=False),
        sa.Column("keyword", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_negative_list_entries")),
        sa.UniqueConstraint("kind", "hs_prefix", "keyword", name="uq_negative_list_entries_rule"),
    )
    with op.batch_alter_table("negative_list_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_negative_list_entries_kind"), ["kind"], unique=False)

    op.create_table(
        "stores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("site", sa.String(length=10), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stores")),
        sa.UniqueConstraint("name", name=op.f("uq_stores_name")),
    )
    op.create_table(
        "listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("msku", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("price_amount", seller_desk.store.types.Amount(), nullable=True),
        sa.Column("price_currency", sa.String(length=3), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("fulfilment", sa.String(length=20), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=True),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("remote_status", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_listings_product_id_products"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_listings_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listings")),
        sa.UniqueConstraint("store_id", "msku", name="uq_listings_store_msku"),
        sa.UniqueConstraint("uuid", name=op.f("uq_listings_uuid")),
    )
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_listings_external_id"), ["external_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_listings_product_id"), ["product_id"], unique=False)
        batch_op.create_index("ix_listings_status_id", ["status", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_listings_store_id"), ["store_id"], unique=False)

    op.create_table(
        "product_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_files_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_files")),
    )
    with op.batch_alter_table("product_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_files_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "product_list_hits",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("matched", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_list_hits_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "kind", name=op.f("pk_product_list_hits")),
    )
    op.create_index("ix_products_name_zh_id", "products", ["name_zh", "id"], unique=False)
    op.create_index("ix_products_name_en_id", "products", ["name_en", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_products_name_en_id", table_name="products")
    op.drop_index("ix_products_name_zh_id", table_name="products")
    op.drop_table("product_list_hits")
    with op.batch_alter_table("product_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_files_product_id"))

    op.drop_table("product_files")
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listings_store_id"))
        batch_op.drop_index("ix_listings_status_id")
        batch_op.drop_index(batch_op.f("ix_listings_product_id"))
        batch_op.drop_index(batch_op.f("ix_listings_external_id"))

    op.drop_table("listings")
    op.drop_table("stores")
    with op.batch_alter_table("negative_list_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_negative_list_entries_kind"))

    op.drop_table("negative_list_entries")
    op.drop_table("import_presets")
