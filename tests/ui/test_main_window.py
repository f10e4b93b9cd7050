"""The main window over a company file, offscreen with pytest-qt."""

from __future__ import annotations

import pytest

from seller_desk.ui.main_window import MainWindow
from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import QMessageBox

ZH_NAV = ["概览", "备案", "商品与刊登", "海外仓库存", "订单与申报", "收结汇", "税务", "同步"]
EN_NAV = ["Dashboard", "Filing", "Products & Listings", "Warehouses & Stock",
          "Orders & Declarations", "FX Settlement", "Tax", "Sync"]


@pytest.fixture
def window(qtbot, app_context):
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    app_context.ops.wait_idle()
    return win


def nav_texts(win: MainWindow) -> list[str]:
    return [win.nav.item(i).text() for i in range(win.nav.count())]


def test_window_shows_the_whole_navigation_in_chinese(window: MainWindow) -> None:
    assert nav_texts(window) == ZH_NAV
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "视图(&V)", "帮助(&H)"]
    assert "测试贸易有限公司" in window.windowTitle()
    assert window.sync_label.text().startswith("同步：未连接")


def test_dashboard_shows_name_kind_and_masked_identity(window: MainWindow, app_context) -> None:
    page = window.page("dashboard")
    app_context.ops.wait_idle()
    assert page.name.text() == "测试贸易有限公司"
    assert page.kind.text() == "企业"
    assert page.id_code.text() == "911100********341L"
    labels = [w.text() for w in page.findChildren(type(page.name))]
    assert not any("91110000600037341L" in t for t in labels)  # never the full code


def test_every_page_opens(window: MainWindow, app_context) -> None:
    for i, info in enumerate(PAGES):
        window.nav.setCurrentRow(i)
        app_context.ops.wait_idle()
        assert window.stack.currentIndex() == i
        assert window.pages[info.area].isVisible()


def test_keyboard_shortcut_switches_pages(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.shortcut().toString() == "Ctrl+3")
    action.trigger()
    assert window.nav.currentRow() == 2


def test_english_catalogue_is_the_source(qapp, app_context, qtbot) -> None:
    from seller_desk.ui import i18n as ui_i18n

    ui_i18n.install("en")
    try:
        win = MainWindow(app_context)
        qtbot.addWidget(win)
        assert nav_texts(win) == EN_NAV
    finally:
        ui_i18n.install("zh_CN")
    assert ui_i18n.qt_catalogue_loaded()  # Qt's own zh_CN strings (dialog buttons…)


def test_changes_reach_the_window_and_refresh(window: MainWindow, app_context, qtbot) -> None:
    page = window.page("dashboard")
    with qtbot.waitSignal(app_context.bus.changed, timeout=3000) as blocker:
        app_context.desk.company.update(name_zh="改名后的公司")
    assert blocker.args[0].touches("company")
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True)
                    and page.name.text() == "改名后的公司", timeout=3000)


def test_window_geometry_and_splitter_are_remembered(qtbot, app_context) -> None:
    first = MainWindow(app_context)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)
    first.centralWidget().setSizes([240, 520])
    first.close()
    second = MainWindow(app_context)
    qtbot.addWidget(second)
    assert app_context.state.restore(second)
    second.show()
    assert second.width() == 760
    assert second.centralWidget().sizes()[0] == 240


