"""The Products & Listings page over the demo company, offscreen with pytest-qt."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint

from seller_desk.core.money import Money
from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import Qt, QUrl

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
INFO = next(p for p in PAGES if p.area == "products")


def make_page(qtbot, desk, tmp_path, lang):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages.products import Page

    ui_i18n.install(lang)
    ctx = build_context(desk, tmp_path, lang)
    page = Page(ctx, INFO)
    page.modal_problems = False
    ctx.bus.changed.connect(page.on_changes)  # the main window does this for its pages
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    ctx.ops.wait_idle()
    return page, ctx


@pytest.fixture
def page(qtbot, demo_desk, tmp_path):
    page, ctx = make_page(qtbot, demo_desk, tmp_path, "zh_CN")
    yield page
    ctx.ops.shutdown()


def n_products(desk):
    return desk.products.count_products()


def skus(page):
    m = page.products_model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_shows_the_products_sorted_in_chinese(page, demo_desk):
    # other areas' demo parts may add products of their own (stock adds a few)
    assert page.count_label.text() == f"{n_products(demo_desk)} 个商品"
    shown = skus(page)
    assert shown == sorted(shown)
    assert [s for s in shown if s in ("ART-OIL-40", "BAG-TRV-45", "BLD-MINI")] == [
        "ART-OIL-40", "BAG-TRV-45", "BLD-MINI"]
    model = page.products_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["SKU", "中文名称", "英文名称", "HS编码", "申报品名", "原产国", "单位成本",
                       "刊登数", "命中清单"]
    # the tab is the listings, the column their number (the tab said 刊登数 too)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "商品", "刊登", "HS编码表", "负面清单"]
    row = skus(page).index("FWK-SPK-10")
    assert model.data(model.index(row, 8)) == "需许可证、禁止寄递"
    assert model.data(model.index(row, 6)) == "3.00 CNY"
    assert model.data(model.index(row, 6), Qt.ItemDataRole.UserRole) == Money.of("3", "CNY").amount


def test_lazy_loading_fetches_pages_as_needed(page, demo_desk):
    from seller_desk.ui.widgets.paged_table import PagedTableModel

    # the page's model on its own (a shown view asks for more rows itself to fill its height)
    shown = page.products_model
    model = PagedTableModel(page.ctx.ops, shown.fetch, shown.columns, sort="sku",
                            descending=False, page_size=7)
    model.reload()  # pages are read on the pool (the shared paged model)
    page.ctx.ops.wait_idle()
    assert model.rowCount() == 7 and model.canFetchMore()
    model.fetchMore()
    page.ctx.ops.wait_idle()
    assert model.rowCount() == 14
    while model.canFetchMore():
        model.fetchMore()
        page.ctx.ops.wait_idle()
    assert model.rowCount() == n_products(demo_desk) >= 30
    assert len({model.data(model.index(r, 0)) for r in range(model.rowCount())}) == \
        model.rowCount()


def test_a_search_reads_nothing_on_the_gui_thread(qtbot, page, monkeypatch):
    """A search of 100k products held the window 0.2-0.5 s: the count was read on the GUI
    thread, and the HS table and the negative lists (which the search does not filter) were
    read again at each search. The count is read on the pool now, the latest search's shown."""
    import threading

    products = type(page.ctx.desk.products)
    counted: list[tuple[str, bool]] = []
    real_count = products.count_products

    def count(self, q):
        counted.append((q.text, threading.current_thread() is threading.main_thread()))
        return real_count(self, q)

    reloads: list[str] = []
    monkeypatch.setattr(products, "count_products", count)
    monkeypatch.setattr(products, "hs_entries", lambda self: reloads.append("hs") or [])
    monkeypatch.setattr(products, "list_entries", lambda self: reloads.append("lists") or [])
    page.search.setText("mu")
    page.apply_filters()
    page.search.setText("mug")
    page.apply_filters()
    qtbot.waitUntil(lambda: page.count_label.text() == "2 个商品", timeout=3000)
    page.ctx.ops.wait_idle()
    assert page.count_label.text() == "2 个商品"  # the latest search's count stays
    assert ("mug", False) in counted and not any(on_gui for _t, on_gui in counted)
    assert reloads == []
    page.search.setText("")


