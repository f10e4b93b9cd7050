"""desk.fx evidence with real orders, waybills and filings: waybills bring their declaration's
orders (amounts stay the orders', each backing settlements once), filings are supporting
documents, everything in one transaction, the pack lists both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from seller_desk.core.problems import ProblemError
from seller_desk.store.models.fx import FxEvidence, FxEvidenceDoc
from seller_desk.store.models.orders import Declaration, Order, OrderLine, Waybill

TODAY = dt.date(2026, 11, 22)


def day(s):
    return dt.date.fromisoformat(s)


def add_order(s, no, amount, cur, ordered, *, sku, country, waybill=None, shipped=None):
    o = Order(marketplace="amazon.com", order_no=no, currency=cur, buyer_country=country,
              ordered_at=dt.datetime.combine(day(ordered), dt.time(9)))
    o.lines.append(OrderLine(line_no=1, sku=sku, title=f"goods {sku}", quantity=1,
                             amount_amount=D(amount), amount_currency=cur))
    s.add(o)
    s.flush()
    if waybill:
        code, no_ = waybill.split(":")
        s.add(Declaration(cop_no=f"COP-{no}", trade_mode="9610", customs_code="2992",
                          port_code="2992", ie_date=day(shipped), order_ref=o.id, order_no=no,
                          ebp_code="无", ebp_name="Amazon", logistics_code=code,
                          logistics_name="declared name", logistics_no=no_, country=country,
                          gross_weight=D("1"), net_weight=D("1"), freight_currency=cur,
                          status_code="800"))


@pytest.fixture
def world(desk):
    desk.fx.today = lambda: TODAY
    desk.fx.set_rate("EUR", "2024-03", "1.0856")
    with desk.write() as s:
        s.add(Waybill(logistics_code="YTO", logistics_name="圆通速递", logistics_no="YT001"))
        add_order(s, "A-1", "300.00", "USD", "2024-03-01", sku="CUP-1", country="US",
                  waybill="YTO:YT001", shipped="2024-03-02")
        add_order(s, "A-3", "100.00", "USD", "2024-03-01", sku="CUP-3", country="US",
                  waybill="YTO:YT001", shipped="2024-03-02")
        add_order(s, "A-2", "200.00", "EUR", "2024-03-01", sku="MUG-2", country="DE",
                  waybill="SF:SF002", shipped="2024-03-03")
        add_order(s, "OLD-9", "50.00", "USD", "2023-01-05", sku="CUP-1", country="US")
    filing = desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJKJ-0518",
                                    authority="杭州综试区", approved_on="2023-03-15", today=TODAY)
    r1, _ = desk.fx.add_record(date=day("2024-03-10"), kind="receipt", amount="350.00",
                               currency="USD")
    r2, _ = desk.fx.add_record(date=day("2024-03-12"), kind="receipt", amount="260.00",
                               currency="USD")
    return desk, filing, r1, r2


def evidence(desk):
    with desk.read() as s:
        ev = sorted((e.record_id, e.order_id, e.used_usd) for e in s.query(FxEvidence))
        docs = sorted((d.record_id, d.kind, d.ref, d.detail) for d in s.query(FxEvidenceDoc))
    return ev, docs


def test_waybill_brings_its_orders_and_filing_is_a_document(world):
    desk, filing, r1, r2 = world
    view, warnings = desk.fx.link_evidence(r1.id, waybills=["YTO:YT001"], filings=[filing.id])
    assert warnings == []
    assert [(e["order_id"], e["used_usd"]) for e in view.evidence] == [
        ("A-1", "300.00"), ("A-3", "50.00")]
    assert [(w["name"], w["number"], w["orders"]) for w in view.waybills] == [
        ("圆通速递", "YT001", ["A-1", "A-3"])]
    assert [(f["code"], f["number"], f["detail"]) for f in view.filings] == [
        ("zone_platform", "ZJKJ-0518", "杭州综试区, 2023-03-15")]
    js = view.to_json()
    assert js["waybills"][0]["key"] == "YTO:YT001" and js["filings"][0]["id"] == filing.id

    # the same waybill again: A-1 is used up by r1 -> refused, nothing saved for r2
    before = evidence(desk)
    with pytest.raises(ProblemError) as exc:
        desk.fx.link_evidence(r2.id, ["A-2"], waybills=["YTO:YT001"], filings=[filing.id])
    assert [(p.key, p.params.get("order")) for p in exc.value.problems] == [
        ("fx.evidence_used", "A-1")]
    assert exc.value.problems[0].params["amount"] == "300.00"
    assert evidence(desk) == before and desk.fx.record(r2.id).documents == ()

    # A-2 (EUR 200.00 x 1.0856 = US$217.12) and what is left of A-3 (US$50.00) cover US$260.00
    view2, _ = desk.fx.link_evidence(r2.id, ["A-2", "A-3"], waybills=["SF:SF002"],
                                     filings=[filing.id])
    assert [(e["order_id"], e["usd"], e["used_usd"]) for e in view2.evidence] == [
        ("A-2", "217.12", "217.12"), ("A-3", "100.00", "42.88")]
    assert [(w["name"], w["number"], w["orders"]) for w in view2.waybills] == [
        ("declared name", "SF002", ["A-2"])]
    with desk.read() as s:
        from sqlalchemy import func, select

        assert s.scalar(select(func.sum(FxEvidence.used_usd)).where(
            FxEvidence.order_id == "A-3")) == D("92.88")  # 50.00 + 42.88 <= 100.00


def test_unknown_waybill_or_filing_refuses_everything(world):
    desk, filing, r1, _ = world
    desk.fx.link_evidence(r1.id, ["A-1", "A-3"], filings=[filing.id])
    before = evidence(desk)
    with pytest.raises(ProblemError) as exc:
        desk.fx.link_evidence(r1.id, ["A-1", "A-3"], waybills=["YTO:NOPE"], filings=[9999])
    assert [(p.key, p.params) for p in exc.value.problems] == [
        ("fx.waybill_not_found", {"waybill": "YTO:NOPE"}),
        ("fx.filing_not_found", {"filing": "9999"})]
    assert evidence(desk) == before
    # a filing alone is no amount: the coverage rule still needs orders
    with pytest.raises(ProblemError) as exc:
        desk.fx.link_evidence(r1.id, [], filings=[filing.id])
    assert [p.key for p in exc.value.problems] == ["fx.evidence_short"]
    assert exc.value.problems[0].params == {"covered": "0.00", "needed": "350.00"}
    assert evidence(desk) == before
    desk.fx.unlink_evidence(r1.id)
    assert evidence(desk) == ([], [])


def test_candidates_of_the_picker(world):
    desk, filing, r1, r2 = world
    desk.fx.link_evidence(r1.id, waybills=["YTO:YT001"])
    c = desk.fx.evidence_candidates(r2.id)
    assert c["needed_usd"] == D("260.00") and c["window_days"] == 180
    assert c["start"] == day("2023-09-14")
    rows = {o["order_id"]: o for o in c["orders"]}
    assert sorted(rows) == ["A-1", "A-2", "A-3"]  # OLD-9 shipped outside the window
    assert (rows["A-1"]["usd"], rows["A-1"]["used_usd"], rows["A-1"]["left_usd"]) == (
        D("300.00"), D("300.00"), D("0.00"))
    assert (rows["A-3"]["used_usd"], rows["A-3"]["left_usd"]) == (D("50.00"), D("50.00"))
    assert (rows["A-2"]["amount"].amount, rows["A-2"]["usd"], rows["A-2"]["left_usd"]) == (
        D("200.00"), D("217.12"), D("217.12"))
    assert rows["A-2"]["skus"] == ["MUG-2"] and rows["A-2"]["buyer_country"] == "DE"
    assert rows["A-2"]["waybill"] == "SF:SF002" and rows["A-2"]["ship_date"] == day("2024-03-03")
    assert [(w["key"], w["orders"]) for w in c["waybills"]] == [
        ("SF:SF002", ["A-2"]), ("YTO:YT001", ["A-1", "A-3"])]
    assert [(f["id"], f["number"], f["linked"]) for f in c["filings"]] == [
        (filing.id, "ZJKJ-0518", False)]
    assert [o["order_id"] for o in desk.fx.evidence_candidates(r2.id, search="mug")["orders"]] == [
        "A-2"]
    assert [o["order_id"] for o in desk.fx.evidence_candidates(r2.id, search="de")["orders"]] == [
        "A-2"]
    # r1's own links are not "used by others" for r1
    mine = {o["order_id"]: o for o in desk.fx.evidence_candidates(r1.id)["orders"]}
    assert mine["A-1"]["used_usd"] == D("0.00") and mine["A-1"]["linked"]


def test_pack_lists_waybills_and_filings(world, tmp_path):
    import shutil
    import subprocess

    from openpyxl import load_workbook

    from seller_desk.messages import message

    desk, filing, r1, _ = world
    desk.fx.link_evidence(r1.id, waybills=["YTO:YT001"], filings=[filing.id])
    out = desk.fx.documentation_pack(record_ids=[r1.id], pdf=tmp_path / "p.pdf",
                                     xlsx=tmp_path / "p.xlsx", generated_on=TODAY)
    wb = load_workbook(out["xlsx"])
    ws = wb["关联运单"]
    assert [c.value for c in ws[2]] == [str(r1.id), "圆通速递", "YTO", "YT001", "A-1, A-3"]
    ws = wb["关联备案"]
    assert [c.value for c in ws[2]] == [str(r1.id), message("filing.kind.zone_platform", "zh_CN"),
                                        "ZJKJ-0518", "杭州综试区, 2023-03-15"]
    if shutil.which("pdftotext"):
        text = "".join(subprocess.run(["pdftotext", str(out["pdf"]), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
        assert "关联运单（物流凭证）" in text and "圆通速递" in text and "YT001" in text
        assert "关联备案（辅助材料）" in text and "ZJKJ-0518" in text
    en = desk.fx.documentation_pack(record_ids=[r1.id], xlsx=tmp_path / "e.xlsx", lang="en",
                                    generated_on=TODAY)
    assert [c.value for c in load_workbook(en["xlsx"])["Filings"][2]][1] == (
        "Zone platform filing")


def test_orders_placed_before_the_window_come_by_a_declaration_in_it(world, monkeypatch):
    """An order placed before the window ships in it by a live declaration exported in it
    (not a cancelled one, not one exported after it); the orders are read a part at a time
    until ``limit`` are found, oldest placed first."""
    from seller_desk.services import orders as orders_service

    desk = world[0]
    with desk.write() as s:
        add_order(s, "EARLY-IN", "10.00", "USD", "2024-01-20", sku="E-1", country="US",
                  waybill="YTO:E1", shipped="2024-02-05")
        add_order(s, "EARLY-LATE", "10.00", "USD", "2024-01-21", sku="E-2", country="US",
                  waybill="YTO:E2", shipped="2024-03-20")
        add_order(s, "EARLY-DEAD", "10.00", "USD", "2024-01-22", sku="E-3", country="US",
                  waybill="YTO:E3", shipped="2024-02-06")
        s.query(Declaration).filter(Declaration.order_no == "EARLY-DEAD").update(
            {"status_code": "100"})
        for n in range(5):
            add_order(s, f"IN-{n}", "1.00", "USD", f"2024-02-1{n}", sku="I", country="US")
    monkeypatch.setattr(orders_service, "_EVIDENCE_PART", 2)
    found = desk.orders.fx_evidence_orders(day("2024-02-01"), day("2024-03-12"))
    assert [(f["ref"].order_id, f["ref"].ship_date) for f in found] == [
        ("EARLY-IN", day("2024-02-05")), *((f"IN-{n}", day(f"2024-02-1{n}")) for n in range(5)),
        ("A-1", day("2024-03-02")), ("A-3", day("2024-03-02")), ("A-2", day("2024-03-03"))]
    assert found[0]["waybill"] == "YTO:E1"
    three = desk.orders.fx_evidence_orders(day("2024-02-01"), day("2024-03-12"), limit=3)
    assert [f["ref"].order_id for f in three] == ["EARLY-IN", "IN-0", "IN-1"]
