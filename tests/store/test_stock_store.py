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
from tests.store.old_revision import file_at_revision

STOCK_TABLES = {
    "stock_warehouses", "stock_movements", "stock_shipments", "stock_shipment_boxes",
    "stock_shipment_lines", "stock_shipment_fees", "stock_costs", "stock_snapshots",
    "stock_snapshot_lines", "stock_reconciliations", "stock_reconciliation_lines",
    "stock_positions",
}
#: what takes a SQLite file back from stock_0003 to stock_0002
UNDO_STOCK_0003 = ["DROP TRIGGER stock_movements_position", "DROP TABLE stock_positions"]
OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"


def test_stock_migration_creates_its_tables_on_the_foundation(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert "stock_0003" in current_revisions(store.engine)
        assert {"0001_foundation", "stock_0001", "stock_0002", "stock_0003"} <= set(store.migrated)
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


def test_fifo_ageing_reads_the_arrivals_through_their_partial_index(store_url, tmp_path):
    """The arrivals FIFO ageing reads come through ix_stock_movements_arrivals (the arrivals
    alone), not every movement of the products held: on SQLite the plan of each read names
    the index, and the index holds no sale. On PostgreSQL the index is there with its
    predicate. A file at stock_0001 gets the index when opened."""
    from sqlalchemy import event

    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        with desk.write() as s:
            s.add(Product(sku="A-1", name_zh="甲"))
        desk.stock.add_warehouse("W", "仓", "domestic", "CN")
        day = dt.date(2026, 1, 1)
        desk.stock.move("A-1", "W", day, "receipt", 5, unit_cost=Decimal("1.0000"))
        desk.stock.move("A-1", "W", day + dt.timedelta(days=40), "receipt", 3,
                        unit_cost=Decimal("1.0000"))
        for d in range(1, 4):  # sales: never in the index
            desk.stock.move("A-1", "W", day + dt.timedelta(days=50 + d), "sale", -1)
        seen: list[str] = []

        def remember(sql):
            if "FROM stock_movements" in sql and "GROUP BY" in sql and "kind IN" in sql:
                seen.append(sql)

        # (on SQLite the read runs on the driver's connection, past SQLAlchemy's events: the
        # connection's own trace sees it)
        def trace(con, _record):
            con.set_trace_callback(remember)

        def sent(_conn, _cursor, sql, *_args):
            remember(sql)

        engine = desk.store.engine
        on = ("before_cursor_execute", sent) if on_postgres() else ("connect", trace)
        engine.dispose()
        event.listen(engine, *on)
        try:
            ageing = desk.stock.ageing("A-1", "W", day + dt.timedelta(days=60))
            report = desk.stock.ageing_report(day + dt.timedelta(days=60))
        finally:
            event.remove(engine, *on)
            engine.dispose()
        # 5 on hand, FIFO: the 3 of day 40 (20 days old) and 2 of the first 5 (60 days)
        assert ageing == report[0][3] and report[0][:3] == ("A-1", "W", 5)
        assert ageing.older_than(30) == 2 and ageing.older_than(10) == 5
        assert len(seen) == 2
        with desk.read() as s:
            con = s.connection()
            if on_postgres():
                where = con.exec_driver_sql(
                    "SELECT indexdef FROM pg_indexes "
                    "WHERE indexname = 'ix_stock_movements_arrivals'").scalar_one()
                assert "receipt" in where and "opening" in where
                return
            for sql in seen:
                plan = " ".join(r[-1] for r in con.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {sql}", (1,) * sql.count("?")))
                assert "ix_stock_movements_arrivals" in plan, plan
            indexed = con.exec_driver_sql(
                "SELECT count(*) FROM stock_movements INDEXED BY ix_stock_movements_arrivals "
                "WHERE kind IN ('receipt', 'transfer_in', 'return', 'opening') "
                "AND product_id > 0").scalar_one()
            assert indexed == 2  # the two receipts, no sale
    finally:
        desk.close()

    old = file_at_revision(tmp_path / "store.sqlite", tmp_path / "old.sqlite", "stock",
                           "stock_0001", ["DROP INDEX ix_stock_movements_arrivals",
                                          *UNDO_STOCK_0003])
    upgraded = Desk.open(url_for_path(old), data_dir=tmp_path)
    try:
        with upgraded.read() as s:
            names = set(s.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' "
                                       "AND tbl_name = 'stock_movements'")).scalars())
        assert "ix_stock_movements_arrivals" in names
        assert upgraded.stock.ageing("A-1", "W", day + dt.timedelta(days=60)) == ageing
    finally:
        upgraded.close()


