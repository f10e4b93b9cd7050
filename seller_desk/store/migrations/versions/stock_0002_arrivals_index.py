"""stock: the arrivals of the ledger through a partial index

Revision ID: stock_0002
Revises: stock_0001
Create Date: 2026-12-05

FIFO ageing (the Stock page's Ageing tab, the stock alerts on that page and on the Dashboard)
reads each position's arrivals (receipts, transfers in, returns, opening). Without an index of
them it went through every movement of the products held, sales too: 1.3 s a read at 1M
movements, three reads to open the Stock page (issue #12). The index holds the arrivals alone
(a few percent of a ledger; a sale writes nothing to it) with every column the read uses,
its predicate the query's own text (seller_desk.store.models.stock.ARRIVALS_WHERE).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "stock_0002"
down_revision = "stock_0001"
branch_labels = None
depends_on = None

#: as seller_desk.store.models.stock.ARRIVALS_WHERE says it today (a migration keeps its own)
ARRIVALS_WHERE = "kind IN ('receipt', 'transfer_in', 'return', 'opening')"


def upgrade() -> None:
    op.create_index("ix_stock_movements_arrivals", "stock_movements",
                    ["product_id", "date", "warehouse_id", "on_hand", "kind"], unique=False,
                    sqlite_where=sa.text(ARRIVALS_WHERE),
                    postgresql_where=sa.text(ARRIVALS_WHERE))


def downgrade() -> None:
    op.drop_index("ix_stock_movements_arrivals", table_name="stock_movements")
