"""orders: full-text index (FTS5, trigram) over orders and the SKUs of their lines; sort indexes

Revision ID: orders_0002
Revises: orders_0001
Create Date: 2026-12-02

The Orders table filters as you type: a trigram FTS5 index finds any 3+ character piece of an
order number, marketplace or status without reading every order (``LIKE '%…%'`` did). Line SKUs
are searched through their vocabulary: ``order_skus`` holds each distinct SKU once (a trigger
adds new ones as lines are written) with its own trigram index, and the matching SKUs find their
lines through the SKU index; a million lines sharing a few hundred SKUs cost a few hundred index
entries, not a million. The indexes are external-content tables kept in step by triggers, so every
write path (imports, the ORM, sync) updates them. SQLite only; elsewhere the search is a LIKE.

A later migration that rebuilds ``orders`` or ``order_lines`` in batch mode drops their
triggers with the old table: call :func:`install_search` again after it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0002"
down_revision = "orders_0001"
branch_labels = None
depends_on = None

INDEXES = {  # fts table: (content table, indexed columns)
    "orders_fts": ("orders", ("order_no", "marketplace", "status")),
    "order_skus_fts": ("order_skus", ("sku",)),
}


def install_search() -> None:
    op.execute("INSERT INTO order_skus (sku) SELECT DISTINCT sku FROM order_lines "
               "WHERE sku NOT IN (SELECT sku FROM order_skus)")
    for name, column in (("ai", "INSERT ON order_lines"), ("au", "UPDATE OF sku ON order_lines")):
        op.execute(f"DROP TRIGGER IF EXISTS order_lines_sku_{name}")
        # NOT EXISTS rather than INSERT OR IGNORE: an outer OR REPLACE would override the latter
        op.execute(f"CREATE TRIGGER order_lines_sku_{name} AFTER {column} BEGIN "
                   "INSERT INTO order_skus (sku) SELECT new.sku WHERE NOT EXISTS "
                   "(SELECT 1 FROM order_skus WHERE sku = new.sku); END")
    for fts, (table, cols) in INDEXES.items():
        names = ", ".join(cols)
        new = ", ".join(f"new.{c}" for c in cols)
        old = ", ".join(f"old.{c}" for c in cols)
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', "
                   f"content_rowid='id', tokenize='trigram')")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{name}")
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); "
                   "END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END")


def upgrade() -> None:
    op.create_table(
        "order_skus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_skus")),
        sa.UniqueConstraint("sku", name=op.f("uq_order_skus_sku")),
    )
    op.create_index("ix_orders_order_no", "orders", ["order_no"])
    op.create_index("ix_orders_status", "orders", ["status"])
    if op.get_bind().dialect.name == "sqlite":
        install_search()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts in INDEXES:
            for name in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{name}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
        for name in ("ai", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS order_lines_sku_{name}")
    op.drop_index("ix_orders_status", "orders")
    op.drop_index("ix_orders_order_no", "orders")
    op.drop_table("order_skus")
