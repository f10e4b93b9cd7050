"""Saved window state: a table whose default layout changed (``sdLayout``) does not get the
widths saved for its older layout back; its newer saved widths are restored."""

from __future__ import annotations

from seller_desk.ui.qt import QMainWindow, QStandardItemModel, QTableView
from seller_desk.ui.state import LAYOUT_VERSION, WindowState


def _window(version: int | None) -> tuple[QMainWindow, QTableView]:
    win = QMainWindow()
    win.setObjectName("main")
    view = QTableView()
    view.setObjectName("filings")
    model = QStandardItemModel(1, 3, view)
    view.setModel(model)
    if version:
        view.setProperty(LAYOUT_VERSION, version)
    win.setCentralWidget(view)
    for c in range(3):
        view.setColumnWidth(c, 100)
    return win, view


def test_a_new_layout_version_ignores_widths_saved_for_the_old_one(qtbot, tmp_path) -> None:
    state = WindowState(tmp_path / "window-state.ini")
    old, old_view = _window(None)
    qtbot.addWidget(old)
    old_view.setColumnWidth(0, 333)
    state.save(old)

    same, same_view = _window(None)  # the old layout still: the saved width comes back
    qtbot.addWidget(same)
    state.restore(same)
    assert same_view.columnWidth(0) == 333

    new, new_view = _window(2)  # the changed default layout: its defaults show
    qtbot.addWidget(new)
    state.restore(new)
    assert new_view.columnWidth(0) == 100

    new_view.setColumnWidth(0, 250)  # the user's changes to the new layout are kept
    state.save(new)
    again, again_view = _window(2)
    qtbot.addWidget(again)
    state.restore(again)
    assert again_view.columnWidth(0) == 250

