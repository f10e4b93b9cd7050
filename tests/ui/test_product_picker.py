"""The SKU field of the stock and SKU-mapping dialogs: items and suggestions from a look-up,
never the whole catalogue."""

from __future__ import annotations

from seller_desk.ui.widgets import product_picker
from seller_desk.ui.widgets.product_picker import ProductPicker

CATALOGUE = [(f"SKU-{i:04d}", f"商品{i}") for i in range(500)] + [("LAMP-1", "")]


def lookup(asked):
    def find(text: str, limit: int) -> list[tuple[str, str]]:
        asked.append((text, limit))
        key = text.lower()
        return sorted((p for p in CATALOGUE if p[0].lower().startswith(key)),
                      key=lambda p: p[0].lower())[:limit]
    return find


def test_items_are_the_first_products_and_typing_asks_for_the_rest(qtbot, monkeypatch):
    monkeypatch.setattr(product_picker, "PAUSE_MS", 10)
    asked: list[tuple[str, int]] = []
    picker = ProductPicker(lookup(asked))
    qtbot.addWidget(picker)
    assert asked == [("", product_picker.LIMIT)]
    assert picker.count() == product_picker.LIMIT and picker.itemText(0) == "LAMP-1"
    assert picker.itemText(1) == "SKU-0000 · 商品0" and picker.itemData(1) == "SKU-0000"
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker.lineEdit(), "sku-04")
    qtbot.waitUntil(lambda: len(asked) == 2)  # one look-up after the typing pause
    assert asked[-1] == ("sku-04", product_picker.LIMIT)
    assert picker.suggestions()[:2] == ["SKU-0400 · 商品400", "SKU-0401 · 商品401"]
    assert len(picker.suggestions()) == 50
    picker.setEditText("SKU-0449 · 商品449")  # a suggestion picked (not among the items)
    assert picker.findText("SKU-0449 · 商品449") < 0 and picker.sku() == "SKU-0449"
    picker.setCurrentIndex(1)
    assert picker.sku() == "SKU-0000"
    picker.setEditText("  NEW-SKU ")  # typed, not a product: as typed
    assert picker.sku() == "NEW-SKU"


def test_the_movement_dialog_takes_a_sku_beyond_the_first_items(qtbot, desk):
    from seller_desk.core.products import ProductData
    from seller_desk.ui.pages.stock.dialogs import MovementDialog

    for i in range(product_picker.LIMIT + 10):
        desk.products.save(ProductData(sku=f"P-{i:03d}", name_zh=f"品{i}", name_en=f"p{i}"))
    desk.stock.add_warehouse("FBA-US", "FBA US", "fba", "US")
    dlg = MovementDialog(None, desk.stock, "FBA-US")
    qtbot.addWidget(dlg)
    assert dlg.sku.count() == product_picker.LIMIT  # not every product
    dlg.sku.setEditText("p-05")
    dlg.sku.suggest()
    assert dlg.sku.suggestions() == [f"P-{i:03d} · 品{i}" for i in range(50, 60)]
    dlg.sku.setEditText("P-059 · 品59")
    assert dlg.values()[0][0] == "P-059"
