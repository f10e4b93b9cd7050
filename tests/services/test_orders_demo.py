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
    # released lists are never re-sent as new (issue 14): only the month's summary is written
    assert kinds == ["CEB701"] and len(out["already_sent"]) == len(
        [d for d in released if d.ie_date.strftime("%Y-%m") == month])
    fresh = max(d.ie_date for d in decls if not d.status_code).strftime("%Y-%m")
    new = demo_desk.orders.export_month(fresh, tmp_path / "ceb2",
                                        now=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    assert {"CEB303", "CEB603"} <= {Path(f).name[:6] for f in new["files"]}
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for f in out["files"] + new["files"]:
        assert schema.validate(etree.parse(f)), schema.error_log


def test_fx_seams_evidence_and_declared_usd(demo_desk):
    from decimal import Decimal

    from seller_desk.core.money import Money

    released = [d for d in demo_desk.orders.list_declarations() if d.status_code in ("800", "899")]
    d = next(x for x in released if x.currency == "USD")
    ref = demo_desk.orders.evidence_for_fx(d.order_no)
    assert ref.order_id == d.order_no and ref.ship_date == d.ie_date
    assert ref.amount == Money.of(d.goods_value, "USD") and ref.logistics_no == d.logistics_no
    assert demo_desk.orders.evidence_for_fx("no-such-order") is None
    month = d.ie_date.strftime("%Y-%m")
    eur = [x for x in released if x.currency == "EUR" and x.ie_date.strftime("%Y-%m") == month]
    usd_total = sum((Decimal(x.goods_value) for x in released
                     if x.currency == "USD" and x.ie_date.strftime("%Y-%m") == month), Decimal(0))
    for rate in ("1.0800", "1.0850"):  # the FX page may retype the month's SAFE rate
        demo_desk.fx.set_rate("EUR", month, rate)
        by_month = demo_desk.orders.declared_usd_by_month(d.ie_date.year)
        eur_usd = sum(((Decimal(x.goods_value) * Decimal(rate)).quantize(Decimal("0.01"))
                       for x in eur), Decimal(0))
        assert by_month[d.ie_date.strftime("%Y%m")] == usd_total + eur_usd
    # and the FX reconciliation now sees the declared exports
    rows = {r["month"]: r for r in demo_desk.fx.reconciliation(d.ie_date.year)}
    assert Decimal(rows[d.ie_date.strftime("%Y%m")]["declared_usd"]) == by_month[
        d.ie_date.strftime("%Y%m")]


def test_demo_month_with_collection_receipts(demo_desk, tmp_path):
    # a month with lists not yet sent (released ones are never re-sent, issue 14)
    fresh = [d for d in demo_desk.orders.list_declarations() if not d.status_code]
    month = max(d.ie_date for d in fresh).strftime("%Y-%m")
    out = demo_desk.orders.export_month(month, tmp_path / "ceb", with_receipts=True,
                                        now=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    receipts = [f for f in out["files"] if Path(f).name.startswith("CEB403")]
    assert len(receipts) == 1
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(receipts[0])
    assert schema.validate(doc), schema.error_log
    ns = {"ceb": "http://www.chinaport.gov.cn/ceb"}
    assert len(doc.findall("ceb:Receipts", ns)) == len(out["written"])
    # arrival time is the payout's deposit date (China time), after the order
    dates = [e.text for e in doc.iterfind("ceb:Receipts/ceb:accountingDate", ns)]
    assert all(len(x) == 14 and x[:6] >= month.replace("-", "") for x in dates)


def test_summary_preview_of_the_demo(demo_desk):
    released = [d for d in demo_desk.orders.list_declarations() if d.status_code == "800"]
    month = released[0].ie_date.strftime("%Y-%m")
    out = demo_desk.orders.summary_preview(month)
    assert out["lists"] == sorted(d.invt_no for d in released if d.ie_date.strftime("%Y-%m") == month)
    y, m = (int(x) for x in month.split("-"))
    due = dt.date(y + (m == 12), m % 12 + 1, 15)
    while due.weekday() >= 5:  # 节假日顺延: a weekend 15th rolls to Monday (no holiday here)
        due += dt.timedelta(days=1)
    assert out["due"] == due.isoformat()
    # every list line is in exactly one group, and the money adds up per currency
    from decimal import Decimal

    by_cur: dict[str, Decimal] = {}
    for g in out["groups"]:
        by_cur[g["currency"]] = by_cur.get(g["currency"], Decimal(0)) + Decimal(g["amount"])
    expected: dict[str, Decimal] = {}
    for d in released:
        if d.ie_date.strftime("%Y-%m") == month:
            expected[d.currency] = expected.get(d.currency, Decimal(0)) + Decimal(d.goods_value)
    assert by_cur == expected
