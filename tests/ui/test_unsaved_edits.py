"""Edits typed but not saved are asked about before anything drops them: another product or
listing opened in the editor, a new product, a language switch, another company, closing the
window (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

from seller_desk.ui.qt import QMessageBox
from seller_desk.ui.widgets import unsaved
from tests.ui.test_page_products import make_page


class Answers:
    """Stands in for the question: records what was asked, answers discard or keep."""

    def __init__(self) -> None:
        self.discard = False
        self.asked: list[list[str]] = []

    def __call__(self, _parent, names) -> bool:
        self.asked.append(list(names))
        return self.discard


@pytest.fixture
def answers(monkeypatch) -> Answers:
    a = Answers()
    monkeypatch.setattr(unsaved, "confirm_discard", a)
    return a


@pytest.fixture
def page(qtbot, demo_desk, tmp_path):
    page, ctx = make_page(qtbot, demo_desk, tmp_path, "zh_CN")
    yield page
    ctx.ops.shutdown()


def _sku_row(page, sku: str) -> int:
    m = page.products_model
    return next(r for r in range(m.rowCount()) if m.row_at(r).sku == sku)


def _selected(view) -> list[int]:
    return sorted(i.row() for i in view.selectionModel().selectedRows())


def test_another_product_is_opened_only_once_the_edits_are_discarded(qtbot, page, answers):
    editor = page.editor
    page.products_view.selectRow(_sku_row(page, "MUG-350-BLU"))
    page.products_view.selectRow(_sku_row(page, "TENT-4P-GRN"))  # nothing typed: no question
    assert answers.asked == [] and editor.inputs["sku"].text() == "TENT-4P-GRN"
    editor.inputs["brand"].setText("蓝贝")
    assert editor.dirty and page.unsaved_edits() == ["TENT-4P-GRN"]
    page.products_view.selectRow(_sku_row(page, "MUG-350-BLU"))
    assert answers.asked == [["TENT-4P-GRN"]]
    # kept editing: the typed text stays, and so does the edited product's row
    assert (editor.inputs["sku"].text(), editor.inputs["brand"].text()) == ("TENT-4P-GRN", "蓝贝")
    tent = _sku_row(page, "TENT-4P-GRN")
    qtbot.waitUntil(lambda: _selected(page.products_view) == [tent], timeout=3000)
    assert page.products_view.currentIndex().row() == tent  # highlighted and current
    page.new_button.click()
    assert len(answers.asked) == 2 and editor.inputs["sku"].text() == "TENT-4P-GRN"
    answers.discard = True
    page.products_view.selectRow(_sku_row(page, "MUG-350-BLU"))
    assert editor.inputs["sku"].text() == "MUG-350-BLU" and not editor.dirty
    assert page.unsaved_edits() == []
    assert page.ctx.desk.products.product_data("TENT-4P-GRN").brand != "蓝贝"  # never saved


def test_a_saved_product_is_no_longer_asked_about(page, answers):
    editor = page.editor
    page.products_view.selectRow(_sku_row(page, "MUG-350-BLU"))
    editor.inputs["brand"].setText("蓝贝")
    editor.save()
    page.ctx.ops.wait_idle()
    assert not editor.dirty and page.unsaved_edits() == []
    page.products_view.selectRow(_sku_row(page, "TENT-4P-GRN"))
    assert answers.asked == [] and editor.inputs["sku"].text() == "TENT-4P-GRN"


def test_another_listing_is_asked_about_too(qtbot, page, answers):
    page.tabs.setCurrentIndex(1)
    editor = page.listing_editor
    first = editor.listing
    editor.inputs["title"].setText("typed, not saved")
    page.listings_view.selectRow(1)
    assert answers.asked == [[f"{first.store} · {first.msku}"]]
    assert editor.listing.id == first.id and editor.inputs["title"].text() == "typed, not saved"
    qtbot.waitUntil(lambda: _selected(page.listings_view) == [0], timeout=3000)
    assert page.listings_view.currentIndex().row() == 0
    answers.discard = True
    page.listings_view.selectRow(1)
    assert editor.listing.id == page.listings_model.row_at(1).id and not editor.dirty


def test_a_language_switch_and_closing_the_window_ask_first(qtbot, demo_controller, answers):
    c = demo_controller
    window = c.window
    page = window.show_area("products")
    c.ctx.ops.wait_idle()
    page.editor.inputs["brand"].setText("蓝贝")
    sku = page.editor.title.text()
    assert window.unsaved_edits() == [sku]
    assert window.request_language("en") is False  # kept editing
    assert c.window is window and c.lang == "zh_CN" and page.editor.inputs["brand"].text() == "蓝贝"
    window.request_company("demo")
    assert c.window is window  # another company: asked, kept editing
    assert window.close() is False and window.isVisible()  # the window stays open
    assert answers.asked == [[sku]] * 3
    answers.discard = True
    assert window.request_language("en") is True
    assert c.window is not window and c.lang == "en"
    assert len(answers.asked) == 4  # asked once: the old window closed without asking again
    assert c.window.unsaved_edits() == []
    c.set_language("zh_CN")


def test_the_question_in_both_languages(qtbot, monkeypatch):
    from seller_desk.ui import i18n as ui_i18n

    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((title, text, buttons, default))
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    try:
        for lang in ("en", "zh_CN"):
            ui_i18n.install(lang)
            assert unsaved.confirm_discard(None, ["MUG-350-BLU"]) is True
    finally:
        ui_i18n.install("zh_CN")
    (en_title, en_text, buttons, default), (zh_title, zh_text, *_rest) = asked
    assert (en_title, en_text) == (
        "Discard unsaved changes?",
        "Your changes to MUG-350-BLU are not saved yet. Discard them?")
    assert (zh_title, zh_text) == ("放弃未保存的修改？", "对 MUG-350-BLU 的修改尚未保存。要放弃这些修改吗？")
    assert default == QMessageBox.StandardButton.Cancel  # keeping the edits is the default
    assert buttons == QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