def _positions(desk: Desk) -> tuple[dict, dict]:
    """stock_positions as kept, and the ledger's sums by position."""
    with desk.read() as s:
        kept = {(w, p): (oh, it) for w, p, oh, it in s.execute(text(
            "SELECT warehouse_id, product_id, on_hand, in_transit FROM stock_positions"))}
        summed = {(w, p): (oh, it) for w, p, oh, it in s.execute(text(
            "SELECT warehouse_id, product_id, SUM(on_hand), SUM(in_transit) "
            "FROM stock_movements GROUP BY warehouse_id, product_id"))}
    return kept, summed


def test_each_positions_total_is_kept_by_every_insert_into_the_ledger(store_url, tmp_path):
    """stock_positions is the ledger's sum by (warehouse, product) whoever inserts: the
    services, a transfer in transit, plain SQL of many rows at once; a statement refused
    takes its additions back with it. A file at stock_0002 gets the totals of its ledger."""
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        with desk.write() as s:
            s.add_all([Product(sku="A-1", name_zh="甲"), Product(sku="B-2", name_zh="乙")])
        desk.stock.add_warehouse("W", "仓", "domestic", "CN")
        desk.stock.add_warehouse("F", "海外仓", "third_party", "US")
        day = dt.date(2026, 1, 1)
        desk.stock.move("A-1", "W", day, "receipt", 10, unit_cost=Decimal("1.0000"))
        desk.stock.move("B-2", "W", day, "receipt", 4, unit_cost=Decimal("2.0000"))
        desk.stock.transfer("T-1", "W", "F", day + dt.timedelta(days=3), [("A-1", 6)])
        desk.stock.move("A-1", "W", day + dt.timedelta(days=5), "sale", -1)
        with desk.write() as s:  # many rows in one statement, as a bulk writer does
            s.execute(text(
                "INSERT INTO stock_movements (product_id, warehouse_id, date, kind, on_hand, "
                "in_transit, cause_type, created_at) SELECT product_id, warehouse_id, date, "
                "'adjustment', -1, 0, 'manual', created_at FROM stock_movements "
                "WHERE kind = 'receipt'"))
        kept, summed = _positions(desk)
        assert kept == summed
        assert sorted(kept.values()) == [(0, 6), (2, 0), (3, 0)]
        with pytest.raises(DBAPIError), desk.write() as s:
            s.execute(text("INSERT INTO stock_movements (product_id, warehouse_id, date, kind, "
                           "on_hand, in_transit, cause_type, created_at) SELECT product_id, "
                           "warehouse_id, date, 'adjustment', 5, 0, 'manual', created_at "
                           "FROM stock_movements WHERE kind = 'receipt'"))
            s.execute(text("DELETE FROM stock_movements"))  # refused: all of it rolls back
        assert _positions(desk) == (kept, summed)
    finally:
        desk.close()
    if on_postgres():
        return

    old = file_at_revision(tmp_path / "store.sqlite", tmp_path / "old.sqlite", "stock",
                           "stock_0002", UNDO_STOCK_0003)
    upgraded = Desk.open(url_for_path(old), data_dir=tmp_path)
    try:
        assert _positions(upgraded) == (kept, summed)
        upgraded.stock.move("B-2", "W", day + dt.timedelta(days=9), "sale", -2)
        kept, summed = _positions(upgraded)
        assert kept == summed and (1, 0) in kept.values()
    finally:
        upgraded.close()