def test_search_and_filters_run_in_sql(qtbot, page):
    page.search.setText("mug")
    qtbot.waitUntil(lambda: page.products_model.rowCount() == 2, timeout=3000)
    assert skus(page) == ["MUG-350-BLU", "MUG-350-GRN"]
    page.search.setText("")
    page.hit_filter.setCurrentIndex(page.hit_filter.findData("prohibited-mail"))
    qtbot.waitUntil(lambda: skus(page) == ["FWK-SPK-10", "PB-10K"], timeout=3000)
    qtbot.waitUntil(lambda: page.count_label.text() == "2 个商品", timeout=3000)
    page.hit_filter.setCurrentIndex(0)
    page.platform.setCurrentIndex(page.platform.findData("shopee"))
    qtbot.waitUntil(lambda: page.products_model.rowCount() == 8, timeout=3000)
    page.status_filter.setCurrentIndex(page.status_filter.findData("inactive"))
    qtbot.waitUntil(lambda: page.products_model.rowCount() < 8, timeout=3000)


def test_header_click_sorts_in_sql(page):
    page.products_view.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # unit cost
    page.ctx.ops.wait_idle()
    assert skus(page)[:2] == ["DRN-MINI-4K", "TENT-4P-GRN"]
    page.products_view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # HS code
    page.ctx.ops.wait_idle()
    m = page.products_model
    codes = [m.data(m.index(r, 3)) for r in range(m.rowCount())]
    assert codes == sorted(codes)  # products without an HS code (other areas' demo) first
    assert skus(page)[codes.index("0901210000")] == "COF-BEAN-250"


def test_editor_validates_live_and_saves(qtbot, page, demo_desk):
    row = skus(page).index("MUG-350-BLU")
    page.products_view.selectRow(row)
    editor = page.editor
    assert editor.inputs["sku"].text() == "MUG-350-BLU"
    assert editor.save_button.isEnabled()
    editor.inputs["hs_code"].setText("7712345678")
    qtbot.waitUntil(lambda: "保留章" in editor.problems.text(), timeout=3000)
    assert editor.problems.text() == "✖ HS编码：HS编码“7712345678”属于第 77 章，该章为保留章，没有商品。"
    assert editor.inputs["hs_code"].property("invalid") is True
    assert not editor.save_button.isEnabled()
    editor.inputs["hs_code"].setText("9617001900")
    editor.inputs["net_weight_kg"].setText("abc")
    qtbot.waitUntil(lambda: "不是数字" in editor.problems.text(), timeout=3000)
    editor.inputs["net_weight_kg"].setText("0.31")
    editor.inputs["brand"].setText("蓝贝")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=3000)
    editor.save_button.click()
    page.ctx.ops.wait_idle()
    data = demo_desk.products.product_data("MUG-350-BLU")
    assert (data.brand, str(data.net_weight_kg)) == ("蓝贝", "0.31")
    assert page.status.text() == "已保存 MUG-350-BLU。"
    assert editor.version == 2


def test_editor_shows_list_hits(page):
    page.products_view.selectRow(skus(page).index("PB-10K"))
    assert page.editor.hits.text().startswith("⚠ 命中禁寄清单（8507）：锂电池不得作为普通邮件寄递")


def test_bulk_edit_selected_listings(page, demo_desk):
    page.tabs.setCurrentIndex(1)
    page.listing_filter = None
    view = page.listings_view
    model = page.listings_model
    view.selectRow(0)
    view.selectionModel().select(model.index(1, 0), view.selectionModel().SelectionFlag.Select
                                 | view.selectionModel().SelectionFlag.Rows)
    listings, ids = page.selected_ids()
    assert listings and len(ids) == 2
    from decimal import Decimal

    page.bulk_edit(values={"price": Decimal("9.99"), "status": "inactive"})
    page.ctx.ops.wait_idle()
    assert page.status.text() == "已修改 2 行。"
    rows = {r.id: r for r in demo_desk.products.query_listings(limit=100)}
    assert {(rows[i].price.amount, rows[i].status) for i in ids} == {(Decimal("9.99"), "inactive")}


