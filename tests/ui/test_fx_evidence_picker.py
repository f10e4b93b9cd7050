"""The FX evidence picker over real orders, waybills and filings: search, ticking orders and
waybills, the live "linked vs needed" line, saving in one transaction; zh_CN and en shots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import Qt
from tests.services.test_fx_evidence_docs import TODAY, add_order, day

INFO = next(p for p in PAGES if p.area == "fx")
SHOTS = Path(os.environ.get("SELLER_DESK_SHOTS", "/tmp"))


def settle(ctx):
    for _ in range(3):
        ctx.ops.wait_idle()


@pytest.fixture(params=["zh_CN", "en"])
def picker_ctx(request, qapp, desk, tmp_path):
    from seller_desk.store.models.orders import Waybill
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context

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
    filing = desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJKJ-0518",
                                    authority="杭州综试区", approved_on="2023-03-15", today=TODAY)
    # r1 an earlier settlement: evidence is used once among settlements (a receipt backed by
    # the same orders would not use them up for a settlement, issue 14 item 2)
    r1, _ = desk.fx.add_record(date=day("2024-03-10"), kind="settlement", amount="350.00",
                               currency="USD")
    r2, _ = desk.fx.add_record(date=day("2024-03-12"), kind="settlement", amount="260.00",
                               currency="USD")
    desk.fx.link_evidence(r1.id, waybills=["YTO:YT001"])  # A-1 used up, A-3 has 50.00 left
    lang = request.param
    ui_i18n.install(lang)
    ctx = build_context(desk, tmp_path, lang)
    yield ctx, lang, filing, r2
    ctx.ops.shutdown()
    ui_i18n.install("zh_CN")


def select_row(page, row):
    """Select a ledger row whatever keyboard modifiers an earlier test left pressed (a stuck
    Ctrl made ``QTableView.selectRow`` toggle the row off after the presentation tests)."""
    from PySide6.QtCore import QItemSelectionModel

    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
             | QItemSelectionModel.SelectionFlag.Rows)
    page.ledger.selectionModel().select(page.ledger_model.index(row, 0), flags)


def open_picker(ctx, record_id):
    from seller_desk.ui.pages.fx import Page

    page = Page(ctx, INFO)
    ctx.bus.changed.connect(page.on_changes)
    page.resize(1180, 820)
    page.year_box.setValue(2024)
    page.refresh()
    ctx.ops.wait_idle()
    row = next(i for i, r in enumerate(page.ledger_model.records) if r.id == record_id)
    select_row(page, row)
    dlg = page.link_evidence()
    ctx.ops.wait_idle()
    return page, dlg


def column(table, c):
    return [table.item(i, c).text() for i in range(table.rowCount())]


def test_picker_lists_picks_and_saves(picker_ctx):
    ctx, lang, filing, r2 = picker_ctx
    _page, dlg = open_picker(ctx, r2.id)  # the page stays alive: it is the dialog's parent
    t = dlg.order_table
    assert column(t, 0) == ["A-1", "A-3", "A-2"]  # by ship date
    assert column(t, 4) == ["300.00", "100.00", "200.00"] and column(t, 5) == ["USD", "USD", "EUR"]
    assert column(t, 6) == ["300.00", "100.00", "217.12"]  # EUR 200.00 x 1.0856
    assert column(t, 7) == ["0.00", "0.00", "0.00"]  # backs no receipt
    assert column(t, 8) == ["300.00", "50.00", "0.00"]  # already backing r1
    assert column(t, 9) == ["0.00", "50.00", "217.12"]
    assert column(dlg.waybill_table, 0) == ["declared name", "圆通速递"]
    assert column(dlg.waybill_table, 3) == ["A-2", "A-1, A-3"]
    assert column(dlg.filing_table, 1) == ["ZJKJ-0518"]

    need = dlg.tr("Linked orders offer US${linked} of the US${needed} needed.")
    assert dlg.total.text().startswith(need.format(linked="0.00", needed="260.00"))
    assert dlg.empty.isHidden()
    dlg.set_checked(dlg.waybill_table, "YTO:YT001")  # brings A-1 (used up) and A-3 (50.00)
    assert need.format(linked="50.00", needed="260.00") in dlg.total.text()
    assert dlg.tr("Short by US${short}.").format(short="210.00") in dlg.total.text()
    assert "A-1" in dlg.total.text()  # named as used up
    dlg.set_checked(dlg.waybill_table, "YTO:YT001", False)
    dlg.set_checked(t, "A-2")
    dlg.set_checked(t, "A-3")
    dlg.set_checked(dlg.filing_table, filing.id)
    assert need.format(linked="267.12", needed="260.00") in dlg.total.text()
    assert dlg.tr("Covered.") in dlg.total.text()

    dlg.search.setText("mug")  # search keeps what is ticked
    dlg.load()
    ctx.ops.wait_idle()
    assert column(t, 0) == ["A-2"] and t.item(0, 0).checkState() == t.item(0, 0).checkState().Checked
    assert dlg.tr("Covered.") in dlg.total.text()
    dlg.tabs.setCurrentIndex(2)
    dlg.show()
    assert dlg.grab().save(str(SHOTS / f"fx-evidence-picker-filings-{lang}.png"))
    dlg.tabs.setCurrentIndex(0)
    assert dlg.grab().save(str(SHOTS / f"fx-evidence-picker-{lang}.png"))
    dlg.submit()
    settle(ctx)
    assert not dlg.isVisible()
    view = ctx.desk.fx.record(r2.id)
    assert [(e["order_id"], e["used_usd"]) for e in view.evidence] == [
        ("A-2", "217.12"), ("A-3", "42.88")]
    assert [f["number"] for f in view.filings] == ["ZJKJ-0518"]
    row = next(i for i, r in enumerate(_page.ledger_model.records) if r.id == r2.id)
    col = next(c for c in range(_page.ledger_model.columnCount()) if _page.ledger_model.headerData(
        c, Qt.Orientation.Horizontal) == _page.tr("Evidence"))
    assert _page.ledger_model.data(_page.ledger_model.index(row, col)) == " · ".join([
        _page.tr("{n} orders").format(n=2), _page.tr("{n} filing").format(n=1)])
    _page.show()
    assert _page.grab().save(str(SHOTS / f"fx-page-evidence-{lang}.png"))


def test_picker_refuses_used_waybill_in_place(picker_ctx):
    ctx, lang, _filing, r2 = picker_ctx
    page, dlg = open_picker(ctx, r2.id)
    dlg.set_checked(dlg.waybill_table, "YTO:YT001")
    dlg.set_checked(dlg.order_table, "A-2")
    dlg.orders.setPlainText("X-9:10.00 USD:2024-03-05\n")  # a manual order not in SellerDesk
    assert dlg.tr("{n} manual entry is checked when saved.").format(n=1) in dlg.total.text()
    assert dlg.tr("Covered.") not in dlg.total.text()  # 267.12 offered, but A-1 is used up
    dlg.submit()
    settle(ctx)
    assert dlg.isVisible() and "A-1" in dlg.problems.text()
    assert ctx.desk.fx.record(r2.id).evidence == ()  # nothing half-saved
    dlg.tabs.setCurrentIndex(1)
    assert dlg.grab().save(str(SHOTS / f"fx-evidence-picker-refused-{lang}.png"))
    dlg.close()
    select_row(page, next(i for i, r in enumerate(page.ledger_model.records) if r.id == r2.id))
    dlg2 = page.link_evidence()
    ctx.ops.wait_idle()
    dlg2.set_checked(dlg2.order_table, "A-2")
    dlg2.orders.setPlainText("X-9:50.00 USD:2024-03-05\n")
    dlg2.submit()
    settle(ctx)
    assert not dlg2.isVisible()
    assert [(e["order_id"], e["used_usd"]) for e in ctx.desk.fx.record(r2.id).evidence] == [
        ("A-2", "217.12"), ("X-9", "42.88")]
    select_row(page, next(i for i, r in enumerate(page.ledger_model.records) if r.id == r2.id))
    dlg3 = page.link_evidence()  # the manual order comes back as a ticked row
    ctx.ops.wait_idle()
    assert "X-9" in column(dlg3.order_table, 0)
    dlg3.submit()  # re-saving unchanged keeps the manual order (linked from what was stored)
    settle(ctx)
    assert [(e["order_id"], e["used_usd"]) for e in ctx.desk.fx.record(r2.id).evidence] == [
        ("A-2", "217.12"), ("X-9", "42.88")]


def test_picker_shows_each_orders_receipts_settlements_and_left(picker_ctx):
    """Issue 14 item 2: per order, what backs receipts, what backs settlements, and what is
    left; an order backing a receipt still backs the settlement of that money."""
    ctx, lang, _filing, r2 = picker_ctx
    rec, _ = ctx.desk.fx.add_record(date=day("2024-03-05"), kind="receipt", amount="400.00",
                                    currency="USD")
    ctx.desk.fx.link_evidence(rec.id, waybills=["YTO:YT001"])  # A-1 300, A-3 100
    page, dlg = open_picker(ctx, r2.id)
    t = dlg.order_table
    assert column(t, 0) == ["A-1", "A-3", "A-2"]
    assert column(t, 7) == ["300.00", "100.00", "0.00"]
    assert column(t, 8) == ["300.00", "50.00", "0.00"]
    assert column(t, 9) == ["0.00", "50.00", "217.12"]  # the receipt used none of it
    header = t.horizontalHeaderItem
    assert [header(c).text() for c in (7, 8, 9)] == [
        dlg.tr("Backs receipts (USD)"), dlg.tr("Backs settlements (USD)"), dlg.tr("Left (USD)")]
    assert header(9).toolTip()
    dlg.resize(1366, 700)
    dlg.show()
    assert dlg.grab().save(str(SHOTS / f"fx-evidence-pools-{lang}.png"))
    # the receipt's own picker: are linked to it, nothing left elsewhere in its pool
    select_row(page, next(i for i, r in enumerate(page.ledger_model.records) if r.id == rec.id))
    dlg2 = page.link_evidence()
    ctx.ops.wait_idle()
    rows = dict(zip(column(dlg2.order_table, 0), column(dlg2.order_table, 9), strict=True))
    assert rows["A-1"] == "300.00" and rows["A-3"] == "100.00"  # left for this receipt
    dlg.close()
    dlg2.close()
