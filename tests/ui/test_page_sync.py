"""The Sync page with pytest-qt, against the real platform on 127.0.0.1."""

from __future__ import annotations

import pytest

from seller_desk.store.outbox import enqueue
from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import QMessageBox
from tests.sync.platform_fixtures import running  # noqa: F401  (the platform fixture)

INFO = next(p for p in PAGES if p.area == "sync")


@pytest.fixture
def page(app_context, qtbot):
    from seller_desk.ui.pages.sync import Page

    widget = Page(app_context, INFO)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    app_context.bus.changed.connect(widget.on_changes)
    widget.refresh()
    app_context.ops.wait_idle()
    return widget


def settle(ctx, qtbot, rounds: int = 3):
    for _ in range(rounds):
        ctx.ops.wait_idle()
        qtbot.wait(20)


def test_connect_sync_and_decide(page, app_context, running, qtbot, monkeypatch):  # noqa: F811
    ctx = app_context
    assert page.server.text() == "未连接"
    assert page.count_labels["pending"].text() == "1"  # the company profile
    assert not page.sync_button.isEnabled()

    page.open_connect()
    dialog = page.connect_dialog
    dialog.server.setText("sellerdesk://nonsense")
    dialog.connect_now()
    settle(ctx, qtbot)
    assert dialog.isVisible()
    assert dialog.error.text() == "连接字符串中没有令牌（…?token=…）。"
    dialog.server.setText(running.klass["students"][0]["connection"])
    dialog.connect_now()
    settle(ctx, qtbot)
    assert not dialog.isVisible()
    assert page.server.text().startswith(running.url)
    assert page.sync_button.isEnabled()

    u = "dddddddd-0000-4000-8000-000000000000"
    with ctx.desk.write() as s:
        enqueue(s, "product", "eeeeeeee-0000-4000-8000-000000000000", {"hs_code": "99"})
        enqueue(s, "product", u, {"sku": "A"})
    page.sync_now()
    settle(ctx, qtbot)
    assert page.task is None
    assert page.count_labels["failed"].text() == "1"
    assert page.count_labels["sent"].text() == "2"
    assert page.progress.value() == 100
    assert page.errors_table.rowCount() == 1
    assert page.errors_table.item(0, 0).text() == "商品"
    assert page.errors_table.item(0, 3).text() == (
        "字段“sku”必须填写。; hs_code: HS编码“99”必须正好是 10 位数字。")
    assert page.error_detail.text() == "字段“sku”必须填写。\nhs_code: HS编码“99”必须正好是 10 位数字。"
    assert page.tabs.tabText(0) == "被拒绝 (1)"

    # discard asks first; "Cancel" keeps the change
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.discard_selected()
    settle(ctx, qtbot)
    assert page.errors_table.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    page.discard_selected()
    settle(ctx, qtbot)
    assert page.errors_table.rowCount() == 0 and page.count_labels["failed"].text() == "0"

    # a conflict: the platform's version and mine side by side; keep mine
    with running.http(running.token(0)) as h:
        h.post("/batch", json={"items": [{"idempotency_key": "other", "entity": "product",
                                          "uuid": u, "base_version": 1, "data": {"sku": "B"}}]})
    with ctx.desk.write() as s:
        enqueue(s, "product", u, {"sku": "C"}, version=2)
    page.sync_now()
    settle(ctx, qtbot)
    assert page.conflicts_table.rowCount() == 1
    assert page.tabs.currentIndex() == 1  # the tab with something to decide comes forward
    assert not page.retry_button.isEnabled()
    page.conflicts_table.selectRow(0)
    assert page.mine_view.toPlainText() == '● sku: "C"'
    assert page.theirs_view.toPlainText() == '● sku: "B"'
    assert page.take_theirs_button.isEnabled()  # the products area can write theirs
    page.keep_mine()
    settle(ctx, qtbot)
    page.sync_now()
    settle(ctx, qtbot)
    assert page.conflicts_table.rowCount() == 0
    with running.http(running.token(0)) as h:
        assert h.get(f"/records/product/{u}").json()["data"] == {"sku": "C"}


def test_unreachable_platform_is_said_on_the_page(page, app_context, qtbot):
    from seller_desk.sandbox.server import free_port
    from seller_desk.sync.credentials import save_token

    url = f"http://127.0.0.1:{free_port()}"
    app_context.desk.settings.set("sync.server_url", url)
    save_token(url, "t", app_context.desk.sync.account_key())
    import seller_desk.sync.client as client

    original = client.RetryPolicy
    client.RetryPolicy = lambda: original(attempts=2, base=0.01, cap=0.02)
    try:
        page.refresh()
        settle(app_context, qtbot)
        page.sync_now()
        settle(app_context, qtbot, 6)
    finally:
        client.RetryPolicy = original
    assert page.progress_text.text() == "已停止：已发送 0 项，仍有 1 项等待。"
    assert page.last_error.text().startswith(f"无法连接到位于 {url} 的平台")
    assert page.count_labels["pending"].text() == "1"