def test_bulk_edit_refusal_is_shown(page):
    page.products_view.selectRow(0)
    page.bulk_edit(values={"hs_code": "12"})
    page.ctx.ops.wait_idle()
    assert "必须正好是 10 位数字" in page.status.text()


def test_drop_a_report_imports_it_with_progress(qtbot, page, demo_desk):
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SHARED / "samples" / "amazon-all-listings-en.txt"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    seen = []
    page.progress.valueChanged.connect(seen.append)
    page.dropEvent(event)
    assert page.progress.isVisible()
    page.ctx.ops.wait_idle()
    # Demo Amazon US has MUG-350-BLU and TENT-4P-GRN (updated from the report) but lists the
    # lamp as LAMP-USB-WHT-FBA, so the report's LAMP-USB-WHT is a new listing of that product.
    report = page.last_report
    assert (report.imported, report.updated, report.extra["products_created"]) == (1, 2, 0)
    assert page.status.text() == "amazon-all-listings-en.txt：新增 1，更新 2，未变 0，拒绝 0。"
    assert seen[-1] == 100 and not page.progress.isVisible()
    n = n_products(demo_desk)
    qtbot.waitUntil(lambda: page.count_label.text() == f"{n} 个商品", timeout=3000)


def test_refused_import_writes_nothing(tmp_path, page, demo_desk):
    before = n_products(demo_desk)
    bad = tmp_path / "bad.csv"
    bad.write_text("SKU,Chinese name,HS code\r\nX-1,测试,123\r\n", "utf-8")
    page.import_file(bad)
    page.ctx.ops.wait_idle()
    assert page.status.text().endswith("未写入任何数据。")
    assert n_products(demo_desk) == before


def test_export_writes_the_workbook(tmp_path, page, demo_desk):
    from openpyxl import load_workbook

    target = tmp_path / "p.xlsx"
    page.export_to(target)
    page.ctx.ops.wait_idle()
    assert load_workbook(target).sheetnames == ["商品", "listing", "HS编码表", "负面清单"]
    assert page.status.text().startswith(f"已将 {n_products(demo_desk)} 个商品和 38 条刊登保存到")


def test_english(qtbot, demo_desk, tmp_path):
    page, ctx = make_page(qtbot, demo_desk, tmp_path, "en")
    try:
        assert page.count_label.text() == f"{n_products(demo_desk)} products"
        assert page.tabs.tabText(1) == "Listings"
        assert page.editor.labels["declared_name"].text() == "Declared name (申报品名)"
        page.search.setText("ART-OIL-40")  # one product: English's singular
        qtbot.waitUntil(lambda: page.count_label.text() == "1 product", timeout=3000)
    finally:
        ctx.ops.shutdown()
        from seller_desk.ui import i18n as ui_i18n

        ui_i18n.install("zh_CN")


def test_hs_table_and_negative_list_tabs(page, demo_desk):
    page.tabs.setCurrentIndex(2)
    # the tax area's demo part may add HS codes of its own beside the products demo's 29
    assert page.count_label.text() == f"{len(demo_desk.products.hs_entries())} 个HS编码"
    assert not page.bulk_button.isEnabled()
    m = page.hs_model
    row = [m.row_at(r).code for r in range(m.rowCount())].index("8806221000")
    assert [m.data(m.index(row, c)) for c in range(m.columnCount())] == [
        "8806221000", "航拍无人驾驶航空器", "003", "035", "13%", "", "✔"]
    page.tabs.setCurrentIndex(3)
    assert page.count_label.text() == "7 条清单条目"
    lm = page.lists_model
    assert [lm.data(lm.index(0, c)) for c in range(3)] == ["禁止寄递", "8507", ""]


