"""`seller-desk stock` and the demo company's stock."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from seller_desk.cli import main

FBA_SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / \
    "amazon-fba-manage-inventory.txt"


@pytest.fixture
def company(desk, db_url):
    from seller_desk.store.models.catalog import Product

    with desk.write() as s:
        for sku in ("MUG-350-BLU", "TENT-4P-GRN"):
            s.add(Product(sku=sku, name_zh=sku))
    desk.stock.add_warehouse("CN-HZ", "杭州仓", "domestic", "CN")
    desk.stock.add_warehouse("FBA-US", "FBA US", "fba", "US")
    desk.stock.move("MUG-350-BLU", "CN-HZ", dt.date(2026, 3, 1), "receipt", 80,
                    unit_cost=Decimal("12.40"))
    desk.stock.transfer("T-1", "CN-HZ", "FBA-US", dt.date(2026, 3, 2), [("MUG-350-BLU", 50)])
    desk.stock.receive("T-1", dt.date(2026, 3, 20), {"MUG-350-BLU": 49})
    desk.stock.transfer("T-2", "CN-HZ", "FBA-US", dt.date(2026, 3, 25), [("MUG-350-BLU", 10)])
    desk.close()  # the CLI opens the file itself
    return db_url


def run_json(capsys, *args: str):
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_stock_as_of_json(company, capsys):
    code, rows = run_json(capsys, "stock", "--as-of", "2026-03-31", "--db", company)
    assert code == 0
    assert rows == [
        {"sku": "MUG-350-BLU", "warehouse": "CN-HZ", "on_hand": 20, "in_transit": 0,
         "unit_cost": {"amount": "12.4000", "currency": "CNY"}},
        {"sku": "MUG-350-BLU", "warehouse": "FBA-US", "on_hand": 49, "in_transit": 10,
         "unit_cost": {"amount": "12.4000", "currency": "CNY"}},
    ]
    code, rows = run_json(capsys, "stock", "--as-of", "2026-03-10", "--warehouse", "FBA-US",
                          "--db", company)
    assert rows == [{"sku": "MUG-350-BLU", "warehouse": "FBA-US", "on_hand": 0,
                     "in_transit": 50, "unit_cost": {"amount": "12.4000", "currency": "CNY"}}]


def test_stock_reconcile_then_confirm(company, capsys):
    code, out = run_json(capsys, "stock", "--reconcile", str(FBA_SAMPLE), "--as-of",
                         "2026-03-31", "--db", company)
    assert code == 0 and out["written"] is True
    [rec] = out["reconciliations"]
    assert (rec["warehouse"], rec["report_date"], rec["differences"]) == (
        "FBA-US", "2026-03-31", 5)
    assert rec["unknown_skus"] == ["LAMP-USB-WHT", "mug-350-blu-used", "00123"]
    code, out = run_json(capsys, "stock", "--confirm", str(rec["id"]), "--db", company)
    assert out == {"reconciliation": rec["id"], "adjustments": 2}  # MUG and TENT
    code, rows = run_json(capsys, "stock", "--as-of", "2026-03-31", "--warehouse", "FBA-US",
                          "--db", company)
    assert [(r["sku"], r["on_hand"]) for r in rows] == [("MUG-350-BLU", 57), ("TENT-4P-GRN", 2)]
    code, out = run_json(capsys, "stock", "--confirm", str(rec["id"]), "--db", company)
    assert code == 1 and out["problems"][0]["key"] == "stock.reconciliation_closed"


def test_stock_alerts_ledger_and_close(company, capsys):
    code, lines = run_json(capsys, "stock", "--ledger", "--as-of", "2026-03-31",
                           "--warehouse", "FBA-US", "--db", company)
    assert [(x["kind"], x["on_hand"], x["in_transit"]) for x in lines] == [
        ("transfer_ship", 0, 10), ("transit_loss", 0, -1), ("transfer_in", 49, -49),
        ("transfer_ship", 0, 50)]
    code, out = run_json(capsys, "stock", "--close", "--as-of", "2026-03-31", "--db", company)
    assert out == {"closed": "2026-03-31", "snapshots": 2}
    # the plain text counts in English: one snapshot, or snapshots
    assert main(["stock", "--close", "--as-of", "2026-03-31", "--warehouse", "FBA-US",
                 "--db", company]) == 0
    assert capsys.readouterr().out.strip() == "1 snapshot at 2026-03-31"
    assert main(["stock", "--close", "--as-of", "2026-03-31", "--db", company]) == 0
    assert capsys.readouterr().out.strip() == "2 snapshots at 2026-03-31"
    code, alerts = run_json(capsys, "stock", "--alerts", "--as-of", "2026-03-31", "--db", company)
    assert code == 0 and alerts == []  # nothing sold: no cover alerts


def test_demo_company_has_stock_across_three_warehouses(demo_desk):
    st = demo_desk.stock
    assert [(w.code, w.kind) for w in st.warehouses()] == [
        ("CN-HZ", "domestic"), ("DE-GC", "third_party"), ("FBA-US", "fba")]
    ships = st.shipments()
    assert len(ships) >= 6
    assert all(s.trade_mode == "9810" and s.booking_no.startswith("DC") for s in ships)
    assert {s.state for s in ships} >= {"received"}
    today = dt.date(2026, 11, 20)
    assert st.balances(today) == st.balances(today, use_snapshots=False)
    assert len(st.snapshots()) >= 3 * 5
    rows = st.as_of(today)
    assert {r.warehouse for r in rows} == {"CN-HZ", "DE-GC", "FBA-US"}
    assert all(r.on_hand >= 0 for r in rows)
    assert all(r.unit_cost.amount > 0 for r in rows)
    [rec] = st.reconciliations()
    assert rec.state == "open" and "MUG-350-BLU-V2" in [ln.sku for ln in rec.lines]


def test_stock_ageing_json(company, capsys):
    code, rows = run_json(capsys, "stock", "--ageing", "--as-of", "2026-05-15", "--db", company)
    assert code == 0
    assert [(r["sku"], r["warehouse"], r["on_hand"], r["oldest_days"],
             {k: v for k, v in r["buckets"].items() if v}) for r in rows] == [
        ("MUG-350-BLU", "CN-HZ", 20, 75, {"61-90": 20}),
        ("MUG-350-BLU", "FBA-US", 49, 56, {"31-60": 49}),  # T-2 still in transit
    ]


def test_stock_reconcile_a_3pl_list_with_a_column_mapping(company, capsys, tmp_path):
    path = tmp_path / "de.csv"
    path.write_text("Item,Qty OK,Qty damaged\nMUG-350-BLU,47,1\n", encoding="utf-8")
    code, out = run_json(capsys, "stock", "--reconcile", str(path), "--warehouse", "FBA-US",
                         "--as-of", "2026-03-31", "--map", "sku=Item", "--map",
                         "available=Qty OK", "--map", "unsellable=Qty damaged", "--db", company)
    assert code == 0
    [rec] = out["reconciliations"]
    assert (rec["warehouse"], rec["differences"], rec["unknown_skus"]) == ("FBA-US", 1, [])


def test_stock_ledger_filters(company, capsys):
    code, lines = run_json(capsys, "stock", "--ledger", "--as-of", "2026-03-31", "--from",
                           "2026-03-20", "--kind", "transfer_in", "--db", company)
    assert code == 0
    assert [(x["date"], x["warehouse"], x["on_hand"]) for x in lines] == [
        ("2026-03-20", "FBA-US", 49)]


def test_demo_stock_sales_are_the_demo_orders(demo_desk):
    """Orders → stock in the demo: FBA-US on hand = what arrived there − the Amazon US orders'
    quantities + their refunded lines, the sales counted from the orders themselves."""
    today = dt.date(2026, 11, 20)
    st = demo_desk.stock
    for sku in ("LAMP-USB-WHT", "STAND-PH-01"):
        ledger = st.ledger(sku=sku, warehouse="FBA-US", limit=100_000)
        received = sum(x.on_hand for x in ledger if x.kind in ("opening", "receipt",
                                                                "transfer_in"))
        sold = returned = 0
        for o in demo_desk.orders.list_orders():
            if o["marketplace"] != "amazon.com":
                continue
            qty = {ln["sku"]: ln["quantity"] for ln in o["lines"] if ln["mapped"]}
            sold += qty.get(sku, 0)
            returned += sum(qty.get(sku, 0) for e in o["events"] if e["kind"] == "refund"
                            and e["sku"] == sku and e["date"][:10] <= today.isoformat())
        assert sold > 0
        [row] = [r for r in st.as_of(today, warehouse="FBA-US") if r.sku == sku]
        assert row.on_hand == received - sold + returned
        # and nothing else moved it: no invented sales in the demo ledger
        assert {x.cause_type for x in ledger if x.kind in ("sale", "return")} == {"order"}
    assert demo_desk.orders.pending_stock(today) == ([], [])  # every order posted, none refused
