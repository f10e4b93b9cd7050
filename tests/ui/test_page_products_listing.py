"""The Products & Listings page's single-listing editor, the first-row selection on open and the
product editor's image preview (pytest-qt, offscreen)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from seller_desk.core.money import Money
from seller_desk.ui.qt import QPixmap, Qt, QUrl
from tests.ui.test_page_products import make_page


@pytest.fixture
def page(qtbot, demo_desk, tmp_path):
    page, ctx = make_page(qtbot, demo_desk, tmp_path, "zh_CN")
    yield page
    ctx.ops.shutdown()


def _row_of(page, predicate) -> int:
    model = page.listings_model
    while model.canFetchMore():
        model.fetchMore()
    return next(r for r in range(model.rowCount()) if predicate(model.row_at(r)))


def _amazon_priced(page) -> int:
    return _row_of(page, lambda li: li.platform == "amazon" and li.price is not None and li.sku)


def test_opens_on_the_first_product_and_the_first_listing(page, demo_desk):
    first_product = page.products_model.row_at(0)
    assert page.products_view.currentIndex().row() == 0
    assert (page.editor.product_id, page.editor.title.text()) == (first_product.id, first_product.sku)
    assert page.editor.inputs["sku"].text() == first_product.sku
    assert page.editors.currentIndex() == 0  # the products tab shows the product editor
    # the first listing is opened when its tab is first shown, not in the hidden editor
    assert page.listing_editor.listing is None
    assert not page.listings_view.selectionModel().hasSelection()
    page.tabs.setCurrentIndex(1)
    assert page.editors.currentIndex() == 1
    first_listing = page.listings_model.row_at(0)
    assert page.listings_view.currentIndex().row() == 0
    editor = page.listing_editor
    assert editor.listing.id == first_listing.id
    assert editor.title.text() == f"{first_listing.store} · {first_listing.msku}"
    assert editor.inputs["sku"].text() == first_listing.sku
    assert editor.save_button.isEnabled()
    page.tabs.setCurrentIndex(0)
    assert page.editors.currentIndex() == 0


def test_an_empty_company_opens_on_a_new_product(qtbot, desk, tmp_path):
    page, ctx = make_page(qtbot, desk, tmp_path, "zh_CN")
    try:
        assert page.editor.product_id is None and page.editor.title.text() == "新建商品"
        assert page.listing_editor.listing is None
        assert page.listing_editor.title.text() == "未选择刊登"
        assert not page.listing_editor.save_button.isEnabled()
    finally:
        ctx.ops.shutdown()


def test_listing_editor_validates_live_and_saves(qtbot, page, demo_desk):
    page.tabs.setCurrentIndex(1)
    row = _amazon_priced(page)
    page.listings_view.selectRow(row)
    before = page.listings_model.row_at(row)
    editor = page.listing_editor
    assert editor.listing.id == before.id
    assert (editor.price.text(), editor.currency.text()) == (str(before.price.amount),
                                                            before.price.currency)
    # not a number
    editor.price.setText("abc")
    qtbot.waitUntil(lambda: "不是数字" in editor.problems.text(), timeout=3000)
    assert editor.price.property("invalid") is True
    assert not editor.save_button.isEnabled()
    # an unknown currency is the currency's problem
    editor.price.setText("19.50")
    editor.currency.setText("XYZ")
    qtbot.waitUntil(lambda: "XYZ" in editor.problems.text(), timeout=3000)
    assert editor.currency.property("invalid") is True and editor.price.property("invalid") is False
    # a SKU the product master does not have
    editor.currency.setText("usd")
    editor.inputs["sku"].setText("NO-SUCH-SKU")
    qtbot.waitUntil(lambda: "NO-SUCH-SKU" in editor.problems.text(), timeout=3000)
    assert editor.problems.text() == "✖ 对应 SKU：没有商品“NO-SUCH-SKU”。"
    # an ASIN that is not one
    other = next(p for p in demo_desk.products.query_products(limit=500) if p.sku != before.sku)
    editor.inputs["sku"].setText(other.sku)
    editor.inputs["external_id"].setText("B0BAD")
    qtbot.waitUntil(lambda: "B0BAD" in editor.problems.text(), timeout=3000)
    assert not editor.save_button.isEnabled()
    # all good: save
    editor.inputs["external_id"].setText("B0C9Z8Y7X6")
    editor.inputs["listing_id"].setText("1122Z7NEW01")
    editor.inputs["status"].setCurrentIndex(editor.inputs["status"].findData("inactive"))
    editor.inputs["fulfilment"].setCurrentIndex(editor.inputs["fulfilment"].findData("fba"))
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=3000)
    assert editor.problems.text() == ""
    editor.save_button.click()
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: page.status.text() == f"已保存 {before.msku}。", timeout=3000)
    stored = demo_desk.products.listing(before.id)
    assert (stored.price, stored.sku, stored.external_id, stored.status, stored.fulfilment,
            stored.version) == (Money.of("19.50", "USD"), other.sku, "B0C9Z8Y7X6", "inactive",
                                "fba", before.version + 1)
    assert stored.extra["listing_id"] == "1122Z7NEW01"
    assert stored.title == before.title and stored.quantity == before.quantity  # untouched
    assert editor.listing.version == before.version + 1  # the editor holds the new version
    # saving again without a change writes nothing new
    editor.save_button.click()
    page.ctx.ops.wait_idle()
    assert demo_desk.products.listing(before.id).version == before.version + 1


def test_listing_editor_refuses_a_listing_changed_elsewhere(qtbot, page, demo_desk):
    page.tabs.setCurrentIndex(1)
    row = _amazon_priced(page)
    page.listings_view.selectRow(row)
    editor = page.listing_editor
    lid, msku = editor.listing.id, editor.listing.msku
    editor.price.setText("7.77")
    # another window (or a bulk edit) changes the price while the user is typing
    demo_desk.products.bulk_edit_listings([lid], price=Decimal("5.55"))
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=3000)
    editor.save()
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: "已被" in page.status.text() or "changed" in page.status.text(),
                    timeout=3000)
    assert msku in page.status.text()
    assert demo_desk.products.listing(lid).price.amount == Decimal("5.55")  # not overwritten


def test_listing_editor_revert_restores_the_stored_values(qtbot, page, demo_desk):
    page.tabs.setCurrentIndex(1)
    row = _amazon_priced(page)
    page.listings_view.selectRow(row)
    editor = page.listing_editor
    stored = demo_desk.products.listing(editor.listing.id)
    editor.price.setText("-3")
    editor.inputs["sku"].setText("")
    editor.inputs["status"].setCurrentIndex(editor.inputs["status"].findData("deleted"))
    qtbot.waitUntil(lambda: not editor.save_button.isEnabled(), timeout=3000)
    editor.revert_button.click()
    assert (editor.price.text(), editor.inputs["sku"].text(),
            editor.inputs["status"].currentData()) == (str(stored.price.amount), stored.sku,
                                                       stored.status)
    assert editor.problems.text() == "" and editor.save_button.isEnabled()
    assert demo_desk.products.listing(stored.id) == stored  # nothing was written


def _png(path: Path, color: Qt.GlobalColor) -> Path:
    pixmap = QPixmap(40, 30)
    pixmap.fill(color)
    assert pixmap.save(str(path), "PNG")
    return path


def test_image_preview_shows_the_first_image_and_opens_it(qtbot, tmp_path, page, demo_desk):
    m = page.products_model
    rows = [m.row_at(r) for r in range(m.rowCount())]
    target = next(r for r in rows if r.sku == "LAMP-USB-WHT")
    page.products_view.selectRow(rows.index(target))
    preview = page.editor.image_preview
    assert not preview.isVisible()  # no image yet
    from reportlab.pdfgen import canvas

    notes = tmp_path / "spec.pdf"
    pdf = canvas.Canvas(str(notes))
    pdf.drawString(72, 720, "spec")
    pdf.save()  # a real PDF: the vault refuses a truncated one
    page.editor.attach(notes)
    page.ctx.ops.wait_idle()
    qtbot.wait(50)
    assert not preview.isVisible()  # a document is no image
    page.editor.attach(_png(tmp_path / "lamp.png", Qt.GlobalColor.red))
    page.editor.attach(_png(tmp_path / "lamp-side.png", Qt.GlobalColor.blue))
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(preview.isVisible, timeout=3000)
    images = [(n, p) for kind, n, p in demo_desk.products.files(target.id) if kind == "image"]
    stored = [p for _n, p in images]
    assert preview.path == stored[0] and images[0][0] == "lamp.png"  # stored under its hash
    assert preview.pixmap().width() == 92  # 40×30 scaled to fit 92×92, aspect kept
    assert preview.pixmap().toImage().pixelColor(10, 10).name() == "#ff0000"
    opened: list[QUrl] = []
    preview.opener = opened.append
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(stored[0]))]
    # another product without images: no preview
    other = next(r for r in rows if r.sku != "LAMP-USB-WHT")
    page.products_view.selectRow(rows.index(other))
    assert not preview.isVisible() and preview.path is None


def test_english_listing_editor(qtbot, demo_desk, tmp_path):
    page, ctx = make_page(qtbot, demo_desk, tmp_path, "en")
    try:
        page.tabs.setCurrentIndex(1)
        editor = page.listing_editor
        assert [editor.labels[n].text() for n in ("sku", "external_id", "price", "status",
                                                  "fulfilment")] == [
            "Maps to SKU", "Item ID / ASIN", "Price", "Status", "Fulfilment"]
        editor.inputs["sku"].setText("NO-SUCH-SKU")
        qtbot.waitUntil(lambda: "NO-SUCH-SKU" in editor.problems.text(), timeout=3000)
        assert editor.problems.text() == '✖ Maps to SKU: There is no product "NO-SUCH-SKU".'
    finally:
        ctx.ops.shutdown()
        from seller_desk.ui import i18n as ui_i18n

        ui_i18n.install("zh_CN")


def test_a_change_elsewhere_reloads_the_listing_unless_it_is_being_edited(qtbot, page, demo_desk):
    page.tabs.setCurrentIndex(1)
    page.listings_view.selectRow(_amazon_priced(page))
    editor = page.listing_editor
    lid, version = editor.listing.id, editor.listing.version
    demo_desk.products.bulk_edit_listings([lid], price=Decimal("5.55"))
    qtbot.waitUntil(lambda: editor.listing.version == version + 1, timeout=3000)
    assert editor.price.text() == "5.55"  # not being edited: shows the stored listing
    editor.price.setText("6.66")
    demo_desk.products.bulk_edit_listings([lid], price=Decimal("7.77"))
    qtbot.wait(100)
    assert (editor.price.text(), editor.listing.version) == ("6.66", version + 1)  # edits kept


def test_an_import_past_the_listed_changes_reloads_the_page_and_the_listing(
        qtbot, desk, tmp_path, monkeypatch):
    from tests.services.test_products_import_digest import _listings_txt

    # past Changes.LISTED listings an import's change names the entity, no ids
    monkeypatch.setattr("seller_desk.core.changes.Changes.LISTED", 10)
    assert desk.imports.import_file(_listings_txt(tmp_path / "l.txt", 30)).written
    page, ctx = make_page(qtbot, desk, tmp_path, "zh_CN")
    try:
        page.tabs.setCurrentIndex(1)
        page.listings_view.selectRow(_row_of(page, lambda li: li.msku == "SKU-0000000"))
        editor = page.listing_editor
        assert editor.listing.msku == "SKU-0000000" and editor.price.text() != "12.34"
        seen = []
        desk.subscribe(seen.append)
        report = desk.imports.import_file(_listings_txt(tmp_path / "l2.txt", 30, changed=True))
        assert report.written and report.imported == 120
        assert seen[-1].ids["listing"] == frozenset()
        qtbot.waitUntil(lambda: editor.price.text() == "12.34", timeout=3000)  # its new price

        def shown() -> int:
            model = page.listings_model
            while model.canFetchMore():
                model.fetchMore()
            return model.rowCount()

        qtbot.waitUntil(lambda: shown() == 150, timeout=3000)  # the 120 new listings too
    finally:
        ctx.ops.shutdown()
