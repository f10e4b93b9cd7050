"""After every file the GUI writes, "Saved …" with Open, Open folder and, for a PDF, Preview:
the notice itself, and each output path of the app (table export, products export, stock
export, the exemption list, the FX documentation pack, the month's customs messages) calling it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.ui.widgets import desktop, pdf_view, saved

SHOTS = os.environ.get("SELLER_DESK_SHOTS")  # set to a folder to keep the rendered PNGs


@pytest.fixture
def urls(monkeypatch) -> list[str]:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    return opened


@pytest.fixture
def window(qapp):
    from PySide6.QtWidgets import QLabel, QMainWindow

    w = QMainWindow()
    w.setCentralWidget(QLabel("page"))
    w.statusBar()  # made before the window shows, as the main window does
    w.resize(1366, 728)
    w.show()
    yield w
    w.close()


def test_a_file_saved_offers_open_and_open_folder(window, tmp_path, monkeypatch, urls):
    out = tmp_path / "products.xlsx"
    out.write_bytes(b"x")
    selected: list[Path] = []
    monkeypatch.setattr(desktop, "_select_in_file_manager", lambda p: selected.append(p) or True)
    bar = saved.show_saved(window.centralWidget(), out)
    assert bar.parent() is not None and bar.isVisible()
    assert bar in window.statusBar().findChildren(saved.SavedBar)  # in the status bar, no popup
    assert "products.xlsx" in bar.label.text() and str(out) in bar.toolTip()
    assert bar.open_button.isVisible() and bar.folder_button.isVisible()
    assert not bar.preview_button.isVisible()  # not a PDF
    bar.open_button.click()
    assert urls == [str(out)]
    bar.folder_button.click()  # selected in the file manager
    assert selected == [out] and urls == [str(out)]
    monkeypatch.setattr(desktop, "_select_in_file_manager", lambda p: False)
    bar.folder_button.click()  # no way to select it here: the folder opens
    assert urls == [str(out), str(tmp_path)]
    again = saved.show_saved(window.centralWidget(), tmp_path / "other.xlsx")
    assert again is bar and "other.xlsx" in bar.label.text()  # one notice, replaced
    bar.close_button.click()
    assert not bar.isVisible()


def test_a_pdf_and_its_excel_offer_preview(window, tmp_path, monkeypatch, urls):
    pdf, xlsx = tmp_path / "无票免税清单-2026-10.pdf", tmp_path / "无票免税清单-2026-10.xlsx"
    shown: list[Path] = []
    monkeypatch.setattr(pdf_view, "show_pdf_preview", lambda p, parent=None: shown.append(p))
    bar = saved.show_saved(window, [pdf, xlsx])
    assert bar.label.text().endswith("无票免税清单-2026-10.pdf + .xlsx")
    assert bar.preview_button.isVisible()
    bar.preview_button.click()
    assert shown == [pdf]
    saved.show_saved(window, [pdf], preview=True)  # "Print list": the preview opens at once
    assert shown == [pdf, pdf]


def test_a_folder_of_files(window, tmp_path, urls):
    files = [tmp_path / f"CEB303-{i}.xml" for i in range(3)]
    bar = saved.show_saved(window, files, folder=tmp_path)
    assert "3" in bar.label.text() and str(tmp_path) in bar.label.text()
    assert not bar.open_button.isVisible() and not bar.preview_button.isVisible()
    bar.folder_button.click()
    assert urls == [str(tmp_path)]


def test_outside_a_main_window_it_joins_the_layout(qapp, tmp_path):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    page = QWidget()
    QVBoxLayout(page)
    bar = saved.show_saved(page, tmp_path / "a.xlsx")
    assert bar.parent() is page and page.layout().indexOf(bar) >= 0


def test_no_file_is_an_error(window):
    with pytest.raises(ValueError):
        saved.show_saved(window, [])


# -- every output path of the GUI calls it -------------------------------------------------------
@pytest.fixture
def calls(monkeypatch) -> list[tuple[list[Path], dict]]:
    """Every show_saved call (the notice is still shown, without opening previews)."""
    real = saved.show_saved
    seen: list[tuple[list[Path], dict]] = []

    def record(parent, paths=(), **kw):
        seen.append(([paths] if isinstance(paths, Path) else list(paths), kw))
        return real(parent, paths, **{**kw, "preview": False})

    monkeypatch.setattr(saved, "show_saved", record)
    return seen


@pytest.fixture
def gui(demo_controller, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "exec", lambda *a: 0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / f"saved{_suffix(a, k)}"), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(_folder(tmp_path / "messages")))
    return demo_controller


def _suffix(args: tuple, kw: dict) -> str:
    filt = kw.get("filter") or (args[3] if len(args) > 3 else "")
    return ".pdf" if "*.pdf" in filt else ".xlsx"


def _folder(path: Path) -> Path:
    path.mkdir(exist_ok=True)
    return path


def _written(calls, controller) -> list[Path]:
    controller.ctx.ops.wait_idle(60)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    assert len(calls) == 1, calls
    paths, _kw = calls[0]
    for p in paths:
        assert p.exists(), p
    bar = controller.window.statusBar().findChild(saved.SavedBar)
    assert bar is not None and bar.isVisible() and bar.folder_button.isVisible()
    return paths


def test_file_export_to_excel(gui, calls, tmp_path):
    window = gui.window
    window.show_area("orders")
    gui.ctx.ops.wait_idle(60)
    window.export_tables()
    assert _written(calls, gui) == [tmp_path / "saved.xlsx"]


def test_products_export(gui, calls, tmp_path):
    page = gui.window.show_area("products")
    page.choose_export()
    assert _written(calls, gui) == [tmp_path / "saved.xlsx"]


def test_stock_table_export(gui, calls, tmp_path):
    from PySide6.QtWidgets import QTableView

    page = gui.window.show_area("stock")
    gui.ctx.ops.wait_idle(60)
    page._export(page.findChildren(QTableView)[0])
    assert _written(calls, gui) == [tmp_path / "saved.xlsx"]


def test_exemption_list_pdf_and_excel_with_preview(gui, calls, tmp_path):
    page = gui.window.show_area("tax")
    gui.ctx.ops.wait_idle(60)
    page._ask_print()
    assert _written(calls, gui) == [tmp_path / "saved.pdf", tmp_path / "saved.xlsx"]
    assert calls[0][1].get("preview") is True  # Print list shows the pages at once
    if SHOTS:
        gui.window.resize(1366, 728)
        assert gui.window.grab().save(str(Path(SHOTS) / f"saved_bar_{gui.lang}.png"))


def test_fx_documentation_pack(gui, calls, tmp_path):
    page = gui.window.show_area("fx")
    gui.ctx.ops.wait_idle(60)
    page.documentation_pack()
    paths = _written(calls, gui)
    assert paths[0] == tmp_path / "saved.pdf" and paths[1].suffix == ".xlsx"


def test_customs_messages_folder(gui, calls, tmp_path):
    page = gui.window.show_area("orders")
    gui.ctx.ops.wait_idle(60)
    months = [page.month.itemData(i) for i in range(page.month.count())]
    for month in [m for m in months if m] or [None]:
        if month is not None:
            page.month.setCurrentIndex(months.index(month))
        page.generate_messages()
        gui.ctx.ops.wait_idle(60)
        if calls:
            break
    assert calls, "no month of the demo wrote customs messages"
    paths, kw = calls[0]
    assert kw["folder"] == tmp_path / "messages" and paths
    assert all(p.parent == tmp_path / "messages" and p.exists() for p in paths)


@pytest.mark.skipif(os.name == "nt" or os.uname().sysname == "Darwin",
                    reason="the freedesktop call is the Linux path")
def test_open_folder_never_waits_on_the_file_manager(qtbot, tmp_path, monkeypatch, urls):
    """A desktop whose file-manager service hangs and then fails: Open folder returns at once
    (the window stays live) and the folder is opened when the call fails."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dbus-send").write_text("#!/bin/sh\nsleep 1\nexit 1\n")
    (fake / "dbus-send").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ.get('PATH', '')}")
    file = tmp_path / "list.xlsx"
    file.write_bytes(b"x")
    assert desktop.reveal(file)
    assert desktop._running and urls == []  # returned with the call still in flight
    qtbot.waitUntil(lambda: len(urls) == 1, timeout=5000)
    assert Path(urls[0]) == tmp_path


