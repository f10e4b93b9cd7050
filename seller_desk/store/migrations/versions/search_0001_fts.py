"""search: the FTS5 search index over products, orders, declarations, FX records, filings and
documents, kept in step by triggers (SQLite only; PostgreSQL searches with ILIKE)

Revision ID: search_0001
Revises: 0001_foundation
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from seller_desk.store.search_index import OLD_OPTIONS, create_statements, drop_statements

revision = "search_0001"
down_revision = "0001_foundation"
branch_labels = ("search",)
# the tables must exist; a later revision that rebuilds one of them (SQLite's batch mode copies
# the table, its triggers stay behind) is repaired on the first search
# (seller_desk.store.search_index.repair: the triggers back, that table's rows re-read)
depends_on = ("orders_0001", "fx_0001", "filing_0001")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in create_statements(options=OLD_OPTIONS):  # search_0002 rebuilds it
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in drop_statements():
        op.execute(statement)
