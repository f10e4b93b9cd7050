"""Preferences ▸ Rules and the FX page naming the rule applied (issue 14), pytest-qt offscreen."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from seller_desk.ui.pages import PAGES

SHOTS = Path(os.environ.get("SELLER_DESK_SHOTS", "/tmp"))
FX = next(p for p in PAGES if p.area == "fx")


def test_rules_tab_lists_every_row_with_its_source(app_context, qtbot):
    from seller_desk.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(app_context)
    qtbot.addWidget(dialog)
    panel = dialog.rules
    assert dialog.tabs.tabText(1) in ("Rules", "规则")
    rows = app_context.desk.rules.list()
    assert panel.model.rowCount() == len(rows)
    sources = {panel.model.item(i, 4).text() for i in range(panel.model.rowCount())}
    assert "国办发明电〔2025〕7号" in sources and "海关总署公告2020年第75号" in sources
    panel.filter.setText("calendar.")
    assert 0 < panel.model.rowCount() < len(rows)
    assert {panel.model.item(i, 0).text() for i in range(panel.model.rowCount())} >= {
        "calendar.holiday", "calendar.workday"}


def test_trainer_adds_a_row_and_a_bad_one_is_refused_in_the_dialog(app_context, qtbot):
    from seller_desk.ui.rules_table import AddRuleDialog

    dialog = AddRuleDialog(app_context, ["fx.individual_quota_usd"])
    qtbot.addWidget(dialog)
    dialog.key.setCurrentText("fx.individual_quota_usd")
    dialog.value.setText("60000.00")
    dialog.valid_from.setDate(dialog.valid_from.date().fromString("2027-01-01", "yyyy-MM-dd"))
    dialog.save()  # no source: refused, shown in the dialog, nothing written
    assert dialog.problems.text() and dialog.result() == 0
    assert all(r["origin"] == "core" for r in app_context.desk.rules.list(key="fx.individual_quota_usd"))
    dialog.source.setText("培训通知 2027年第1号")
    dialog.save()
    assert dialog.result() == AddRuleDialog.DialogCode.Accepted
    book = app_context.desk.rules.book()
    assert str(book.decimal("fx.individual_quota_usd", dt.date(2027, 1, 1))) == "60000.00"
    assert str(book.decimal("fx.individual_quota_usd", dt.date(2026, 12, 31))) == "50000.00"


@pytest.fixture
def individual_ctx(qapp, empty_desk, tmp_path):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context

    desk = empty_desk
    desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    desk.fx.today = lambda: dt.date(2026, 11, 22)
    filing = desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJKJ-2026-001",
                                    approved_on=dt.date(2026, 3, 1), valid_from=dt.date(2026, 3, 1),
                                    today=dt.date(2026, 11, 22))
    desk.fx.set_settlement_account(opened_on=dt.date(2026, 3, 10), bank="中国银行杭州分行",
                                   filing_id=filing.id)
    desk.fx.add_record(date=dt.date(2026, 6, 1), kind="settlement", amount="60,000.00",
                       currency="USD", channel="personal_settlement")
    desk.fx.add_record(date=dt.date(2026, 7, 1), kind="settlement", amount="8,000.00",
                       currency="USD", channel="personal_savings")
    ui_i18n.install("zh_CN")
    ctx = build_context(desk, tmp_path, "zh_CN")
    yield ctx
    ctx.ops.shutdown()
    ui_i18n.install("zh_CN")


def test_fx_page_says_which_rule_applied(individual_ctx, qtbot):
    from seller_desk.ui.pages.fx import Page

    page = Page(individual_ctx, FX)
    qtbot.addWidget(page)
    page.year_box.setValue(2026)
    page.refresh()
    individual_ctx.ops.wait_idle()
    text = page.advice.text()
    assert "中国银行杭州分行" in text and "ZJKJ-2026-001" in text
    assert "fx.settlement_account_outside_quota" in text and "汇发〔2020〕11号" in text
    st = page.data["status"]
    big = next(ln["record"] for ln in st["lines"] if ln["treatment"] == "account")
    row = next(i for i, r in enumerate(page.ledger_model.records) if r.id == big)
    col = next(c for c, spec in enumerate(page.ledger_model.columns) if spec.title == page.tr("Quota"))
    shown = page.ledger_model.data(page.ledger_model.index(row, col))
    assert "外汇结算账户" in shown or "FX settlement account" in shown