def test_an_export_says_how_many_rows_and_cancel_stops_it(gui, calls, tmp_path, monkeypatch,
                                                          qtbot):
    """A big table's export (96k orders: 13 s) shows a progress dialog with the rows written
    so far and a Cancel, which stops it: no file, no error, no "Saved"; the next export runs
    to its file."""
    from seller_desk.ui.widgets import table_export
    from tests.ui.holding import FirstWordHeld, showing, shown_progress

    monkeypatch.setattr(table_export, "PROGRESS_ROWS", 2)
    real = table_export.export_jobs
    held = FirstWordHeld()

    def jobs(views):
        write = real(views)
        return lambda path, progress=None: write(path, held.wrap(progress))

    monkeypatch.setattr(table_export, "export_jobs", jobs)
    errors: list = []
    monkeypatch.setattr("seller_desk.ui.main_window.show_error", lambda *a, **k: errors.append(a))
    window = gui.window
    window.show_area("orders")
    gui.ctx.ops.wait_idle(60)
    window.export_tables()
    assert held.started.wait(10)
    bar = shown_progress(qtbot, window)
    assert bar is not None
    assert "saved.xlsx" in bar.labelText() and "2" in bar.labelText()
    bar.canceled.emit()  # (its Cancel)
    gui.ctx.ops.wait_idle(60)
    qtbot.wait(50)
    assert not showing(bar) and errors == [] and calls == []
    assert not (tmp_path / "saved.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]  # no half workbook

    held.hold = False
    held.told.clear()
    window.export_tables()
    assert _written(calls, gui) == [tmp_path / "saved.xlsx"]
    told = held.told
    assert told and told == sorted(told) and told[0] == 2 and errors == []