def test_attach_a_file_from_the_editor(tmp_path, page, demo_desk):
    from tests.ui.vault_pane import make_png

    page.products_view.selectRow(skus(page).index("LAMP-USB-WHT"))
    pid = demo_desk.products.get("LAMP-USB-WHT").id
    page.ctx.ops.wait_idle()
    assert (page.editor.docs.owner_kind, page.editor.docs.owner_id) == ("product", str(pid))
    assert page.editor.docs.count() == 0
    photo = tmp_path / "lamp.png"
    photo.write_bytes(make_png())
    page.editor.attach(photo)
    page.ctx.ops.wait_idle()
    page.ctx.ops.wait_idle()
    assert page.editor.docs.docs.item(0).text().startswith("lamp.png  (")
    assert [(k, n) for k, n, _ in demo_desk.products.files(pid)] == [("image", "lamp.png")]


def test_product_documents_pane(tmp_path, page, demo_desk, qtbot, monkeypatch):
    from tests.ui.vault_pane import exercise

    page.products_view.selectRow(skus(page).index("MUG-350-BLU"))
    page.ctx.ops.wait_idle()
    exercise(page.editor.docs, page.ctx, qtbot, tmp_path, monkeypatch, owner_kind="product",
             owner_id=demo_desk.products.get("MUG-350-BLU").id, label="MSDS")


def test_listings_show_the_lists_their_product_hits(page):
    page.search.setText("PB-10K")
    page.apply_filters()
    page.ctx.ops.wait_idle()
    m = page.listings_model
    assert [(m.data(m.index(r, 0)), m.data(m.index(r, 9))) for r in range(m.rowCount())] == [
        ("AliExpress", "禁止寄递")]


def test_new_product_from_the_page(qtbot, page, demo_desk):
    before = n_products(demo_desk)
    page.new_button.click()
    editor = page.editor
    assert editor.problems.text() == "" and not editor.save_button.isEnabled()  # quiet until typed
    editor.inputs["sku"].setText("MUG-350-BLU")
    qtbot.waitUntil(lambda: "已有其他商品使用" in editor.problems.text(), timeout=3000)
    editor.inputs["sku"].setText("CUP-NEW")
    editor.inputs["name_zh"].setText("新杯子")
    editor.inputs["hs_code"].setText("9617001900")
    editor.inputs["declared_name"].setText("保温杯")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=3000)
    editor.save_button.click()
    page.ctx.ops.wait_idle()
    assert demo_desk.products.product_data("CUP-NEW").name_zh == "新杯子"
    qtbot.waitUntil(lambda: page.count_label.text() == f"{before + 1} 个商品", timeout=3000)


def test_add_and_delete_list_entries_and_hs_codes(qtbot, page, demo_desk):
    page.tabs.setCurrentIndex(3)
    assert page.add_entry_button.isVisible() and page.delete_entry_button.isVisible()
    page.add_entry({"kind": "prohibited-mail", "keyword": "磁铁", "reason": "强磁物品禁寄"})
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: page.lists_model.rowCount() == 8, timeout=3000)
    assert [e.keyword for e in demo_desk.products.list_entries()][-1] == "磁铁"
    page.add_entry({"kind": "prohibited-mail", "hs_prefix": "7", "reason": "x"})
    page.ctx.ops.wait_idle()
    assert "HS编码前缀“7”必须是 2 到 10 位数字" in page.status.text()
    page.lists_view.selectRow(7)
    page.delete_entry()
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: page.lists_model.rowCount() == 7, timeout=3000)
    page.tabs.setCurrentIndex(2)
    assert not page.delete_entry_button.isVisible()
    page.add_entry({"code": "4202920000", "description": "旅行包", "legal_unit1": "035",
                    "refund_rate": "13", "licence_required": False})
    page.ctx.ops.wait_idle()
    assert demo_desk.products.hs_entry("4202920000").refund_rate == Decimal("0.13")


