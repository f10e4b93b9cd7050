"""desk.stock: the ledger in the store, shipments with landed cost, snapshots, reconciliation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from seller_desk.core.money import Money
from seller_desk.core.problems import ProblemError
from seller_desk.core.stock import Balance
from seller_desk.services.stock import FeeInput, LineInput
from seller_desk.store.models.catalog import Product

D = dt.date
FBA_SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / \
    "amazon-fba-manage-inventory.txt"


@pytest.fixture
def stock(desk):
    with desk.write() as s:
        for sku, name in [("MUG-350-BLU", "保温杯"), ("LAMP-USB-WHT", "USB台灯"),
                          ("TENT-4P-GRN", "四人帐篷"), ("mug-350-blu-used", "保温杯（二手）")]:
            s.add(Product(sku=sku, name_zh=name))
    st = desk.stock
    st.add_warehouse("CN-SZ", "深圳仓", "domestic", "CN")
    st.add_warehouse("FBA-US", "Amazon FBA US", "fba", "US", provider="Amazon", currency="USD",
                     low_stock=5, min_cover_days=30)
    st.add_warehouse("DE-3PL", "谷仓德国", "third_party", "DE", provider="谷仓", currency="EUR",
                     allow_negative=True)
    return st


def keys(exc):
    return [p.key for p in exc.value.problems]


def test_move_and_as_of(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 500, unit_cost=Decimal("12.40"))
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 9), "sale", -20)
    rows = stock.as_of(D(2026, 1, 31))
    assert [r.to_json() for r in rows] == [
        {"sku": "MUG-350-BLU", "warehouse": "CN-SZ", "on_hand": 480, "in_transit": 0,
         "unit_cost": {"amount": "12.4000", "currency": "CNY"}}]
    assert [r.on_hand for r in stock.as_of(D(2026, 1, 8))] == [500]
    assert stock.as_of(D(2026, 1, 4)) == []


def test_negative_stock_refused_with_sku_warehouse_date_and_nothing_written(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 5, unit_cost=Decimal("1"))
    with pytest.raises(ProblemError) as exc:
        stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 6), "sale", -6)
    [p] = exc.value.problems
    assert (p.key, dict(p.params)) == ("stock.negative_on_hand", {
        "sku": "MUG-350-BLU", "warehouse": "CN-SZ", "date": "2026-01-06", "on_hand": -1})
    # a back-dated sale before the receipt is refused too
    with pytest.raises(ProblemError):
        stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 1), "sale", -1)
    assert len(stock.ledger()) == 1
    # the 3PL warehouse allows negative stock (a setting)
    stock.move("MUG-350-BLU", "DE-3PL", D(2026, 1, 6), "sale", -2)
    assert [(r.warehouse, r.on_hand) for r in stock.as_of(D(2026, 1, 6))] == [
        ("CN-SZ", 5), ("DE-3PL", -2)]


def test_unknown_sku_and_warehouse_refused(stock):
    with pytest.raises(ProblemError) as exc:
        stock.move("NOPE", "XX", D(2026, 1, 1), "receipt", 1)
    assert keys(exc) == ["stock.unknown_product", "stock.unknown_warehouse"]
    with pytest.raises(ProblemError) as exc:
        stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 1), "adjustment", 3)
    assert keys(exc) == ["stock.reason_required"]


def test_ledger_is_append_only_in_the_database(stock, desk):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 5, unit_cost=Decimal("1"))
    for sql in ("UPDATE stock_movements SET on_hand = 6", "DELETE FROM stock_movements"):
        with pytest.raises(DatabaseError, match="append-only"), desk.write() as s:
            s.execute(text(sql))
    assert [r.on_hand for r in stock.ledger()] == [5]


def test_shipment_9810_with_shortfall_landed_cost_and_moving_average(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 100, unit_cost=Decimal("10.00"))
    stock.move("LAMP-USB-WHT", "CN-SZ", D(2026, 1, 5), "receipt", 40, unit_cost=Decimal("30.00"))
    with pytest.raises(ProblemError) as exc:
        stock.create_shipment("HS-1", "CN-SZ", "FBA-US", [LineInput("MUG-350-BLU", 60)],
                              trade_mode="9810")
    assert keys(exc) == ["stock.booking_required"]
    stock.create_shipment(
        "HS-1", "CN-SZ", "FBA-US",
        [LineInput("MUG-350-BLU", 60, gross_weight_kg=Decimal("30")),
         LineInput("LAMP-USB-WHT", 40, gross_weight_kg=Decimal("20"))],
        trade_mode="9810", booking_no="DC2026011000017", carrier="Matson", basis="weight",
        fees=[FeeInput("freight", Money.of("1000.00", "CNY")),
              FeeInput("duty", Money.of("50.00", "USD"), Decimal("7.1000"), D(2026, 1, 10),
                       "BOC")])
    preview, problems = stock.allocation_preview("HS-1")
    assert problems == []
    # 1000 + 355.00 CNY by weight 30:20 → 600.00 + 213.00 and 400.00 + 142.00
    assert [(r.sku, [str(f.amount) for f in r.fees], str(r.landed_cost.amount))
            for r in preview] == [("MUG-350-BLU", ["600.00", "213.00"], "1413.00"),
                                  ("LAMP-USB-WHT", ["400.00", "142.00"], "1742.00")]
    by_qty, _ = stock.allocation_preview("HS-1", "quantity")
    assert [str(r.fees[0].amount) for r in by_qty] == ["600.00", "400.00"]

    stock.ship("HS-1", D(2026, 1, 10))
    rows = {(r.sku, r.warehouse): (r.on_hand, r.in_transit) for r in stock.as_of(D(2026, 1, 10))}
    assert rows == {("MUG-350-BLU", "CN-SZ"): (40, 0), ("MUG-350-BLU", "FBA-US"): (0, 60),
                    ("LAMP-USB-WHT", "FBA-US"): (0, 40)}  # LAMP in CN-SZ is 0 now: not listed
    with pytest.raises(ProblemError) as exc:
        stock.receive("HS-1", D(2026, 2, 20), {"MUG-350-BLU": 61})
    assert keys(exc) == ["stock.over_receipt_reason"]
    stock.receive("HS-1", D(2026, 2, 20), {"MUG-350-BLU": 57})
    rows = {(r.sku, r.warehouse): (r.on_hand, r.in_transit, r.unit_cost.amount)
            for r in stock.as_of(D(2026, 2, 20))}
    # MUG: 100 @ 10 = 1000; 3 lost in transit → 97 units, 970.00; +813.00 fees → 1783.00 / 97
    # LAMP: 40 @ 30 = 1200 + 542.00 fees → 1742.00 / 40 = 43.55
    assert rows == {("MUG-350-BLU", "CN-SZ"): (40, 0, Decimal("18.3814")),
                    ("MUG-350-BLU", "FBA-US"): (57, 0, Decimal("18.3814")),
                    ("LAMP-USB-WHT", "FBA-US"): (40, 0, Decimal("43.5500"))}
    [info] = stock.shipments()
    assert (str(info.declared_cny), info.warnings) == ("0.00", ())
    assert (info.state, info.lines, str(info.fees_cny.amount)) == (
        "received", (("MUG-350-BLU", 60, 57), ("LAMP-USB-WHT", 40, 40)), "1355.00")
    kinds = [(r.kind, r.on_hand, r.in_transit, r.cause_type, r.cause_id)
             for r in stock.ledger(sku="MUG-350-BLU", warehouse="FBA-US")]
    assert kinds == [("transit_loss", 0, -3, "shipment", "HS-1"),
                     ("transfer_in", 57, -57, "shipment", "HS-1"),
                     ("transfer_ship", 0, 60, "shipment", "HS-1")]
    with pytest.raises(ProblemError) as exc:
        stock.receive("HS-1", D(2026, 2, 21))
    assert keys(exc) == ["stock.bad_transfer_state"]


def test_snapshots_give_the_same_answer_and_go_stale_on_backdated_movements(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 100, unit_cost=Decimal("1"))
    stock.transfer("T-1", "CN-SZ", "FBA-US", D(2026, 1, 20), [("MUG-350-BLU", 30)])
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 2, 3), "sale", -4)
    stock.snapshot(D(2026, 1, 31))
    assert stock.snapshots() == [("CN-SZ", D(2026, 1, 31)), ("DE-3PL", D(2026, 1, 31)),
                                 ("FBA-US", D(2026, 1, 31))]
    for day in (D(2026, 1, 31), D(2026, 2, 3), D(2026, 3, 1)):
        assert stock.balances(day) == stock.balances(day, use_snapshots=False)
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 25), "write_off", -1)  # back-dated
    assert stock.snapshots() == [("DE-3PL", D(2026, 1, 31)), ("FBA-US", D(2026, 1, 31))]
    assert [(r.warehouse, r.on_hand, r.in_transit) for r in stock.as_of(D(2026, 2, 28))] == [
        ("CN-SZ", 65, 0), ("FBA-US", 0, 30)]


def test_balances_come_the_shorter_way_and_equal_the_ledger_summed(stock, desk):
    """A day's balances come from the kept position totals less the movements after the day
    when those are fewer days of the ledger than the ones up to it (from the last month
    closed); otherwise summed up to it. Either way they equal the whole ledger summed, before
    and after a month is closed, for every day around each movement."""
    from sqlalchemy import event

    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 100, unit_cost=Decimal("1"))
    stock.move("LAMP-USB-WHT", "CN-SZ", D(2026, 1, 6), "receipt", 8, unit_cost=Decimal("3"))
    stock.transfer("T-1", "CN-SZ", "FBA-US", D(2026, 1, 20), [("MUG-350-BLU", 30)])
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 2, 3), "sale", -4)
    stock.move("LAMP-USB-WHT", "CN-SZ", D(2026, 2, 10), "sale", -8)  # back to zero
    stock.move("MUG-350-BLU", "DE-3PL", D(2026, 3, 1), "sale", -2)  # (negatives allowed)
    stock.move("TENT-4P-GRN", "CN-SZ", D(2026, 4, 30), "receipt", 5, unit_cost=Decimal("9"))
    statements: list[str] = []

    def remember(_conn, _cursor, sql, *_args):
        if "stock_movements" in sql and "sum(" in sql.lower():
            statements.append(sql)

    def read(day):
        statements.clear()
        event.listen(desk.store.engine, "before_cursor_execute", remember)
        try:
            return stock.balances(day)
        finally:
            event.remove(desk.store.engine, "before_cursor_execute", remember)

    days = [D(2026, 1, 4) + dt.timedelta(days=n) for n in range(0, 120, 3)]
    for closed in (False, True):
        if closed:
            stock.snapshot(D(2026, 1, 31))
        for day in days:
            assert read(day) == stock.balances(day, use_snapshots=False), (closed, day)
    summed_from = {}
    for day in (D(2026, 1, 10), D(2026, 4, 20), D(2026, 5, 31)):
        read(day)
        summed_from[day] = ["date <=" in sql for sql in statements]
    # before the snapshot's month: summed up to the day in each warehouse (three); on
    # 20 April the totals less what came after in CN-SZ (a receipt of 30 April), the totals
    # alone in the others (nothing after); after the last movement the totals alone
    assert summed_from[D(2026, 1, 10)] == [True, True, True]
    assert summed_from[D(2026, 4, 20)] == [False]
    assert summed_from[D(2026, 5, 31)] == []
    assert read(D(2026, 5, 31))[(1, 1)] == Balance(66, 0)
    # one position's ageing: sold out (left out of the balances) is nothing on hand
    sold_out = stock.ageing("LAMP-USB-WHT", "CN-SZ", D(2026, 5, 31))
    assert sold_out.layers == () and sum(n for _b, n in sold_out.buckets) == 0
    assert stock.ageing("MUG-350-BLU", "CN-SZ", D(2026, 5, 31)).older_than(0) == 66


def test_fba_report_import_writes_a_reconciliation_not_movements(stock, desk):
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 1), "receipt", 60, unit_cost=Decimal("1"))
    stock.move("TENT-4P-GRN", "FBA-US", D(2026, 3, 1), "receipt", 2, unit_cost=Decimal("1"))
    stock.move("mug-350-blu-used", "FBA-US", D(2026, 3, 1), "receipt", 1, unit_cost=Decimal("1"))
    before = len(stock.ledger())
    report = desk.imports.import_file(FBA_SAMPLE, options={"as_of": "2026-03-31"})
    assert report.written and len(stock.ledger()) == before
    [rec] = report.extra["reconciliations"]
    assert rec["warehouse"] == "FBA-US" and rec["unknown_skus"] == ["00123"]
    assert [(p.key, p.severity) for p in report.problems] == [("stock.unknown_sku", "warning")]
    [info] = stock.reconciliations()
    assert [(ln.sku, ln.status, ln.difference) for ln in info.lines] == [
        ("MUG-350-BLU", "differs", -3), ("LAMP-USB-WHT", "match", 0),
        ("TENT-4P-GRN", "match", 0), ("mug-350-blu-used", "match", 0),
        ("00123", "unknown_sku", 310)]
    stock.confirm(info.id)
    assert [(r.sku, r.on_hand) for r in stock.as_of(D(2026, 3, 31))] == [
        ("MUG-350-BLU", 57), ("TENT-4P-GRN", 2), ("mug-350-blu-used", 1)]
    [adj] = stock.ledger(kind="adjustment")
    assert (adj.cause_type, adj.cause_id, adj.reason, adj.date) == (
        "reconciliation", str(info.id), "reconciliation", D(2026, 3, 31))
    with pytest.raises(ProblemError) as exc:
        stock.confirm(info.id)
    assert keys(exc) == ["stock.reconciliation_closed"]


def test_import_dry_run_writes_nothing(stock, desk):
    report = desk.imports.import_file(FBA_SAMPLE, dry_run=True)
    assert not report.written and stock.reconciliations() == []
    assert report.extra["reconciliations"][0]["differences"] == 4


def test_alerts_from_sales_velocity(stock):
    stock.move("MUG-350-BLU", "FBA-US", D(2025, 6, 1), "receipt", 50, unit_cost=Decimal("1"))
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 1), "receipt", 40, unit_cost=Decimal("1"))
    stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 3, 1), "receipt", 10, unit_cost=Decimal("1"))
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 10), "sale", -30)
    stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 3, 20), "sale", -6)
    got = stock.alerts(D(2026, 3, 30), days=30, aged_days=180)
    assert [(a.kind, a.sku, a.warehouse, a.on_hand, a.cover_days) for a in got] == [
        ("low_stock", "LAMP-USB-WHT", "FBA-US", 4, Decimal("20.0")),
        ("aged_stock", "MUG-350-BLU", "FBA-US", 60, Decimal("60.0")),
    ]
    assert got[1].aged_units == 20  # FIFO: 30 sold from the June lot leave 20 of it
    a = stock.ageing("MUG-350-BLU", "FBA-US", D(2026, 3, 30))
    assert [(la.received, la.quantity) for la in a.layers] == [
        (D(2025, 6, 1), 20), (D(2026, 3, 1), 40)]


def test_import_with_bad_rows_writes_nothing_unless_skipped(stock, desk, tmp_path):
    from openpyxl import load_workbook

    lines = FBA_SAMPLE.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split("\t")
    cells[9] = "5x"  # afn-warehouse-quantity of MUG-350-BLU
    bad = tmp_path / "inv.txt"
    bad.write_text("\n".join([lines[0], "\t".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    report = desk.imports.import_file(bad, options={"as_of": "2026-03-31"})
    assert not report.written and stock.reconciliations() == []
    assert [(p.key, p.source.row) for p in report.problems] == [("stock.report_bad_quantity", 2)]
    report = desk.imports.import_file(bad, options={"as_of": "2026-03-31"}, skip_bad_rows=True)
    assert report.written and report.rejected == 1
    [info] = stock.reconciliations()
    assert "MUG-350-BLU" not in [ln.sku for ln in info.lines]
    ws = load_workbook(report.rejected_file).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["row", "column", "value", "问题", "problem"]
    assert rows[1][:3] == [2, "afn-warehouse-quantity", "5x"]
    assert rows[1][4] == '"5x" is not a whole number of units.'


def test_fees_change_until_received_and_drafts_can_be_cancelled(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 10, unit_cost=Decimal("10.00"))
    stock.create_shipment("B2B-1", "CN-SZ", "DE-3PL", [LineInput("MUG-350-BLU", 4)],
                          trade_mode="9710", order_no="PO-778")
    stock.set_fees("B2B-1", [FeeInput("freight", Money.of("10.01", "EUR"), Decimal("7.8"))],
                   basis="quantity")
    [row], _ = stock.allocation_preview("B2B-1")
    assert str(row.fees[0].amount) == "78.08"  # 10.01 × 7.8 = 78.078 → 78.08 (ROUND_HALF_UP)
    with pytest.raises(ProblemError) as exc:
        stock.set_fees("B2B-1", [FeeInput("duty", Money.of("1.001", "EUR"))])
    assert keys(exc) == ["stock.amount_not_rounded"]
    stock.cancel("B2B-1")
    assert [s.state for s in stock.shipments()] == ["cancelled"]
    with pytest.raises(ProblemError) as exc:
        stock.ship("B2B-1", D(2026, 1, 6))
    assert keys(exc) == ["stock.bad_transfer_state"]
    with pytest.raises(ProblemError) as exc:
        stock.set_fees("B2B-1", [])
    assert keys(exc) == ["stock.shipment_closed"]
    assert [r.on_hand for r in stock.as_of(D(2026, 1, 31))] == [10]


def test_a_9810_consignment_over_5000_cny_is_warned_about(stock):
    stock.move("TENT-4P-GRN", "CN-SZ", D(2026, 1, 5), "receipt", 20, unit_cost=Decimal("256"))
    stock.create_shipment("HS-BIG", "CN-SZ", "FBA-US", [
        LineInput("TENT-4P-GRN", 10, declared_value=Money.of("5200.00", "CNY"))],
        booking_no="DC1")
    [info] = stock.shipments()
    assert str(info.declared_cny) == "5200.00"
    assert [(p.key, p.severity, p.params["value"]) for p in info.warnings] == [
        ("stock.full_declaration", "warning", Decimal("5200.00"))]


def test_unit_cost_as_of_a_past_date(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 10, unit_cost=Decimal("10.00"))
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 2, 5), "receipt", 10, unit_cost=Decimal("20.00"))
    stock.move("LAMP-USB-WHT", "CN-SZ", D(2026, 2, 6), "receipt", 1, unit_cost=Decimal("7.00"))
    cost = {d: [(r.sku, str(r.unit_cost.amount)) for r in stock.as_of(d)]
            for d in (D(2026, 1, 31), D(2026, 2, 28))}
    assert cost == {D(2026, 1, 31): [("MUG-350-BLU", "10.0000")],
                    D(2026, 2, 28): [("LAMP-USB-WHT", "7.0000"), ("MUG-350-BLU", "15.0000")]}
    assert [(r.kind, r.unit_cost) for r in stock.ledger(sku="MUG-350-BLU")] == [
        ("receipt", Decimal("20.0000")), ("receipt", Decimal("10.0000"))]


def test_a_line_that_never_arrived_is_all_transit_loss(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 10, unit_cost=Decimal("10.00"))
    stock.create_shipment("HS-L", "CN-SZ", "FBA-US", [LineInput("MUG-350-BLU", 4)],
                          booking_no="DC9", basis="quantity",
                          fees=[FeeInput("freight", Money.of("12.00", "CNY"))])
    stock.ship("HS-L", D(2026, 1, 6))
    stock.receive("HS-L", D(2026, 2, 1), {"MUG-350-BLU": 0})
    assert [(r.warehouse, r.on_hand, r.in_transit) for r in stock.as_of(D(2026, 2, 1))] == [
        ("CN-SZ", 6, 0)]
    [loss] = stock.ledger(kind="transit_loss")
    assert (loss.in_transit, loss.on_hand) == (-4, 0)
    # 6 units left carry their 60.00 plus the 12.00 freight paid for the lost box
    assert stock.as_of(D(2026, 2, 1))[0].unit_cost.amount == Decimal("12.0000")


def test_shipping_more_than_on_hand_is_refused_and_the_draft_stays(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 3, unit_cost=Decimal("10.00"))
    stock.create_shipment("HS-X", "CN-SZ", "FBA-US", [LineInput("MUG-350-BLU", 5)],
                          booking_no="DC5")
    with pytest.raises(ProblemError) as exc:
        stock.ship("HS-X", D(2026, 1, 6))
    [p] = exc.value.problems
    assert (p.key, p.params["warehouse"], p.params["date"], p.params["on_hand"]) == (
        "stock.negative_on_hand", "CN-SZ", "2026-01-06", -2)
    assert [s.state for s in stock.shipments()] == ["draft"]
    assert len(stock.ledger()) == 1


def test_a_draft_can_be_rewritten_until_it_ships(stock):
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 50, unit_cost=Decimal("10.00"))
    stock.move("LAMP-USB-WHT", "CN-SZ", D(2026, 1, 5), "receipt", 50, unit_cost=Decimal("30.00"))
    stock.create_shipment("HS-E", "CN-SZ", "FBA-US", [
        LineInput("MUG-350-BLU", 10, Decimal("4"), box_no="B1"),
        LineInput("LAMP-USB-WHT", 5, Decimal("2"), box_no="B1")], booking_no="DC1",
        fees=[FeeInput("freight", Money.of("60.00", "CNY"))])
    stock.update_shipment("HS-E", "CN-SZ", "DE-3PL", [
        LineInput("MUG-350-BLU", 12, Decimal("5"), box_no="B2"),
        LineInput("LAMP-USB-WHT", 5, Decimal("1"), box_no="B3")], booking_no="DC2",
        carrier="COSCO", basis="weight",
        fees=[FeeInput("freight", Money.of("90.00", "CNY"))])
    info, lines, fees = stock.shipment_detail("HS-E")
    assert (info.destination, info.booking_no, info.carrier) == ("DE-3PL", "DC2", "COSCO")
    assert [(ln.sku, ln.quantity, ln.box_no) for ln in lines] == [
        ("MUG-350-BLU", 12, "B2"), ("LAMP-USB-WHT", 5, "B3")]
    assert [(f.kind, str(f.amount.amount)) for f in fees] == [("freight", "90.00")]
    preview, _ = stock.allocation_preview("HS-E")
    assert [str(r.fees[0].amount) for r in preview] == ["75.00", "15.00"]
    stock.ship("HS-E", D(2026, 1, 6))
    with pytest.raises(ProblemError) as exc:
        stock.update_shipment("HS-E", "CN-SZ", "DE-3PL", [LineInput("MUG-350-BLU", 1)],
                              booking_no="DC2")
    assert keys(exc) == ["stock.shipment_not_draft"]


def test_one_line_per_sku_on_a_shipment(stock):
    with pytest.raises(ProblemError) as exc:
        stock.create_shipment("HS-2L", "CN-SZ", "FBA-US", [
            LineInput("MUG-350-BLU", 1), LineInput("MUG-350-BLU", 2)], booking_no="DC")
    assert [(p.key, p.source.entity_id) for p in exc.value.problems] == [
        ("stock.duplicate_line", "2")]
    assert stock.shipments() == []


def test_the_same_report_imported_again_keeps_its_one_open_reconciliation(stock, desk):
    """A re-import of the same FBA report changes nothing (issue 15 fuzz finding: it opened a
    second, identical reconciliation each time)."""
    first = desk.imports.import_file(FBA_SAMPLE, options={"as_of": "2026-03-31"})
    again = desk.imports.import_file(FBA_SAMPLE, options={"as_of": "2026-03-31"})
    dry = desk.imports.import_file(FBA_SAMPLE, options={"as_of": "2026-03-31"}, dry_run=True)
    assert (first.imported, again.imported, again.unchanged, dry.unchanged) == (5, 0, 5, 5)
    assert (again.extra["reconciliations"][0]["id"]
            == first.extra["reconciliations"][0]["id"])
    assert len(stock.reconciliations()) == 1
    # another date is another reconciliation; a confirmed one is not reused
    other = desk.imports.import_file(FBA_SAMPLE, options={"as_of": "2026-04-30"})
    assert other.imported == 5 and len(stock.reconciliations()) == 2
    stock.confirm(first.extra["reconciliations"][0]["id"])
    later = desk.imports.import_file(FBA_SAMPLE, options={"as_of": "2026-03-31"})
    assert later.imported == 5 and len(stock.reconciliations()) == 3


def _statements(desk):
    """A list that collects every statement SQLite runs for ``desk``'s connections from now
    on, those sent on the driver connection past SQLAlchemy included (stop with
    ``desk.store.engine`` disposed, or at the test's end)."""
    from sqlalchemy import event

    seen: list[str] = []
    engine = desk.store.engine
    engine.dispose()  # every connection made again, traced
    event.listen(engine, "connect", lambda con, _rec: con.set_trace_callback(seen.append))
    return seen


def test_alerts_and_unit_costs_read_the_skus_they_name_not_the_catalogue(stock, desk):
    """A catalogue of products without stock is not read to name the alerts' SKUs (at 1M
    products the dashboard's alerts read every SKU: 1.2 s and 250 MB more), and a dialog asks
    the costs of the SKUs it shows."""
    from seller_desk.core.products import ProductData

    for i in range(30):
        desk.products.save(ProductData(sku=f"IDLE-{i:02d}", name_zh="闲置", name_en="idle"))
    stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 3, 1), "receipt", 10, unit_cost=Decimal("2.5"))
    stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 3, 20), "sale", -6)
    statements = _statements(desk)
    got = stock.alerts(D(2026, 3, 30), days=30, aged_days=180)
    assert [(a.kind, a.sku, a.on_hand) for a in got] == [("low_stock", "LAMP-USB-WHT", 4)]
    read_products = [q for q in statements if "FROM products" in q]
    assert read_products and all("WHERE products.id IN" in q for q in read_products)
    assert stock.unit_costs(["LAMP-USB-WHT", "IDLE-03", "NOPE"]) == {
        "LAMP-USB-WHT": Decimal("2.5000"), "IDLE-03": Decimal("0.0000")}


