"""The import preview: what an import would do, before it writes; cancel writes nothing,
Import writes, "good rows only" leaves the bad rows out; drag-over highlights the window."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent

from seller_desk.ui.main_window import MainWindow
from seller_desk.ui.qt import QDialog, QFrame, Qt, QTimer, QUrl

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def _count(desk, table: str) -> int:
    from sqlalchemy import text

    with desk.read() as s:
        return s.execute(text(f"select count(*) from {table}")).scalar_one()


def _answer(qtbot, win, button: str):
    """Click ``button`` of the preview dialog once it is shown (exec() blocks)."""
    seen = {}

    def click() -> None:
        dialog = getattr(win, "import_preview_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, click)
            return
        seen["dialog"] = dialog
        seen["counts"] = dialog.counts.text()
        seen["rows"] = dialog.rows.rowCount()
        getattr(dialog, button).click()

    QTimer.singleShot(50, click)
    return seen


def test_preview_cancel_then_confirm(qtbot, app_context, tmp_path, monkeypatch):
    desk = app_context.desk
    sample = tmp_path / "orders.csv"
    shutil.copy(SAMPLES / "amazon-date-range-us.csv", sample)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr("seller_desk.ui.main_window.QMessageBox.information",
                        lambda *a, **k: None)
    monkeypatch.setattr("seller_desk.ui.main_window.show_problems", lambda *a, **k: None)
    before = _count(desk, "orders")

    seen = _answer(qtbot, win, "cancel_button")
    win.preview_import([sample])
    qtbot.waitUntil(lambda: "dialog" in seen and not seen["dialog"].isVisible(), timeout=10000)
    app_context.ops.wait_idle()
    assert seen["rows"] > 0
    assert _count(desk, "orders") == before  # cancelled: nothing written

    from seller_desk.services.import_preview import preview

    expected = preview(desk, sample).report.imported
    assert expected > 0 and _count(desk, "orders") == before  # the preview wrote nothing
    assert str(expected) in seen["counts"]
    seen = _answer(qtbot, win, "import_button")
    win.preview_import([sample])
    qtbot.waitUntil(lambda: "dialog" in seen and seen["dialog"].result() == QDialog.DialogCode.Accepted,
                    timeout=10000)
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True)
                    and _count(desk, "orders") > before, timeout=10000)
    again = preview(desk, sample).report  # written: a second import would add nothing
    assert (again.imported, again.updated) == (0, 0) and again.unchanged > 0


def test_good_rows_only_leaves_the_bad_rows_out(qtbot, app_context, tmp_path, monkeypatch):
    desk = app_context.desk
    lines = (SAMPLES / "amazon-date-range-us.csv").read_text(encoding="utf-8").splitlines()
    sample = tmp_path / "orders-bad.csv"
    header = next(i for i, ln in enumerate(lines) if ln.startswith('"date/time"'))
    bad_line = next(i for i in range(header + 1, len(lines)) if '"Order"' in lines[i])
    bad_order = lines[bad_line].split('","')[3]
    lines[bad_line] = '"not a date",' + lines[bad_line].split(",", 1)[1]
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from seller_desk.services.import_preview import preview

    found = preview(desk, sample)
    assert found.errors and found.report.rejected >= 1
    assert any(p.source and p.source.row for p in found.problems)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr("seller_desk.ui.main_window.QMessageBox.information",
                        lambda *a, **k: None)
    monkeypatch.setattr("seller_desk.ui.main_window.show_problems", lambda *a, **k: None)
    seen = _answer(qtbot, win, "good_button")
    win.preview_import([sample])
    qtbot.waitUntil(lambda: "dialog" in seen, timeout=10000)
    assert not seen["dialog"].import_button.isEnabled()  # all-or-nothing refused
    assert seen["dialog"].problems.model().rowCount() == len(found.problems)
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True)
                    and _count(desk, "orders") > 0, timeout=10000)
    numbers = [o["order_id"] for o in desk.orders.list_orders()]
    assert bad_order not in numbers and len(numbers) == _count(desk, "orders")


def test_drag_over_highlights_the_window(qtbot, app_context, tmp_path):
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "x.csv"))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(enter)
    frame = win.findChild(QFrame, "dropTarget")
    assert frame is not None and frame.isVisible() and frame.geometry() == win.rect()
    win.dragLeaveEvent(QDragLeaveEvent())
    assert not frame.isVisible()


def test_the_confirmed_import_takes_what_the_preview_read(qtbot, app_context, tmp_path,
                                                          monkeypatch):
    """The file is read once, by the preview; the import the user confirms writes what it
    read (a 100k-row report is not read again)."""
    from seller_desk.io.readers.amazon_date_range import AmazonDateRange

    desk = app_context.desk
    sample = tmp_path / "orders.csv"
    shutil.copy(SAMPLES / "amazon-date-range-us.csv", sample)
    reads: list[Path] = []
    real = AmazonDateRange.read

    def counted(self, path, **kwargs):
        reads.append(Path(path))
        return real(self, path, **kwargs)

    monkeypatch.setattr(AmazonDateRange, "read", counted)
    applies: list[object] = []
    real_apply = type(desk.orders).apply_import
    monkeypatch.setattr(type(desk.orders), "apply_import", lambda self, result, **kw: (
        applies.append(kw), real_apply(self, result, **kw))[1])
    summaries: list[str] = []
    monkeypatch.setattr("seller_desk.ui.main_window.QMessageBox.information",
                        lambda _parent, _title, text: summaries.append(text))
    monkeypatch.setattr("seller_desk.ui.main_window.show_problems", lambda *a, **k: None)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    before = _count(desk, "orders")
    seen = _answer(qtbot, win, "import_button")
    win.preview_import([sample])
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True)
                    and _count(desk, "orders") > before, timeout=10000)
    assert reads == [sample]
    # written once: the preview's import, held while the dialog was shown, is committed
    assert len(applies) == 1 and seen["dialog"].preview.held.committed is True
    qtbot.waitUntil(lambda: bool(summaries), timeout=5000)
    assert f"新增 {seen['dialog'].preview.report.imported}，" in summaries[-1]
    assert seen["dialog"].preview.read is None  # let go once imported (the window keeps the dialog)


def test_a_problem_message_gets_the_dialogs_width(qtbot, app_context, tmp_path):
    """The row and column numbers take the width they need and the message the rest (a
    Chinese message, with no spaces to wrap at, was cut short); each message is its own
    item's tooltip too."""
    from seller_desk.services.import_preview import preview
    from seller_desk.ui.widgets.import_preview import ImportPreviewDialog

    sample = tmp_path / "paypal.csv"
    shutil.copy(SAMPLES / "paypal-activity-download.csv", sample)
    found = preview(app_context.desk, sample)
    assert found.problems  # (months without a SAFE rate)
    dialog = ImportPreviewDialog(found, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.problems
    model = table.model()
    cell = lambda i, j, role=Qt.ItemDataRole.DisplayRole: model.index(i, j).data(role)  # noqa: E731
    assert all(cell(i, 2, Qt.ItemDataRole.ToolTipRole) == cell(i, 2) != ""
               for i in range(model.rowCount()))
    assert [cell(i, 0) for i in range(model.rowCount())] == [
        "" if p.source is None or p.source.row is None else str(p.source.row)
        for p in found.problems]
    assert table.columnWidth(0) + table.columnWidth(1) < table.columnWidth(2) / 3


def test_a_file_of_bad_rows_shows_its_problems_without_making_them_all(qtbot, app_context,
                                                                        tmp_path, monkeypatch):
    """A report whose every row is refused (a wrong date format: 100k problems) opens its
    preview at once: a message is made when its row is shown, not for every problem (items
    for all took 1.6 s and 180 MB at 100k); double-clicking one opens its guide section."""
    from seller_desk.core.problems import Problem, Source
    from seller_desk.services.import_preview import preview
    from seller_desk.ui.widgets import import_preview as widget

    sample = tmp_path / "orders.csv"
    shutil.copy(SAMPLES / "amazon-date-range-us.csv", sample)
    found = preview(app_context.desk, sample)
    found.problems = [Problem(key="io.bad_date", params={"value": f"day {i}"},
                              source=Source(file="orders.csv", sheet=None, row=i + 9,
                                            column="date/time", value=f"day {i}"))
                      for i in range(20000)]
    made: list[str] = []
    real = __import__("seller_desk.messages", fromlist=["describe"]).describe
    monkeypatch.setattr("seller_desk.messages.describe",
                        lambda p, lang=None: made.append(p.params["value"]) or real(p, lang))
    opened: list = []
    monkeypatch.setattr("seller_desk.ui.guide.open_guide", lambda topic, *a: opened.append(topic))
    dialog = widget.ImportPreviewDialog(found, "en")
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.wait(50)
    model = dialog.problems.model()
    assert model.rowCount() == 20000 and 0 < len(made) < 200
    assert model.index(19999, 0).data() == "20008"
    assert "day 19999" in model.index(19999, 2).data()
    dialog.problems.doubleClicked.emit(model.index(3, 2))
    assert opened and opened[0]


def test_a_preview_shows_how_far_it_is_and_cancel_stops_it(qtbot, app_context, tmp_path,
                                                         monkeypatch):
    """Reading and checking a big report takes seconds (100k rows: 5-7 s): a progress dialog
    says how far the reading, then the checking, is, and its Cancel stops the preview (no
    preview dialog, no error, nothing written); the next preview runs to its dialog."""
    from seller_desk.services import import_preview as ip
    from tests.bench import bench_area_imports as gen
    from tests.ui.holding import FirstWordHeld, showing, shown_progress

    path = tmp_path / "listings.txt"
    gen.write_listings_txt(path, 3000)
    real = ip.preview
    held = FirstWordHeld()

    def watched(desk, file, *, progress=None, **kw):
        return real(desk, file, progress=held.wrap(progress), **kw)

    errors: list = []
    monkeypatch.setattr(ip, "preview", watched)
    monkeypatch.setattr("seller_desk.ui.main_window.show_error", lambda *a, **k: errors.append(a))
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    win.preview_import([path])
    assert held.started.wait(10)
    bar = shown_progress(qtbot, win)
    assert bar is not None
    assert "listings.txt" in bar.labelText()
    bar.canceled.emit()  # (the dialog's Cancel)
    qtbot.waitUntil(lambda: app_context.ops.wait_idle() or True, timeout=10000)
    qtbot.wait(100)
    assert getattr(win, "import_preview_dialog", None) is None and errors == []
    assert _count(app_context.desk, "listings") == 0 and not showing(bar)

    held.hold = False
    held.told.clear()
    seen = _answer(qtbot, win, "cancel_button")
    win.preview_import([path])
    qtbot.waitUntil(lambda: "dialog" in seen, timeout=20000)
    assert "3000" in seen["counts"] and errors == []
    told = held.told
    assert told == sorted(told) and told[0] < 0.5 < told[-1] <= 1.0  # reading, then checking
