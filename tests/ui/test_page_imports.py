"""The Orders page's "Import reports…" and the FX page's statement import: a big report takes
seconds (100k rows: 5 s), so a progress dialog says how far it is and its Cancel stops the
import, nothing written; the next import writes. Both go through ImportService.import_file
(an orders re-import then skips the rows it holds unchanged, as File ▸ Import does)."""

from __future__ import annotations

import pytest

from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import QProgressDialog
from tests.ui.holding import FirstWordHeld, showing, shown_progress


def _count(desk, table: str) -> int:
    from sqlalchemy import text

    with desk.read() as s:
        return s.execute(text(f"select count(*) from {table}")).scalar_one()


@pytest.mark.parametrize("area", ["orders", "fx"])
def test_a_page_import_shows_its_progress_and_cancel_writes_nothing(qtbot, app_context,
                                                                   tmp_path, monkeypatch,
                                                                   area):
    import importlib

    from seller_desk.services.imports import ImportService
    from tests.bench import bench_area_imports as gen
    from tests.bench.bench_import import write_date_range_csv

    if area == "orders":
        path, table = tmp_path / "date-range.csv", "orders"
        write_date_range_csv(path, 1500, seed=4)
    else:
        path, table = tmp_path / "collector.csv", "fx_records"
        gen.write_collector_csv(path, 1500, seed=4)
    errors: list = []
    monkeypatch.setattr("seller_desk.ui.errors.show_error", lambda *a, **k: errors.append(a))
    monkeypatch.setattr("seller_desk.ui.pages.orders.page.show_problems", lambda *a, **k: None)
    monkeypatch.setattr("seller_desk.ui.errors.show_problems", lambda *a, **k: None)
    module = importlib.import_module(f"seller_desk.ui.pages.{area}")
    page = module.Page(app_context, next(p for p in PAGES if p.area == area))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    app_context.ops.wait_idle()

    real = ImportService.import_file
    held = FirstWordHeld()
    monkeypatch.setattr(ImportService, "import_file", lambda self, file, **kw: real(
        self, file, **{**kw, "progress": held.wrap(kw["progress"])}))
    run = page.import_report if area == "orders" else page.run_import
    run(path)
    assert held.started.wait(10)
    dialog = shown_progress(qtbot, page)
    assert dialog is not None and path.name in dialog.labelText()
    dialog.canceled.emit()  # (its Cancel)
    app_context.ops.wait_idle()
    qtbot.wait(50)
    assert not showing(dialog) and errors == []
    assert _count(app_context.desk, table) == 0  # rolled back

    held.hold = False
    held.told.clear()
    run(path)
    app_context.ops.wait_idle()
    qtbot.wait(50)
    assert _count(app_context.desk, table) > 100 and errors == []
    assert held.told == sorted(held.told) and held.told[-1] > 0.5
    assert not [d for d in page.findChildren(QProgressDialog) if d.isVisible()]


def test_a_payout_that_does_not_add_up_is_imported_once_confirmed(qtbot, app_context,
                                                                  tmp_path, monkeypatch):
    """The Orders page's import of a payout whose lines do not add up asks first; "Yes"
    imports it with the difference recorded (the area's confirm_difference, through
    ImportService.import_file), "No" writes nothing."""
    from seller_desk.ui.qt import QMessageBox
    from tests.services.test_orders_service import _unbalanced

    path = _unbalanced(tmp_path)
    answers: list = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: answers.pop(0))
    monkeypatch.setattr("seller_desk.ui.pages.orders.page.show_problems", lambda *a, **k: None)
    from seller_desk.ui.pages.orders import Page

    page = Page(app_context, next(p for p in PAGES if p.area == "orders"))
    qtbot.addWidget(page)
    page.show()
    answers.append(QMessageBox.StandardButton.No)
    page.import_report(path)
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True) and not answers, timeout=10000)
    assert app_context.desk.orders.list_settlements() == []
    answers.append(QMessageBox.StandardButton.Yes)
    page.import_report(path)
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True)
                    and bool(app_context.desk.orders.list_settlements()), timeout=10000)
    (row,) = app_context.desk.orders.list_settlements()
    assert (row["total"], row["confirmed_difference"]) == ("-89.10", "0.03")
