"""Ctrl+K: one search box, results grouped by area, Enter opens the record on its page."""

from __future__ import annotations

from sqlalchemy import select

from seller_desk.ui.main_window import MainWindow
from seller_desk.ui.qt import QApplication, QCoreApplication, Qt


def _dialog(qtbot, win):
    win.activateWindow()
    win.findChild(type(win.menuBar().actions()[0]), "findAction").trigger()
    qtbot.waitUntil(lambda: getattr(win, "search_dialog", None) is not None
                    and win.search_dialog.isVisible(), timeout=3000)
    return win.search_dialog


def test_ctrl_k_finds_and_enter_opens_the_record(qtbot, demo_desk, tmp_path):
    from seller_desk.store.models.orders import Declaration, Order
    from seller_desk.ui.app import build_context

    with demo_desk.read() as s:
        order_no = s.scalars(select(Order.order_no).order_by(Order.id)).first()
        cop_no = s.scalars(select(Declaration.cop_no).order_by(Declaration.id.desc())).first()
    ctx = build_context(demo_desk, tmp_path, "en")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    ctx.ops.wait_idle()
    action = win.findChild(type(win.menuBar().actions()[0]), "findAction")
    assert {k.toString() for k in action.shortcuts()} >= {"Ctrl+K", "Ctrl+F"}

    dialog = _dialog(qtbot, win)
    qtbot.keyClicks(dialog.box, order_no)
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=5000)
    ctx.ops.wait_idle()
    heads = [dialog.results.topLevelItem(i).text(0)
             for i in range(dialog.results.topLevelItemCount())]
    assert QCoreApplication.translate("SearchDialog", "Orders") in heads  # the language in use
    assert dialog.results.currentItem().text(0).strip() == order_no
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    page = win.current_page()
    assert page.info.area == "orders" and page.search.text() == order_no

    dialog = _dialog(qtbot, win)
    dialog.box.setText(cop_no)
    dialog.search()
    ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=5000)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    ctx.ops.wait_idle()
    QApplication.processEvents()
    page = win.current_page()
    assert page.tabs.currentIndex() == page.tabs.count() - 1
    qtbot.waitUntil(lambda: bool(page.decl_view.selectionModel().selectedRows()), timeout=5000)
    row = page.decl_view.selectionModel().selectedRows()[0].row()
    assert page.decl_view.model().index(row, 1).data() == cop_no
    win.close()
    ctx.ops.shutdown()
