"""The Warehouses & Stock page (pytest-qt, offscreen)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from seller_desk.core.money import Money
from seller_desk.core.stock import ReportCount
from seller_desk.services.stock import FeeInput, LineInput
from seller_desk.store.models.catalog import Product
from seller_desk.ui.qt import QDate, Qt

D = dt.date


@pytest.fixture
def page(app_context, qtbot):
    desk = app_context.desk
    with desk.write() as s:
        s.add(Product(sku="MUG-350-BLU", name_zh="不锈钢保温杯"))
        s.add(Product(sku="LAMP-USB-WHT", name_zh="USB迷你台灯"))
    st = desk.stock
    st.add_warehouse("CN-HZ", "杭州余杭仓", "domestic", "CN")
    st.add_warehouse("FBA-US", "Amazon FBA 美国", "fba", "US", low_stock=5)
    st.move("MUG-350-BLU", "CN-HZ", D(2026, 3, 1), "receipt", 100, unit_cost=Decimal("10.00"))
    st.move("LAMP-USB-WHT", "CN-HZ", D(2026, 3, 1), "receipt", 20, unit_cost=Decimal("30.00"))
    st.create_shipment("HS-1", "CN-HZ", "FBA-US",
                       [LineInput("MUG-350-BLU", 60, gross_weight_kg=Decimal("30")),
                        LineInput("LAMP-USB-WHT", 20, gross_weight_kg=Decimal("10"))],
                       booking_no="DC20260305000001", carrier="Matson",
                       fees=[FeeInput("freight", Money.of("400.00", "CNY"))])
    st.ship("HS-1", D(2026, 3, 5))
    st.receive("HS-1", D(2026, 3, 28), {"MUG-350-BLU": 58})
    st.move("LAMP-USB-WHT", "FBA-US", D(2026, 3, 29), "sale", -16)
    st.reconcile("FBA-US", D(2026, 3, 31), [ReportCount("MUG-350-BLU", 55, 0, row=2)])
    return open_page(app_context, qtbot)


def open_page(app_context, qtbot):
    from seller_desk.ui.pages import PAGES, make_page

    info = next(p for p in PAGES if p.area == "stock")
    widget = make_page(app_context, info)
    qtbot.addWidget(widget)
    app_context.bus.changed.connect(widget.on_changes)  # as the main window does
    widget.resize(1100, 640)
    widget.as_of.setDate(QDate(2026, 3, 31))
    widget.refresh()
    app_context.ops.wait_idle()
    return widget


def column(model, col):
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_stock_tab_shows_sku_by_warehouse_as_of_the_date(page):
    m = page.stock_model
    rows = [[m.data(m.index(r, c)) for c in (0, 2, 3, 4, 5)] for r in range(m.rowCount())]
    # MUG: 100 @ 10 + 300.00 freight (30 of 40 kg) − 2 lost → 98 units, 1280.00 → 13.0612
    assert rows == [["LAMP-USB-WHT", "FBA-US", "4", "0", "35.0000"],
                    ["MUG-350-BLU", "CN-HZ", "40", "0", "13.0612"],
                    ["MUG-350-BLU", "FBA-US", "58", "0", "13.0612"]]
    assert page.summary.text().startswith("3 ")
    assert column(page.ledger_model, 3)[0] == "销售出库"


def test_shipment_allocation_preview_and_reconciliation(page, qtbot):
    assert column(page.ship_model, 0) == ["HS-1"]
    assert column(page.ship_model, 5) == ["DC20260305000001"]
    page.ship_view.selectRow(0)
    assert column(page.alloc_model, 3) == ["300.00", "100.00"]
    page.basis.setCurrentIndex(page.basis.findData("quantity"))
    assert column(page.alloc_model, 3) == ["300.00", "100.00"]  # 60:20 is 30:10 too
    page.basis.setCurrentIndex(page.basis.findData("value"))
    assert "所有行" in page.alloc_note.text()  # no declared values: refused, in Chinese
    assert column(page.rec_model, 1) == ["MUG-350-BLU", "LAMP-USB-WHT"]
    assert column(page.rec_model, 2) == ["有差异", "报表中没有"]
    assert column(page.rec_model, 5) == ["-3", "-4"]
    page.rec_model.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # the user keeps LAMP
    page._confirm()
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: not page.confirm_btn.isEnabled())
    assert page.rec_pick.currentText().endswith("已确认")
    rows = [(r.sku, r.warehouse, r.on_hand) for r in page.ctx.desk.stock.as_of(D(2026, 3, 31))]
    assert ("MUG-350-BLU", "FBA-US", 55) in rows
    assert ("LAMP-USB-WHT", "FBA-US", 4) in rows


def test_alerts_tab(page):
    assert column(page.alert_model, 1) == ["LAMP-USB-WHT"]
    assert column(page.alert_model, 0) == ["库存偏低"]
    assert page.tabs.tabText(page.ALERTS_TAB) == "提醒 (1)"


def test_shipment_dialog_previews_allocation(page, qtbot):
    from seller_desk.ui.pages.stock.dialogs import ShipmentDialog
    from seller_desk.ui.qt import QTableWidgetItem

    dlg = ShipmentDialog(page, page.ctx.desk.stock)
    qtbot.addWidget(dlg)
    for c, v in enumerate(["MUG-350-BLU", "3", "1", "0.01", "30"]):
        dlg.lines.setItem(0, c, QTableWidgetItem(v))
    for c, v in enumerate(["LAMP-USB-WHT", "2", "2", "0.02", "70"]):
        dlg.lines.setItem(1, c, QTableWidgetItem(v))
    dlg.fees.setItem(0, 1, QTableWidgetItem("10.00"))
    m = dlg.preview_model
    # 10.00 by weight 1:2 → 3.33 / 6.67 (the odd cent to the larger remainder)
    assert column(m, 3) == ["3.33", "6.67"]
    dlg.basis.setCurrentIndex(dlg.basis.findData("value"))
    assert column(m, 3) == ["3.00", "7.00"]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_render_png(page, app_context, qtbot, lang, tmp_path):
    """Render every tab in both languages for a person to look at: saved under tmp, or in
    $SELLER_DESK_PNG_DIR when set."""
    import os
    from pathlib import Path

    from seller_desk.ui import i18n as ui_i18n

    out = Path(os.environ.get("SELLER_DESK_PNG_DIR") or tmp_path)
    ui_i18n.install(lang)
    try:
        fresh = open_page(app_context, qtbot)
        fresh.ship_view.selectRow(0)
        assert fresh.tabs.tabText(0) == ("库存" if lang == "zh_CN" else "Stock")
        for i in range(fresh.tabs.count()):
            fresh.tabs.setCurrentIndex(i)
            path = out / f"stock-{lang}-{i}.png"
            assert fresh.grab().save(str(path))
            assert path.stat().st_size > 1000
        from seller_desk.ui.pages.stock.dialogs import ShipmentDialog
        from seller_desk.ui.qt import QTableWidgetItem

        dlg = ShipmentDialog(fresh, app_context.desk.stock)
        qtbot.addWidget(dlg)
        for c, v in enumerate(["MUG-350-BLU", "10", "4.2", "0.018", "350"]):
            dlg.lines.setItem(0, c, QTableWidgetItem(v))
        dlg.fees.setItem(0, 1, QTableWidgetItem("88.00"))
        assert dlg.grab().save(str(out / f"stock-{lang}-dialog.png"))
    finally:
        ui_i18n.install("zh_CN")


def test_dialogs_give_the_service_what_the_user_typed(page, qtbot):
    from seller_desk.ui.pages.stock.dialogs import MovementDialog, ReceiveDialog, WarehouseDialog

    st = page.ctx.desk.stock
    dlg = MovementDialog(page, st, "FBA-US")
    qtbot.addWidget(dlg)
    dlg.sku.setCurrentIndex(dlg.sku.findData("MUG-350-BLU"))
    dlg.kind.setCurrentIndex(dlg.kind.findData("sale"))
    dlg.quantity.setValue(3)
    dlg.when.setDate(QDate(2026, 3, 30))
    args, kwargs = dlg.values()
    assert args == ("MUG-350-BLU", "FBA-US", D(2026, 3, 30), "sale", -3)
    dlg.kind.setCurrentIndex(dlg.kind.findData("receipt"))
    dlg.cost.setText("1,234.5")
    assert dlg.values()[1] == {"unit_cost": Decimal("1234.5"), "reason": None}

    wdlg = WarehouseDialog(page)
    qtbot.addWidget(wdlg)
    wdlg.code.setText("DE-GC")
    wdlg.name.setText("谷仓德国")
    wdlg.kind.setCurrentIndex(wdlg.kind.findData("third_party"))
    wdlg.country.setText("de")
    wdlg.currency.setText("eur")
    args, kwargs = wdlg.values()
    st.add_warehouse(*args, **kwargs)
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: page.wh_model.rowCount() == 3)
    assert column(page.wh_model, 0) == ["CN-HZ", "DE-GC", "FBA-US"]
    assert column(page.wh_model, 2)[1] == "第三方海外仓"

    st.create_shipment("HS-2", "CN-HZ", "DE-GC", [LineInput("MUG-350-BLU", 10)],
                       booking_no="DC2")
    st.ship("HS-2", D(2026, 3, 30))
    [sh] = [x for x in st.shipments() if x.number == "HS-2"]
    rdlg = ReceiveDialog(page, sh)
    qtbot.addWidget(rdlg)
    rdlg.table.item(0, 2).setText("12")
    rdlg.table.item(0, 3).setText("多装一箱")
    assert rdlg.values() == ({"MUG-350-BLU": 12}, {"MUG-350-BLU": "多装一箱"})


def test_excel_export_of_the_stock_table(page, tmp_path):
    from openpyxl import load_workbook

    from seller_desk.ui.widgets.table_export import export_views

    path = export_views(tmp_path / "stock.xlsx", [("stock", page.stock_view)])
    ws = load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:5] == ["SKU", "商品", "仓库", "在库", "在途"]
    assert rows[1][0] == "LAMP-USB-WHT" and rows[1][3] == 4
    assert rows[3][5] == 13.0612  # a number cell (Excel keeps doubles), not text


def test_ledger_view_fetches_pages_as_it_scrolls(page):
    from seller_desk.core.stock import Movement
    from seller_desk.ui.pages.stock.models import PAGE

    st = page.ctx.desk.stock
    st.post([Movement("MUG-350-BLU", "CN-HZ", D(2026, 3, 30), "receipt", on_hand=1,
                      unit_cost=Decimal("10")) for _ in range(450)])
    page._load_ledger()
    page.ctx.ops.wait_idle()
    m = page.ledger_model
    page.hide()  # a shown view would ask for the next pages itself
    while m.canFetchMore():  # later pages arrive from the pool
        m.fetchMore()
        page.ctx.ops.wait_idle()
    assert m.rowCount() == 450 + 10 and PAGE < 450  # 10 lines from the fixture
    ids = [r.id for r in m.records]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert m.data(m.index(459, 3)) == "入库"


def test_ageing_tab(page):
    m = page.age_model
    rows = [[m.data(m.index(r, c)) for c in range(m.columnCount())]
            for r in range(m.rowCount())]
    # as of 2026-03-31: FBA units arrived 03-28 (3 days), CN-HZ units received 03-01 (30 days)
    assert rows == [
        ["LAMP-USB-WHT", "FBA-US", "4", "4", "0", "0", "0", "0", "0", "0", "3"],
        ["MUG-350-BLU", "CN-HZ", "40", "40", "0", "0", "0", "0", "0", "0", "30"],
        ["MUG-350-BLU", "FBA-US", "58", "58", "0", "0", "0", "0", "0", "0", "3"],
    ]


def test_warehouse_settings_can_be_changed(page, qtbot):
    from seller_desk.ui.pages.stock.dialogs import WarehouseDialog

    [fba] = [w for w in page._houses if w.code == "FBA-US"]
    dlg = WarehouseDialog(page, fba)
    qtbot.addWidget(dlg)
    assert (dlg.code.text(), dlg.code.isReadOnly(), dlg.low.value()) == ("FBA-US", True, 5)
    dlg.negative.setCurrentIndex(dlg.negative.findData(True))
    dlg.low.setValue(12)
    args, kwargs = dlg.values()
    page.ctx.desk.stock.update_warehouse("FBA-US", name=args[1], country=args[3], **kwargs)
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: column(page.wh_model, 7) == ["0", "12"])
    assert column(page.wh_model, 6) == ["否", "是"]
    # negative stock is now allowed in FBA-US: selling more than on hand is accepted
    page.ctx.desk.stock.move("LAMP-USB-WHT", "FBA-US", D(2026, 3, 31), "sale", -6)


def test_importing_an_unknown_3pl_list_asks_which_column_is_which(page, qtbot, tmp_path,
                                                                  monkeypatch):
    from seller_desk.ui.pages.stock import dialogs as stock_page
    from seller_desk.ui.qt import QDialog

    path = tmp_path / "3pl.csv"
    path.write_text("Item,Qty OK,Qty damaged\nMUG-350-BLU,50,2\n", encoding="utf-8")
    seen = {}

    def choose(dlg):
        seen["columns"] = [dlg.combos["sku"].itemText(i) for i in range(dlg.combos["sku"].count())]
        for name, col in (("sku", "Item"), ("available", "Qty OK"), ("unsellable", "Qty damaged")):
            dlg.combos[name].setCurrentIndex(dlg.combos[name].findData(col))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(stock_page.MappingDialog, "exec", choose)
    page.warehouse.setCurrentIndex(page.warehouse.findData("FBA-US"))
    page.ctx.ops.wait_idle()
    page.import_report(path)
    page.ctx.ops.wait_idle()
    page.ctx.ops.wait_idle()
    assert seen["columns"] == ["(无)", "Item", "Qty OK", "Qty damaged"]
    newest = page.ctx.desk.stock.reconciliations()[0]
    assert (newest.warehouse, newest.reader) == ("FBA-US", "warehouse_stock")
    assert [(ln.sku, ln.report_on_hand) for ln in newest.lines] == [
        ("MUG-350-BLU", 52), ("LAMP-USB-WHT", 0)]


def test_new_shipment_ship_and_receive_from_the_page(page, qtbot, monkeypatch):
    from seller_desk.ui.pages.stock import dialogs as stock_page
    from seller_desk.ui.qt import QDialog, QTableWidgetItem

    def fill(dlg):
        dlg.number.setText("HS-9")
        dlg.booking.setText("DC20260331000009")
        for c, v in enumerate(["MUG-350-BLU", "10", "4.2", "0.018", "350"]):
            dlg.lines.setItem(0, c, QTableWidgetItem(v))
        dlg.fees.setItem(0, 1, QTableWidgetItem("88.00"))
        dlg._accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(stock_page.ShipmentDialog, "exec", fill)
    page._new_shipment()
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: "HS-9" in column(page.ship_model, 0))
    row = column(page.ship_model, 0).index("HS-9")
    assert column(page.ship_model, 3)[row] == "草稿"
    page.ship_view.selectRow(row)
    assert column(page.alloc_model, 3) == ["88.00"]

    def on(day):
        def pick(dlg):
            (dlg.edit if hasattr(dlg, "edit") else dlg.when).setDate(QDate(2026, 3, day))
            if hasattr(dlg, "table"):
                dlg.table.item(0, 2).setText("9")
            return QDialog.DialogCode.Accepted
        return pick

    monkeypatch.setattr(stock_page.DateDialog, "exec", on(30))
    page._advance("ship")
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: column(page.ship_model, 3)[row] == "已发货")
    page.ship_view.selectRow(row)
    monkeypatch.setattr(stock_page.ReceiveDialog, "exec", on(31))
    page._advance("receive")
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: column(page.ship_model, 3)[row] == "已收货")
    moves = page.ctx.desk.stock.ledger(sku="MUG-350-BLU", warehouse="FBA-US", kind="transit_loss")
    newest = moves[0]  # the fixture's HS-1 loss comes after it (newest first)
    assert (newest.date, newest.in_transit, newest.cause_id) == (D(2026, 3, 31), -1, "HS-9")


def test_ledger_filters(page):
    m = page.ledger_model
    page.ledger_from.setDate(QDate(2026, 3, 28))
    page.ctx.ops.wait_idle()
    assert column(m, 0) == ["2026-03-29", "2026-03-28", "2026-03-28", "2026-03-28"]
    page.ledger_sku.setText("MUG-350-BLU")
    page._load_ledger()
    page.ctx.ops.wait_idle()
    assert column(m, 3) == ["在途损失", "调拨入库"]
    page.ledger_from.setDate(QDate(2000, 1, 1))  # back to any date
    page.ctx.ops.wait_idle()
    assert len(column(m, 0)) == 5


def test_a_draft_opens_in_the_editor_and_saves_back(page, qtbot, monkeypatch):
    from seller_desk.ui.pages.stock import dialogs as stock_page
    from seller_desk.ui.qt import QDialog

    st = page.ctx.desk.stock
    st.create_shipment("HS-D", "CN-HZ", "FBA-US", [
        LineInput("MUG-350-BLU", 8, Decimal("3.2"), Decimal("0.016"),
                  Money.of("280", "CNY"), box_no="C1")],
        trade_mode="9710", order_no="PO-1", basis="volume",
        fees=[FeeInput("duty", Money.of("12.50", "USD"), Decimal("7.1"))])
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: "HS-D" in column(page.ship_model, 0))
    seen = {}

    def edit(dlg):
        seen["line"] = [dlg.lines.item(0, c).text() for c in range(6)]
        seen["fee"] = [dlg.fees.item(0, c).text() for c in range(4)]
        seen["head"] = (dlg.number.isReadOnly(), dlg.mode.currentData(), dlg.order_no.text(),
                        dlg.basis.currentData())
        dlg.lines.item(0, 1).setText("9")
        dlg._accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(stock_page.ShipmentDialog, "exec", edit)
    page.ship_view.selectRow(column(page.ship_model, 0).index("HS-D"))
    page._edit_shipment()
    page.ctx.ops.wait_idle()
    assert seen["line"] == ["MUG-350-BLU", "8", "3.2", "0.016", "280", "C1"]
    assert seen["fee"] == ["关税", "12.50", "USD", "7.1"]
    assert seen["head"] == (True, "9710", "PO-1", "volume")
    _info, lines, fees = st.shipment_detail("HS-D")
    assert [(ln.quantity, ln.box_no) for ln in lines] == [(9, "C1")]
    assert [(f.kind, str(f.amount.amount), f.rate_to_cny) for f in fees] == [
        ("duty", "12.50", Decimal("7.1"))]


def test_ledger_headers_in_chinese(page):
    """The ledger's headers are made outside the page's own ``self.tr`` calls: each is marked
    for its context, so none stays in English on a Chinese screen."""
    from seller_desk.ui.qt import Qt

    m = page.ledger_model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers == ["日期", "SKU", "仓库", "类型", "在库", "在途", "单位成本 (人民币)",
                       "来源", "原因"]