def test_the_editor_shows_the_platforms_decision_on_the_product_filing(qtbot, desk, tmp_path):
    from seller_desk.core.products import ProductData
    from seller_desk.sync.protocol import RemoteChange
    from seller_desk.ui import i18n as ui_i18n

    view = desk.products.save(ProductData(sku="MUG-1", name_zh="保温杯", hs_code="9617001100"))
    desk.products.apply_remote(RemoteChange(
        seq=1, entity="product", entity_uuid=view.uuid, kind="status",
        remote_status="rejected", reason="HS编码与申报品名不符", data=None, at=""))
    for lang, expected in (("zh_CN", "商品备案：被驳回——HS编码与申报品名不符"),
                           ("en", "Product filing: rejected — HS编码与申报品名不符")):
        page, ctx = make_page(qtbot, desk, tmp_path, lang)
        try:
            page.editor.load(desk.products.get(view.id))
            assert page.editor.filing.text() == expected
            page.grab().save(str(tmp_path / f"product_filing_{lang}.png"))
            page.editor.load(None)
            assert page.editor.filing.text() == ""
        finally:
            ctx.ops.shutdown()
            ui_i18n.install("zh_CN")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_mapping_dialog_lets_the_user_force_the_text_encoding(qtbot, desk, tmp_path,
                                                              monkeypatch, lang):
    """Issue 15 item 5: the GUI's import options carry the encoding override."""
    from seller_desk.ui.pages.products import page as page_module

    page, ctx = make_page(qtbot, desk, tmp_path, lang)
    path = tmp_path / "erp.csv"
    path.write_bytes("货号,品名,海关编码\nMUG-1,Résumé 杯,9617001100\n".encode("gb18030"))
    seen = {}

    def choose(dialog):
        box = dialog.findChild(page_module.QComboBox, "encoding")
        assert box.count() == 5 and box.currentData() is None  # automatic by default
        box.setCurrentIndex(box.findData("gb18030"))
        dialog.adjustSize()
        dialog.grab().save(str(tmp_path / f"mapping-{lang}.png"))
        seen["shown"] = True
        return page_module.QDialog.DialogCode.Accepted

    monkeypatch.setattr(page_module.MappingDialog, "exec", choose)
    calls = []
    monkeypatch.setattr(page, "import_file", lambda path, **kw: calls.append(kw))
    page.map_and_import(path)
    assert seen and calls and calls[0]["options"]["encoding"] == "gb18030"
    ctx.ops.shutdown()


def test_the_export_says_how_far_it_is_and_cancel_makes_no_workbook(tmp_path, page, demo_desk,
                                                                    monkeypatch, qtbot):
    """Products and listings export (100k of each: half a minute) under a progress dialog;
    its Cancel stops it: no workbook, no error, nothing said saved."""
    from seller_desk.services.products import ProductsService
    from tests.ui.holding import FirstWordHeld, showing, shown_progress

    real = ProductsService.export
    held = FirstWordHeld()
    monkeypatch.setattr(ProductsService, "export", lambda self, path, **kw: real(
        self, path, **{**kw, "progress": held.wrap(kw["progress"])}))
    monkeypatch.setattr("seller_desk.services.products.EXPORT_PART", 5)
    before = page.status.text()
    target = tmp_path / "p.xlsx"
    page.export_to(target)
    assert held.started.wait(10)
    dialog = shown_progress(qtbot, page)
    assert dialog is not None and "p.xlsx" in dialog.labelText()
    dialog.canceled.emit()
    page.ctx.ops.wait_idle()
    qtbot.wait(50)
    assert not target.exists() and not [p for p in tmp_path.iterdir() if ".xlsx" in p.name]
    assert page.status.text() == before and not showing(dialog)
    assert held.told == [0.0]


def test_the_export_tells_its_progress_through_every_part(demo_desk, tmp_path, monkeypatch):
    monkeypatch.setattr("seller_desk.services.products.EXPORT_PART", 7)
    told: list[tuple[float, str]] = []
    counts = demo_desk.products.export(tmp_path / "p.xlsx",
                                       progress=lambda f, t: told.append((f, t)))
    total = counts["products"] + counts["listings"]
    assert told[0] == (0.0, f"0/{total:,}")
    fractions = [f for f, _ in told]
    assert fractions == sorted(fractions) and 0.8 < fractions[-1] <= 1.0
    assert len(told) >= total // 7


def test_a_big_count_is_grouped(qtbot, page, monkeypatch):
    monkeypatch.setattr(type(page.ctx.desk.products), "count_products", lambda self, q: 123456)
    page.apply_filters()
    qtbot.waitUntil(lambda: page.count_label.text() == "123,456 个商品", timeout=3000)
