"""search: the Orders filter reads the search index; ``orders_fts`` (orders_0002) dropped

Revision ID: search_0003
Revises: search_0002
Create Date: 2026-12-03

The search index already holds every order's number and marketplace (its ``kind='order'`` rows):
the Orders filter narrows the orders down with it and checks the columns (the few distinct
marketplaces and statuses are checked once each), so the second trigram index over the same
orders (``orders_fts``: number, marketplace, status) is no longer written on every new order.
Line SKUs keep their vocabulary and its index (``order_skus``, ``order_skus_fts``). SQLite only.
"""

from __future__ import annotations

from alembic import op

revision = "search_0003"
down_revision = "search_0002"
branch_labels = None
depends_on = "orders_0002"

COLUMNS = "order_no, marketplace, status"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS orders_fts_{name}")
    op.execute("DROP TABLE IF EXISTS orders_fts")


def downgrade() -> None:  # the index and triggers as orders_0002 made them
    if op.get_bind().dialect.name != "sqlite":
        return
    new = ", ".join(f"new.{c}" for c in COLUMNS.split(", "))
    old = ", ".join(f"old.{c}" for c in COLUMNS.split(", "))
    op.execute(f"CREATE VIRTUAL TABLE orders_fts USING fts5({COLUMNS}, content='orders', "
               "content_rowid='id', tokenize='trigram')")
    op.execute("INSERT INTO orders_fts(orders_fts) VALUES ('rebuild')")
    op.execute(f"CREATE TRIGGER orders_fts_ai AFTER INSERT ON orders BEGIN "
               f"INSERT INTO orders_fts(rowid, {COLUMNS}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER orders_fts_ad AFTER DELETE ON orders BEGIN "
               f"INSERT INTO orders_fts(orders_fts, rowid, {COLUMNS}) "
               f"VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER orders_fts_au AFTER UPDATE OF {COLUMNS} ON orders BEGIN "
               f"INSERT INTO orders_fts(orders_fts, rowid, {COLUMNS}) "
               f"VALUES ('delete', old.id, {old}); "
               f"INSERT INTO orders_fts(rowid, {COLUMNS}) VALUES (new.id, {new}); END")