def test_ageing_of_many_positions_reads_their_receipts_together(stock, desk):
    """The ageing report and the aged-stock alerts read the arrivals of all their positions
    in one query per few thousand products (one query a position took 6 s at 10k SKUs in 3
    warehouses), and age each position as the one-position ageing does."""
    stock.move("MUG-350-BLU", "FBA-US", D(2025, 6, 1), "receipt", 50, unit_cost=Decimal("1"))
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 1), "receipt", 40, unit_cost=Decimal("1"))
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 10), "sale", -30)
    stock.move("LAMP-USB-WHT", "FBA-US", D(2025, 1, 1), "opening", 10, unit_cost=Decimal("1"))
    stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 2, 1), "return", 2)
    statements = _statements(desk)
    report = stock.ageing_report(D(2026, 3, 30))
    alerts = stock.alerts(D(2026, 3, 30), days=30, aged_days=180)
    arrivals = [q for q in statements if "stock_movements.on_hand > " in q]
    assert len(arrivals) == 2  # one for the report, one for the alerts
    assert [(sku, wh, n) for sku, wh, n, _a in report] == [
        ("LAMP-USB-WHT", "FBA-US", 12), ("MUG-350-BLU", "FBA-US", 60)]
    for sku, wh, _n, aged in report:
        assert aged == stock.ageing(sku, wh, D(2026, 3, 30))
    assert {(a.kind, a.sku, a.aged_units) for a in alerts if a.kind == "aged_stock"} == {
        ("aged_stock", "MUG-350-BLU", 20), ("aged_stock", "LAMP-USB-WHT", 10)}


