"""Presentation mode: View ▸ Presentation (F11, Ctrl+Shift+P) makes every font larger, uses a
high-contrast palette, shows the company's name big, keeps identity numbers masked even where
the user would reveal them, and stays on across restarts; Ctrl+= / Ctrl+- zoom."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.ui import presentation
from seller_desk.ui.main_window import MainWindow
from seller_desk.ui.qt import QApplication, QKeySequence, QPalette, Qt

SHOTS = Path(os.environ.get("SELLER_DESK_SHOTS", "/tmp"))


def settle(ctx, qtbot) -> None:
    for _ in range(3):
        ctx.ops.wait_idle()
        qtbot.wait(20)


@pytest.fixture
def window(qtbot, app_context):
    base = QApplication.instance().font().pointSizeF()
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    app_context.ops.wait_idle()
    yield win, base
    app_context.prefs.set("ui.presentation", False)  # the app's font and palette back
    app_context.prefs.set("ui.zoom", 0)
    presentation.apply(app_context.prefs)


def test_presentation_mode_on_off_and_across_restarts(window, app_context, qtbot):
    win, base = window
    app = QApplication.instance()
    action = win.presentation_action
    assert {s.toString() for s in action.shortcuts()} == {"F11", "Ctrl+Shift+P"}
    assert not win.banner.isVisible() and not action.isChecked()
    filing = win.page("filing")
    tab = filing.profile_tab
    filing.refresh()
    settle(app_context, qtbot)
    tab.reveal_identity()  # the user reveals the number (before presenting)
    settle(app_context, qtbot)
    assert tab.id_current.text() == "91110000600037341L"
    qtbot.keyClick(win, Qt.Key.Key_F11)
    settle(app_context, qtbot)
    assert action.isChecked() and app_context.prefs.get("ui.presentation") is True
    assert win.banner.isVisible() and win.banner.text() == "测试贸易有限公司"
    assert app.font().pointSizeF() == pytest.approx(base * presentation.PRESENTATION_SCALE)
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#ffffff"
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    assert "QLabel#pageTitle { font-size: 28px" in win.styleSheet()  # 20px × 1.4: titles grew too
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert win.grab().save(str(SHOTS / "presentation-zh_CN.png"))

    # the revealed number is masked again, and revealing is refused while presenting
    assert "*" in tab.id_current.text()
    tab.reveal_identity()
    settle(app_context, qtbot)
    assert "*" in tab.id_current.text()

    # a restart keeps it on (a user preference), until turned off
    again = MainWindow(app_context)
    qtbot.addWidget(again)
    assert again.presentation_action.isChecked() and not again.banner.isHidden()
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert app_context.prefs.get("ui.presentation") is False
    assert win.banner.isHidden()
    assert app.font().pointSizeF() == pytest.approx(base)


def test_zoom_in_out_and_actual_size(window, app_context, qtbot):
    win, base = window
    app = QApplication.instance()
    assert QKeySequence("Ctrl+=") in win.zoom_in_action.shortcuts()
    qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert app_context.prefs.get("ui.zoom") == 2
    assert app.font().pointSizeF() == pytest.approx(base * 1.2)
    qtbot.keyClick(win, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert app.font().pointSizeF() == pytest.approx(base * 1.1)
    qtbot.keyClick(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert app_context.prefs.get("ui.zoom") == 0
    assert app.font().pointSizeF() == pytest.approx(base)
    for _ in range(30):  # bounded
        win.zoom(1)
    assert app_context.prefs.get("ui.zoom") == presentation.ZOOM_RANGE[1]
