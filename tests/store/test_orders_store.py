"""The orders tables: the migration matches the models, old files gain them, keys hold."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from seller_desk.store.db import open_store, url_for_path
from seller_desk.store.models import Base
from seller_desk.store.models.orders import (
    Declaration,
    DeclarationLine,
    Order,
    OrderLine,
    Settlement,
    SettlementLine,
)

OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"
ORDERS_TABLES = {"orders", "order_lines", "order_events", "settlements", "settlement_lines",
                 "waybills", "declarations", "declaration_lines", "customs_summaries",
                 "ceb_messages", "order_skus"}


def test_migration_matches_the_models(store_url):
    store = open_store(store_url)
    try:
        with store.engine.connect() as con:
            diffs = compare_metadata(MigrationContext.configure(con), Base.metadata)
        mine = [d for d in diffs if any(f"'{t}'" in repr(d) for t in ORDERS_TABLES)]
        assert mine == []
    finally:
        store.close()


def test_values_round_trip_and_keys_hold(store_url):
    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            o = Order(marketplace="amazon.com", order_no="113-1", currency="USD",
                      ordered_at=dt.datetime(2024, 3, 2, 18, 22, 41))
            o.lines.append(OrderLine(line_no=1, sku="MUG", quantity=3, amount_amount=Decimal("59.97"),
                                     amount_currency="USD"))
            st = Settlement(marketplace="amazon", settlement_no="139", currency="USD",
                            total_amount=Decimal("-89.13"), lines_total_amount=Decimal("-89.13"))
            st.lines.append(SettlementLine(line_no=1, kind="fee", amount_amount=Decimal("-0.0001")))
            d = Declaration(cop_no="L1", trade_mode="9610", customs_code="5314", port_code="5314",
                            ie_date=dt.date(2024, 3, 3), order_no="113-1", ebp_code="无",
                            ebp_name="Amazon.com", logistics_code="X", logistics_name="X",
                            logistics_no="W1", country="US", gross_weight=Decimal("0.45"),
                            net_weight=Decimal("0.38"), freight_currency="USD")
            d.lines.append(DeclarationLine(gnum=1, item_no="MUG", gcode="9617001100", gname="保温杯",
                                           qty=Decimal(3), unit="011", qty1=Decimal("1.05"),
                                           unit1="035", price_amount=Decimal("19.99"),
                                           total_amount=Decimal("59.97"), currency="USD"))
            s.add_all([o, st, d])
        with store.sessions() as s:
            # SQL sums of the scaled integers stay exact and come back as Decimal
            assert s.scalar(select(func.sum(OrderLine.amount_amount))) == Decimal("59.97")
            assert s.scalars(select(SettlementLine.amount_amount)).one() == Decimal("-0.0001")
            decl = s.scalars(select(Declaration)).one()
            assert (decl.lines[0].qty1, decl.problems, decl.match_ok) == (Decimal("1.0500"), [], False)
        with pytest.raises(IntegrityError), store.sessions.begin() as s:
            s.add(Order(marketplace="amazon.com", order_no="113-1", currency="USD"))
        with pytest.raises(IntegrityError), store.sessions.begin() as s:
            s.add(Settlement(marketplace="amazon", settlement_no="139", currency="USD",
                             total_amount=Decimal(0), lines_total_amount=Decimal(0)))
    finally:
        store.close()


def test_a_first_release_file_gains_the_orders_tables(tmp_path):
    path = tmp_path / "release.sqlite"
    shutil.copy(OLD_RELEASE, path)
    store = open_store(url_for_path(path))
    try:
        assert "orders_0001" in store.migrated
        with store.sessions() as s:
            assert s.scalars(select(Order)).all() == []
    finally:
        store.close()


def test_a_big_date_range_report_imports_and_reimports_on_every_database(store_url, tmp_path,
                                                                         monkeypatch):
    """A Date Range report read as a big file (staged, written a chunk at a time: orders and
    events looked up by key a few at a time), then again unchanged, then with rows edited:
    on SQLite and on PostgreSQL, the counts an import reports and what it stores."""
    from seller_desk.desk import Desk
    from seller_desk.store.models.orders import OrderEvent
    from tests.bench.bench_import import write_date_range_csv

    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    monkeypatch.setattr("seller_desk.store.bulk.LOOKUP_KEYS", 30)
    path = tmp_path / "date-range.csv"
    write_date_range_csv(path, 400, seed=3)
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        first = desk.imports.import_file(path)
        assert first.written and first.imported > 100 and first.updated == 0
        with desk.read() as s:
            orders = s.scalar(select(func.count()).select_from(Order))
            events = s.scalar(select(func.count()).select_from(OrderEvent))
        assert orders > 100 and events > 0
        again = desk.imports.import_file(path)
        assert (again.imported, again.updated) == (0, 0) and again.unchanged == first.imported
        lines = path.read_text(encoding="utf-8").split("\n")
        head = next(k for k, line in enumerate(lines) if line.startswith('"date/time"'))
        edited = lines[head + 1].replace('","amazon.com","', '1","amazon.com","', 1)  # quantity
        assert edited != lines[head + 1]
        lines[head + 1] = edited
        path.write_text("\n".join(lines), encoding="utf-8")
        third = desk.imports.import_file(path)
        assert third.written and (third.imported, third.updated) == (0, 1)
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Order)) == orders
            assert s.scalar(select(func.count()).select_from(OrderEvent)) == events
    finally:
        desk.close()


def test_lists_read_in_parts_and_the_years_statistics_on_every_database(store_url, tmp_path):
    """The lists printed a part at a time (orders with lines and events, the FX ledger) equal
    the whole lists, and the year's order statistics (the period's orders joined to their
    lines, each order counted once) equal the orders list: on SQLite and on PostgreSQL."""
    from collections import Counter
    from decimal import Decimal

    from seller_desk.desk import Desk
    from tests.bench.bench_area_imports import write_collector_csv
    from tests.bench.bench_import import write_date_range_csv

    orders_file, fx_file = tmp_path / "date-range.csv", tmp_path / "collector.csv"
    write_date_range_csv(orders_file, 300, seed=5)
    write_collector_csv(fx_file, 120, seed=5)
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        assert desk.imports.import_file(orders_file).written
        assert desk.imports.import_file(fx_file).written
        whole = desk.orders.list_orders()
        assert len(whole) > 50 and any(len(o["lines"]) > 1 for o in whole)
        assert list(desk.orders.iter_orders(part=7)) == whole
        fx_year = max(v.date.year for v in desk.fx.records())
        records = [v.to_json() for v in desk.fx.records(year=fx_year)]
        assert len(records) > 7
        assert [v.to_json() for v in desk.fx.iter_records(year=fx_year, part=7)] == records
        year = int(whole[0]["date"][:4])
        totals = desk.stats.period(year)["totals"]
        mine = [o for o in whole if o["date"].startswith(str(year))]
        assert totals["orders"] == len(mine)
        assert totals["units"] == sum(ln["quantity"] for o in mine for ln in o["lines"])
        sales: Counter[str] = Counter()
        for o in mine:
            sales[o["currency"]] += Decimal(o["product_sales"])
        assert {k: Decimal(v) for k, v in totals["sales"].items()} == dict(sales)

        from sqlalchemy.engine import make_url

        from seller_desk.services.info import company_info

        shown = company_info(desk)["db"]  # (printed by `info`, shown on the dashboard)
        password = make_url(store_url).password
        assert password is None or (str(password) not in shown and "***" in shown)
    finally:
        desk.close()


def test_a_held_preview_import_commits_or_rolls_back_on_every_database(store_url, tmp_path):
    """The window's preview holds its import open until the user answers (issue 12): on
    SQLite and on PostgreSQL a cancelled one leaves nothing, another connection's write waits
    for the answer, and a confirmed one stores what an import stores, written once."""
    import threading

    from seller_desk.desk import Desk
    from seller_desk.services.import_preview import preview
    from tests.bench.bench_import import write_date_range_csv

    path = tmp_path / "date-range.csv"
    write_date_range_csv(path, 300, seed=5)
    desk = Desk.open(store_url, data_dir=tmp_path)

    def orders() -> int:
        with desk.read() as s:
            return s.scalar(select(func.count()).select_from(Order))

    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        cancelled = preview(desk, path, hold=True)
        assert cancelled.report.imported > 100 and orders() == 0
        cancelled.forget_read()
        assert cancelled.held is not None and cancelled.held.outcome() is False
        assert orders() == 0

        seen = preview(desk, path, hold=True)
        renamed = threading.Event()

        def rename() -> None:
            desk.company.update(name_en="Renamed while held")
            renamed.set()

        other = threading.Thread(target=rename)
        other.start()
        assert not renamed.wait(0.5) and orders() == 0
        report = desk.imports.import_file(path, read=seen.read)
        other.join(10)
        assert renamed.is_set() and report is seen.report and report.written
        assert orders() > 100
        assert desk.company.get().name_en == "Renamed while held"
        again = desk.imports.import_file(path)  # stored as an import stores it
        assert (again.imported, again.updated) == (0, 0) and again.unchanged == report.imported
    finally:
        desk.close()