def test_the_overview_is_the_stock_alerts_and_ageing_of_one_read(stock, desk):
    """What the Stock page shows of a date comes from one read: the stock, the alerts and the
    ageing exactly as as_of, alerts and ageing_report give them (for every warehouse picked,
    an unknown one too), with the balances read once per warehouse and the arrivals read once
    (the three apart: three reads of the balances, two of the arrivals)."""
    stock.move("MUG-350-BLU", "FBA-US", D(2025, 6, 1), "receipt", 50, unit_cost=Decimal("1"))
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 1), "receipt", 40, unit_cost=Decimal("2"))
    stock.move("MUG-350-BLU", "FBA-US", D(2026, 3, 10), "sale", -86)
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 1, 5), "receipt", 500, unit_cost=Decimal("12.4"))
    stock.move("MUG-350-BLU", "CN-SZ", D(2026, 3, 9), "sale", -20)
    stock.move("LAMP-USB-WHT", "FBA-US", D(2025, 1, 1), "opening", 10, unit_cost=Decimal("1"))
    stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 2, 1), "return", 2)
    stock.move("TENT-4P-GRN", "DE-3PL", D(2026, 3, 2), "sale", -3)  # negative allowed there
    stock.snapshot(D(2026, 2, 28), warehouse="CN-SZ")
    day = D(2026, 3, 30)
    for warehouse in (None, "FBA-US", "CN-SZ", "DE-3PL", "NOWHERE"):
        statements = _statements(desk)
        seen = stock.overview(day, warehouse=warehouse, days=30, aged_days=180)
        sums = [q for q in statements if "sum(stock_movements.in_transit)" in q]
        totals = [q for q in statements if "FROM stock_positions" in q]
        arrivals = [q for q in statements if "stock_movements.on_hand > " in q]
        # three warehouses' kept totals, once each (nothing is dated after the day: no sum)
        assert (len(totals), len(sums), len(arrivals)) == (3, 0, 1), warehouse
        assert seen.rows == stock.as_of(day, warehouse=warehouse)
        assert seen.alerts == stock.alerts(day, days=30, aged_days=180)
        assert seen.ageing == stock.ageing_report(day, warehouse=warehouse)
    everything = stock.overview(day)
    assert [(r.sku, r.warehouse, r.on_hand) for r in everything.rows] == [
        ("LAMP-USB-WHT", "FBA-US", 12), ("MUG-350-BLU", "CN-SZ", 480),
        ("MUG-350-BLU", "FBA-US", 4), ("TENT-4P-GRN", "DE-3PL", -3)]
    assert {a.kind for a in everything.alerts} >= {"aged_stock", "low_stock"}
    assert [(sku, wh, n) for sku, wh, n, _a in everything.ageing] == [
        ("LAMP-USB-WHT", "FBA-US", 12), ("MUG-350-BLU", "CN-SZ", 480),
        ("MUG-350-BLU", "FBA-US", 4)]
