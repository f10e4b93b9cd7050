"""The demo company's orders part: months of orders, payouts that reconcile, and a month of
customs messages that validates against the official XSD."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parents[2].parent / "shared" / "ceb" / "xsd" / "ceb-export-202205.xsd"


def test_demo_orders_settlements_and_a_valid_month_of_messages(demo_desk, tmp_path):
    orders = demo_desk.orders.list_orders()
    assert len(orders) == 120
    assert {o["marketplace"] for o in orders} == {"amazon.com", "amazon.de", "shopee.ph"}
    settlements = demo_desk.orders.list_settlements()
    assert settlements and all(s["reconciles"] for s in settlements)
    decls = demo_desk.orders.list_declarations()
    assert decls and sum(not d.match_ok for d in decls) == 1
    released = [d for d in decls if d.status_code in ("800", "899")]
    assert released and all(d.invt_no.startswith("2900") for d in released)
    month = max(d.ie_date for d in released).strftime("%Y-%m")
    out = demo_desk.orders.export_month(month, tmp_path / "ceb",
                                        now=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    kinds = sorted(Path(f).name[:6] for f in out["files"])
    assert "CEB303" in kinds and "CEB603" in kinds and "CEB701" in kinds
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for f in out["files"]:
        assert schema.validate(etree.parse(f)), schema.error_log
