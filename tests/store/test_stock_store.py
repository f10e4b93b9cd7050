"""The stock tables in a company file: migration stock_0001, the append-only ledger, exact
sums. Runs on SQLite, and on PostgreSQL when SELLER_DESK_TEST_PG_URL is set."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from seller_desk.desk import Desk
from seller_desk.store.db import alembic_config, current_revisions, open_store, url_for_path
from seller_desk.store.models import Product
from tests.conftest import on_postgres

STOCK_TABLES = {
    "stock_warehouses", "stock_movements", "stock_shipments", "stock_shipment_boxes",
    "stock_shipment_lines", "stock_shipment_fees", "stock_costs", "stock_snapshots",
    "stock_snapshot_lines", "stock_reconciliations", "stock_reconciliation_lines",
}
OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"


def test_stock_migration_creates_its_tables_on_the_foundation(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert "stock_0001" in current_revisions(store.engine)
        assert {"0001_foundation", "stock_0001"} <= set(store.migrated)
        tables = set(inspect(store.engine).get_table_names())
        assert tables >= STOCK_TABLES
        fks = {(fk["referred_table"], tuple(fk["constrained_columns"]))
               for fk in inspect(store.engine).get_foreign_keys("stock_movements")}
        assert ("products", ("product_id",)) in fks
    finally:
        store.close()


def test_movements_are_append_only_and_sums_exact(store_url: str, tmp_path: Path) -> None:
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        with desk.write() as s:
            s.add(Product(sku="A-1", name_zh="甲"))
        desk.stock.add_warehouse("W", "仓", "domestic", "CN")
        for q, cost in ((3, "0.1000"), (7, "0.2000")):
            desk.stock.move("A-1", "W", dt.date(2026, 1, 1), "receipt", q, unit_cost=Decimal(cost))
        [row] = desk.stock.as_of(dt.date(2026, 1, 1))
        # (3 × 0.10 + 7 × 0.20) / 10 = 0.17: no float drift through the Amount column
        assert (row.on_hand, row.unit_cost.amount) == (10, Decimal("0.1700"))
        for sql in ("UPDATE stock_movements SET on_hand = 99",
                    "DELETE FROM stock_movements WHERE id = 1"):
            with pytest.raises(DBAPIError, match="append-only"), desk.write() as s:
                s.execute(text(sql))
        with desk.read() as s:
            assert s.execute(text("SELECT SUM(on_hand) FROM stock_movements")).scalar() == 10
    finally:
        desk.close()


def test_stock_branch_downgrades_and_upgrades_again(store_url: str) -> None:
    from alembic import command

    store = open_store(store_url)
    try:
        with store.engine.begin() as con:
            command.downgrade(alembic_config(con), "0001_foundation")
        assert not STOCK_TABLES & set(inspect(store.engine).get_table_names())
        with store.engine.begin() as con:
            command.upgrade(alembic_config(con), "heads")
        assert set(inspect(store.engine).get_table_names()) >= STOCK_TABLES
    finally:
        store.close()


@pytest.mark.skipif(on_postgres(), reason="a checked-in SQLite file")
def test_a_first_release_file_gains_the_stock_tables(tmp_path: Path) -> None:
    path = tmp_path / "release.sqlite"
    shutil.copy(OLD_RELEASE, path)
    store = open_store(url_for_path(path))
    try:
        assert "stock_0001" in store.migrated
        assert set(inspect(store.engine).get_table_names()) >= STOCK_TABLES
    finally:
        store.close()
