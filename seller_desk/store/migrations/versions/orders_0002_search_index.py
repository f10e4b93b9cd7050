"""orders: full-text index (FTS5, trigram) over orders and their lines' SKUs; sort indexes

Revision ID: orders_0002
Revises: orders_0001
Create Date: 2026-12-02

The Orders table filters as you type: a trigram FTS5 index finds any 3+ character piece of an
order number, marketplace, status or line SKU without reading every order (``LIKE '%…%'`` did).
Both indexes are external-content tables kept in step by triggers, so every write path (imports,
the ORM, sync) updates them. SQLite only; on another database the search stays a LIKE.

A later migration that rebuilds ``orders`` or ``order_lines`` in batch mode drops their
triggers with the old table: call :func:`install_search` again after it.
"""

from __future__ import annotations

from alembic import op

revision = "orders_0002"
down_revision = "orders_0001"
branch_labels = None
depends_on = None

INDEXES = {  # fts table: (content table, indexed columns)
    "orders_fts": ("orders", ("order_no", "marketplace", "status")),
    "order_lines_fts": ("order_lines", ("sku",)),
}


def install_search() -> None:
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
    op.drop_index("ix_orders_status", "orders")
    op.drop_index("ix_orders_order_no", "orders")