def test_status_bar_indicator(app_context):
    from seller_desk.ui.pages.sync.status import indicator

    text, tip = indicator(app_context.desk)
    assert text == "同步：未连接 · 待发送 1 项"
    assert tip == "尚未同步过。"


def test_auto_sync_follows_the_setting_and_runs(app_context, running, qtbot):  # noqa: F811
    from seller_desk.ui.pages.sync.status import AutoSync, indicator

    ctx = app_context
    auto = AutoSync(ctx)
    assert not auto.timer.isActive()
    ctx.desk.settings.set("sync.auto_minutes", 5)
    settle(ctx, qtbot)
    assert auto.timer.isActive() and auto.timer.interval() == 300_000
    ctx.desk.sync.connect(running.klass["students"][0]["connection"])
    auto.tick()
    settle(ctx, qtbot)
    assert auto.task is None
    assert ctx.desk.sync.status().sent == 1
    text, tip = indicator(ctx.desk)
    assert text == "同步：待发送 0 项"
    assert tip.startswith("上次成功同步：")
    ctx.desk.settings.set("sync.auto_minutes", 0)
    settle(ctx, qtbot)
    assert not auto.timer.isActive()


def test_main_window_shows_the_indicator_and_the_page(app_context, qtbot):
    from seller_desk.ui.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert window.sync_label.text() == "同步：未连接 · 待发送 1 项"
    assert window.auto_sync.timer.isActive() is False
    page = window.show_area("sync")
    settle(app_context, qtbot)
    assert type(page).__module__ == "seller_desk.ui.pages.sync.page"
    assert page.count_labels["pending"].text() == "1"


def test_products_fx_and_tax_issues_have_readable_names_in_both_languages(
        app_context, running, qtbot, tmp_path):  # noqa: F811
    """A refused product filing, FX record, exemption record and 名录 registration show as
    the user knows them (kind of record and which one), in Chinese and in English."""
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages.sync import Page

    ctx = app_context
    ctx.desk.sync.connect(running.klass["students"][0]["connection"])
    reg = "ffffffff-0000-4000-8000-000000000000"
    with ctx.desk.write() as s:
        enqueue(s, "product", "aaaaaaaa-0000-4000-8000-00000000000a",
                {"sku": "MUG-1", "hs_code": "7700000000"})
        enqueue(s, "fx_record", "aaaaaaaa-0000-4000-8000-00000000000b",
                {"date": "2024-03-05", "kind": "gift",
                 "amount": {"amount": "10.00", "currency": "USD"}})
        enqueue(s, "tax_record", "aaaaaaaa-0000-4000-8000-00000000000c",
                {"list_no": "53142024E00001", "goods_name": "保温杯", "trade_mode": "0110"})
        enqueue(s, "fx_registration", reg, {"registered": True})
    report = ctx.desk.sync.run()
    assert (report.failed, report.pushed) == (4, 1)  # the profile went through

    def rows(page):
        t = page.errors_table
        return [[t.item(r, c).text() for c in range(t.columnCount())]
                for r in range(t.rowCount())]

    zh = Page(ctx, INFO)
    qtbot.addWidget(zh)
    zh.resize(1000, 600)
    zh.show()
    zh.refresh()
    settle(ctx, qtbot)
    assert rows(zh) == [
        ["商品", "MUG-1", "0", "hs_code: HS编码“7700000000”属于第 77 章，该章为保留章，没有商品。"],
        ["外汇记录", "2024-03-05 10.00 USD", "0",
         "type: 未知的记录类型“gift”（可选：receipt, payment, settlement, purchase, fee）。"],
        ["免税记录", "53142024E00001 保温杯", "0",
         "trade_mode: “0110”不是出口监管方式（9610、1210、9710 或 9810）。"],
        ["名录登记", reg, "0", "字段“registered_on”必须填写。"],
    ]
    assert zh.errors_table.item(0, 1).toolTip() == "aaaaaaaa-0000-4000-8000-00000000000a"
    assert zh.errors_table.horizontalHeaderItem(1).text() == "哪条记录"
    zh.grab().save(str(tmp_path / "sync_issues_zh.png"))

    ui_i18n.install("en")
    try:
        en_ctx = build_context(ctx.desk, tmp_path, "en")
        en = Page(en_ctx, INFO)
        qtbot.addWidget(en)
        en.resize(1000, 600)
        en.show()
        en.refresh()
        settle(en_ctx, qtbot)
        assert [r[:2] for r in rows(en)] == [
            ["Product", "MUG-1"], ["FX record", "2024-03-05 10.00 USD"],
            ["Tax exemption record", "53142024E00001 保温杯"], ["FX registration", reg]]
        assert rows(en)[0][3] == ('hs_code: The HS code "7700000000" is in chapter 77, which '
                                  'is reserved and has no goods.')
        assert en.errors_table.horizontalHeaderItem(1).text() == "Which"
        en.grab().save(str(tmp_path / "sync_issues_en.png"))
        en_ctx.ops.shutdown()
    finally:
        ui_i18n.install("zh_CN")
