"""search: ``order_nos_fts``, a trigram index of the order numbers alone, for the Orders filter

Revision ID: search_0004
Revises: search_0003
Create Date: 2026-12-03

The search index's order rows hold the order number with the marketplace, the store and the
tracking number: a filter text that only a store name or a tracking number holds made every
order of that store a candidate, each then refused (issue #12). The new table (external
content: the numbers stay in ``orders``) is filled from the orders the file holds and kept by
its triggers (the orders import holds the insert trigger and catches up in one statement).
SQLite only. See seller_desk.store.search_index.ORDER_NOS.
"""

from __future__ import annotations

from alembic import op

from seller_desk.store.search_index import order_nos_drop_statements, order_nos_statements

revision = "search_0004"
down_revision = "search_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # made anew (a file whose version was set back, as a test does, runs this again)
    for statement in [*order_nos_drop_statements(), *order_nos_statements()]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in order_nos_drop_statements():
        op.execute(statement)
