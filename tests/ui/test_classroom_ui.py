"""The classroom in the student's SellerDesk: the Dashboard shows the trainer's scenario with
the platform's check of each task; the Sync page lists what arrived. On the demo company (its
sync history) and after a real sync with the platform on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.sync.platform_fixtures import running  # noqa: F401  (the platform fixture)
from tests.ui.pages import shown_page

SHOTS = Path(os.environ.get("SELLER_DESK_SHOTS", "/tmp"))


@pytest.fixture(params=["zh_CN", "en"])
def demo_context(request, qapp, demo_desk, tmp_path):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context

    ui_i18n.install(request.param)
    ctx = build_context(demo_desk, tmp_path, request.param)
    yield ctx
    ctx.ops.shutdown()
    ui_i18n.install("zh_CN")


def test_demo_dashboard_and_sync_page_show_the_classroom(demo_context, qtbot):
    ctx, lang = demo_context, demo_context.lang
    dash = shown_page(ctx, qtbot, "dashboard")
    assert dash.classroom.isVisible()
    title = dash.classroom_title.text()
    tasks = dash.classroom_tasks.text()
    if lang == "zh_CN":
        assert title == "课堂：海关以“品名不符”退单 — 得分 20 / 100"
        assert "已完成" in tasks and "未完成" in tasks and "修改品名并重新申报" in tasks
    else:
        assert title == "Classroom: Customs rejects your list for 品名不符 — score 20 of 100"
        assert "done" in tasks and "not yet" in tasks and "was rejected" in tasks
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dash.grab().save(str(SHOTS / f"dashboard-classroom-{lang}.png"))

    sync = shown_page(ctx, qtbot, "sync")
    sync.tabs.setCurrentIndex(2)
    table = sync.arrived_table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    said = [r[4] for r in rows]
    assert "名录登记申请表缺少法定代表人签字，请补正后重新提交" in said
    assert "海关退单：品名不符：申报品名与商品备案不一致" in said
    customs = next(r for r in rows if r[4].startswith("海关退单"))
    assert customs[3] == ("100 海关退单" if lang == "zh_CN" else "100 rejected by customs")
    assert customs[2].startswith("YF")  # the list by its copNo
    assert str(len(rows)) in sync.tabs.tabText(2)
    assert sync.grab().save(str(SHOTS / f"sync-arrived-{lang}.png"))

    filing = shown_page(ctx, qtbot, "filing")
    model = filing.model
    texts = [model.data(model.index(r, 6)) for r in range(model.rowCount())]
    word = "已驳回" if lang == "zh_CN" else "rejected"
    assert f"{word}: 名录登记申请表缺少法定代表人签字，请补正后重新提交" in texts
    assert ("已通过" if lang == "zh_CN" else "approved") in texts


def test_dashboard_follows_the_scenario_after_a_real_sync(app_context, running, qtbot):  # noqa: F811
    from seller_desk.sandbox.console.scenarios import Runner

    ctx = app_context
    desk = ctx.desk
    Runner(running.platform).start(running.klass["class_id"], "fx-200k")
    desk.sync.connect(running.klass["students"][0]["connection"])
    desk.fx.today = lambda: dt.date(2026, 3, 10)
    desk.fx.add_record(date=dt.date(2026, 2, 10), kind="receipt", amount="120000.00",
                       currency="USD", counterparty="Amazon")
    dash = shown_page(ctx, qtbot, "dashboard")
    assert not dash.classroom.isVisible()  # nothing from a trainer yet
    ctx.bus.changed.connect(dash.on_changes)
    desk.sync.run()
    ctx.ops.wait_idle()
    qtbot.wait(50)
    ctx.ops.wait_idle()
    assert dash.classroom.isVisible()
    assert dash.classroom_title.text() == "课堂：收汇超过 20 万美元 — 得分 0 / 100"
    assert "已记录收汇 120,000.00 美元，目标 200,000.00 美元。" in dash.classroom_tasks.text()
    assert "亚马逊" in dash.classroom_tasks.text()  # the trainer's instruction
