"""search: each update trigger fires only when an UPDATE sets a column its index row is made of

Revision ID: search_0005
Revises: search_0004
Create Date: 2026-12-05

Before, any UPDATE of a product, an order, an order line, a declaration, an FX record, a
filing or a document deleted and inserted its FTS5 trigram row again: a status the platform
sent back after a push, a version bump or an import digest re-indexed every row it touched,
several times the cost of the update itself (issue #12). The triggers are made again with
``AFTER UPDATE OF`` the indexed columns (seller_desk.store.search_index.indexed_columns); the
index rows stay as they are. SQLite only.
"""

from __future__ import annotations

from alembic import op

from seller_desk.store.search_index import update_triggers_statements

revision = "search_0005"
down_revision = "search_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in update_triggers_statements(only_indexed=True):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in update_triggers_statements(only_indexed=False):
        op.execute(statement)
