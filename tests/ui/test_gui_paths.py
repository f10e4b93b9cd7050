"""GUI paths a person takes that once crashed or hid a result (issue 13, one test per item)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from seller_desk.ui.qt import QFileDialog, QMessageBox, QTableView


@pytest.fixture
def logged_errors():
    """Every ERROR the app logs during the test (the error hook logs what it shows)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.ERROR)
    logging.getLogger("seller_desk").addHandler(handler)
    yield records
    logging.getLogger("seller_desk").removeHandler(handler)


def _boxes(monkeypatch) -> list[str]:
    texts: list[str] = []

    def keep(box, *_a):
        texts.append(f"{box.icon().name}: {box.text()} {box.detailedText()[-300:]}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep)
    return texts


# -- item 1 -------------------------------------------------------------------------------------
def test_fx_documentation_pack_button_makes_the_pack(demo_controller, tmp_path: Path,
                                                     monkeypatch, logged_errors) -> None:
    texts = _boxes(monkeypatch)
    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = demo_controller.window.show_area("fx")
    demo_controller.ctx.ops.wait_idle()
    page.pack_button.click()  # clicked(bool) must not arrive as the path
    demo_controller.ctx.ops.wait_idle()
    assert not logged_errors and not texts
    assert target.exists() and target.with_suffix(".xlsx").exists()


# -- item 2 -------------------------------------------------------------------------------------
def test_language_switch_leaves_every_table_answering_only_for_its_columns(
        demo_controller, monkeypatch, logged_errors) -> None:
    texts = _boxes(monkeypatch)
    for area in ("stock", "fx", "tax", "filing"):
        demo_controller.window.show_area(area)
        demo_controller.ctx.ops.wait_idle()
    demo_controller.set_language("en")
    for area in ("products", "stock", "fx", "tax", "filing"):
        window = demo_controller.window
        page = window.show_area(area)
        demo_controller.ctx.ops.wait_idle()
        for view in page.findChildren(QTableView):
            model = view.model()
            if model is not None:
                assert view.horizontalHeader().count() == model.columnCount(), (
                    area, view.objectName())
                if area == "products":  # its models are being replaced by the shared one
                    continue
                assert model.headerData(model.columnCount() + 3, view.horizontalHeader()
                                        .orientation()) is None
        window.grab()  # paint every header
    assert not logged_errors and not texts, texts