def test_an_unexpected_error_shows_a_human_message_not_a_traceback(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = {}

    def fake_exec(box: QMessageBox) -> int:
        shown.update(text=box.text(), info=box.informativeText(), details=box.detailedText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    from seller_desk.ui.errors import show_error

    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        show_error(window, exc)
    assert "Traceback" not in shown["text"] and "Traceback" not in shown["info"]
    assert "SellerDesk" in shown["text"]
    assert "ZeroDivisionError: boom" in shown["details"]  # copyable details


def test_excepthook_routes_uncaught_errors_to_the_dialog_and_log(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    import sys

    from seller_desk.ui.errors import install_excepthook

    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    saved = sys.excepthook
    install_excepthook()
    try:
        try:
            raise KeyError("missing")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = saved
    assert texts and "Traceback" not in texts[0]
    assert "KeyError" in caplog.text


def test_a_failing_background_job_reports_back_on_the_gui_thread(app_context) -> None:
    errors, progress = [], []

    def job(task) -> None:
        task.progress(0.5, "half")
        raise ValueError("bad input")

    app_context.ops.run_write(job, on_error=errors.append,
                              on_progress=lambda f, t: progress.append((f, t)))
    app_context.ops.wait_idle()
    assert [type(e) for e in errors] == [ValueError]
    assert progress == [(0.5, "half")]


def test_jobs_can_be_cancelled(app_context) -> None:
    import threading

    from seller_desk.ui.ops import Cancelled

    started = threading.Event()
    outcome = []

    def long_job(task) -> str:
        started.set()
        for _ in range(1000):
            task.check()
            threading.Event().wait(0.005)
        return "finished"

    task = app_context.ops.run_read(long_job, on_done=outcome.append, on_error=outcome.append)
    started.wait(2)
    task.cancel()
    app_context.ops.wait_idle()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)


def test_writes_run_one_at_a_time_in_order(app_context) -> None:
    import threading
    import time

    order, active, peak = [], [0], [0]
    lock = threading.Lock()

    def write(n: int) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.01)
        order.append(n)
        with lock:
            active[0] -= 1

    for n in range(6):
        app_context.ops.run_write(write, n)
    app_context.ops.wait_idle()
    assert order == list(range(6)) and peak[0] == 1


def test_first_run_dialog_validates_the_identity_code_live(qtbot) -> None:
    from seller_desk.ui.first_run import NewCompanyDialog
    from seller_desk.ui.qt import QDialogButtonBox

    dialog = NewCompanyDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setText("杭州示例贸易有限公司")
    dialog.id_code.setText("91330110MA2H3K7Q8Y")
    assert not ok.isEnabled()
    assert "18" in dialog.id_feedback.text()
    dialog.id_code.setText("91330110MA2H3K7Q8X")
    assert ok.isEnabled()
    assert dialog.values()["kind"] == "enterprise"


def test_language_switch_rebuilds_the_window_in_english(qtbot, tmp_path, desk, monkeypatch) -> None:
    from seller_desk.ui.app import Controller

    controller = Controller(tmp_path, "zh_CN")
    controller._attach(desk)
    try:
        assert nav_texts(controller.window) == ZH_NAV
        controller.window.nav.setCurrentRow(3)
        controller.set_language("en")
        assert nav_texts(controller.window) == EN_NAV
        assert controller.window.nav.currentRow() == 3
        assert controller.prefs.get("ui.language") == "en"
    finally:
        from seller_desk.ui import i18n as ui_i18n

        ui_i18n.install("zh_CN")
        controller.window.close()
        controller.ctx.ops.shutdown()


def test_preferences_dialog_writes_declared_settings(app_context) -> None:
    from seller_desk.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(app_context)
    assert "sync.server_url" in dialog.editors and "ui.language" in dialog.editors
    assert "ui.last_company" not in dialog.editors
    dialog.editors["sync.server_url"].setText("http://127.0.0.1:8700")
    dialog.editors["backup.keep"].setValue(4)
    dialog.save()
    assert app_context.desk.settings.get("sync.server_url") == "http://127.0.0.1:8700"
    assert app_context.prefs.get("backup.keep") == 4


def test_dashboard_lists_what_needs_attention_and_double_click_navigates(
        qtbot, demo_desk, tmp_path) -> None:
    import datetime as dt

    from seller_desk.services.attention import gather
    from seller_desk.ui.app import build_context

    today = dt.date.today()
    expected = gather(demo_desk, today)
    assert expected, "the demo company has reminders (expired store authorisation, FX warning…)"
    ctx = build_context(demo_desk, tmp_path, "zh_CN")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    ctx.ops.wait_idle()
    page = win.page("dashboard")
    qtbot.waitUntil(lambda: len(page.attention_items) == len(expected), timeout=5000)
    assert [i.area for i in page.attention_items] == [i.area for i in expected]
    text = page.attention.toPlainText()
    assert "已于 2026-11-12 届满" in text or "届满" in text  # the expired store authorisation
    assert "Traceback" not in text
    last = len(expected) - 1
    page.open_item(last)
    assert win.current_page().info.area == expected[last].area
    ctx.ops.wait_idle()
    win.close()
    ctx.ops.shutdown()


def test_attention_items_come_from_each_area(demo_desk) -> None:
    import datetime as dt

    from seller_desk.services.attention import gather

    items = gather(demo_desk, dt.date(2026, 11, 20))
    keys = {(i.area, i.problem.key) for i in items}
    assert ("orders", "customs.summary_overdue") in keys  # October's lists, due 11-15
    assert ("filing", "filing.reminder.expired") in keys  # the Shopee store authorisation
    assert ("fx", "fx.advice.warning") in keys  # receipts crossed US$180,000 on 2026-10-21
    assert items[0].urgent  # errors come first
