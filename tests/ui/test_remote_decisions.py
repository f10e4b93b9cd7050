"""The platform's decisions reach the screen (issue 13 items 3–6): a trainer's rejection, synced
for real with the reference platform on 127.0.0.1, shows on the Filing page with its reason,
on the Dashboard, and in the sync summary; a customs 100 rejection turns the list red with the
next step; late receipts never walk a status back; every area's warnings reach the Dashboard."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from seller_desk.ui.qt import QMessageBox
from tests.sync.platform_fixtures import running  # noqa: F401  (the platform fixture)

SHOTS = Path(os.environ.get("SELLER_DESK_SHOTS", "/tmp"))
REASON = "营业执照扫描件不清晰"


@pytest.fixture
def window(qapp, desk, tmp_path: Path, monkeypatch):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context
    from seller_desk.ui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "exec", lambda box, *a: pytest.fail(box.text()))
    ui_i18n.install("zh_CN")
    ctx = build_context(desk, tmp_path, "zh_CN")
    win = MainWindow(ctx)
    win.resize(1366, 728)
    win.show()
    ctx.ops.wait_idle()
    yield win
    win.close()
    ctx.ops.shutdown()
    ui_i18n.install("zh_CN")


def _sync(win) -> str:
    page = win.show_area("sync")
    win.ctx.ops.wait_idle()
    page.sync_now()
    win.ctx.ops.wait_idle(60)
    return page.progress_text.text()


def _attention_text(win) -> str:
    page = win.show_area("dashboard")
    win.ctx.ops.wait_idle()
    return page.attention.toPlainText()


def test_a_trainer_rejection_reaches_the_filing_page_dashboard_and_sync_summary(
        window, running) -> None:  # noqa: F811
    desk = window.ctx.desk
    view = desk.filing.add_filing(kind="zone_platform", status="submitted",
                                  label="杭州综试区", submitted_on=dt.date(2026, 11, 2))
    desk.sync.connect(running.klass["students"][0]["connection"])
    first = _sync(window)
    assert "驳回" not in first
    with running.http(running.trainer) as t:
        r = t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{view.uuid}/reject",
                   json={"reason": REASON})
        assert r.status_code == 200, r.text
    summary = _sync(window)
    assert "1 项被驳回" in summary and REASON in summary and "杭州综试区" in summary

    page = window.show_area("filing")
    window.ctx.ops.wait_idle()
    row = next(i for i, v in enumerate(page.model.rows) if v.uuid == view.uuid)
    status = page.model.index(row, 3)
    assert page.model.data(status) == "被平台驳回"
    assert REASON in page.model.data(status, 3)  # ToolTipRole
    page.select_filing(view.id)
    window.ctx.ops.wait_idle()
    assert REASON in page.d_status.text() and "驳回" in page.d_status.text()
    _shot(window, "filing", "zh_CN")

    text = _attention_text(window)
    assert REASON in text and "杭州综试区" in text
    dash = window.pages["dashboard"]
    item = next(i for i in dash.attention_items if REASON in str(i.problem.params))
    assert item.area == "filing" and item.urgent
    _shot(window, "dashboard", "zh_CN")


def _shot(window, area: str, lang: str) -> None:
    window.show_area(area)
    window.ctx.ops.wait_idle()
    path = SHOTS / f"rejection-{area}-{lang}.png"
    assert window.grab().save(str(path))


def test_the_rejection_in_english_after_a_language_switch(qapp, desk, tmp_path: Path,
                                                          running, monkeypatch) -> None:  # noqa: F811
    from seller_desk.store.db import url_for_path
    from seller_desk.ui.app import Controller

    monkeypatch.setattr(QMessageBox, "exec", lambda box, *a: pytest.fail(box.text()))
    view = desk.filing.add_filing(kind="zone_platform", status="submitted", label="Hangzhou CBEZ",
                                  submitted_on=dt.date(2026, 11, 2))
    desk.sync.connect(running.klass["students"][0]["connection"])
    assert desk.sync.run().failed == 0
    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{view.uuid}/reject",
               json={"reason": "The licence scan is unreadable"})
    path = desk.path
    desk.close()
    c = Controller(tmp_path, "zh_CN")
    try:
        assert c.open_url(url_for_path(path))
        c.set_language("en")
        c.window.resize(1366, 728)
        summary = _sync(c.window)
        assert "1 rejected: Filing Hangzhou CBEZ: The licence scan is unreadable" in summary
        page = c.window.show_area("filing")
        c.ctx.ops.wait_idle()
        assert "Rejected by the platform" in page.model.data(page.model.index(0, 3))
        page.select_filing(view.id)
        c.ctx.ops.wait_idle()
        _shot(c.window, "filing", "en")
        text = _attention_text(c.window)
        assert "rejected by the platform: The licence scan is unreadable" in text
        _shot(c.window, "dashboard", "en")
    finally:
        c.shutdown()


# -- item 4 and 5: customs receipts --------------------------------------------------------------
def _receipt(desk, d, status: str, info: str, seq: int):
    from seller_desk.sync.desk_store import DeskSyncStore
    from seller_desk.sync.protocol import RemoteChange

    data = {"copNo": d.cop_no, "preNo": "B2026", "invtNo": d.invt_no, "returnStatus": status,
            "returnTime": "20261120101010000", "returnInfo": info}
    change = RemoteChange(seq=seq, entity="declaration", entity_uuid=d.uuid, kind="receipt",
                          remote_status=status, reason=info, data=data, at="")
    DeskSyncStore(desk, "http://127.0.0.1:1").apply_changes([change], str(seq))


def test_a_customs_rejection_is_red_says_what_to_do_and_is_on_the_dashboard(
        qapp, demo_desk, tmp_path: Path, monkeypatch) -> None:
    from seller_desk.services.attention import gather
    from seller_desk.store.models.orders import Declaration
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.pages.orders import Page

    with demo_desk.read() as s:
        d = s.query(Declaration).filter(Declaration.status_code == "").first() or \
            s.query(Declaration).filter(Declaration.status_code.in_(["2", "120"])).first()
        assert d is not None
    _receipt(demo_desk, d, "100", "海关退单：商品编码与品名不符", 1)
    items = [i for i in gather(demo_desk) if i.area == "orders" and i.urgent]
    assert any("商品编码与品名不符" in i.problem.params.get("reason", "") for i in items)

    ui_i18n.install("zh_CN")
    ctx = build_context(demo_desk, tmp_path, "zh_CN")
    try:
        page = Page(ctx, next(p for p in PAGES if p.area == "orders"))
        page.refresh()
        ctx.ops.wait_idle()
        row = next(i for i, x in enumerate(page._declarations) if x.cop_no == d.cop_no)
        model = page.decl_model
        colour = model.data(model.index(row, 0), 8)  # BackgroundRole
        colour = colour.color() if hasattr(colour, "color") else colour
        assert colour is not None and colour.red() > colour.green()  # red, not green
        view_model = page.decl_view.model()
        if hasattr(view_model, "mapFromSource"):  # a sort proxy over the rows
            row = view_model.mapFromSource(model.index(row, 0)).row()
        page.decl_view.selectRow(row)
        ctx.ops.wait_idle()
        texts = [page.problems.item(i).text() for i in range(page.problems.count())]
        assert not any("一致" in t for t in texts), texts  # never "agree" on a rejected list
        assert any("重新申报" in t for t in texts), texts
    finally:
        ctx.ops.shutdown()


def test_a_late_receipt_never_walks_a_released_list_back(demo_desk) -> None:
    from seller_desk.store.models.orders import Declaration

    with demo_desk.read() as s:
        d = s.query(Declaration).filter(Declaration.status_code == "800").first()
        assert d is not None
    _receipt(demo_desk, d, "2", "电子口岸申报中", 1)
    _receipt(demo_desk, d, "120", "海关入库", 2)
    with demo_desk.read() as s:
        row = s.get(Declaration, d.id)
        assert row.status_code == "800"
    _receipt(demo_desk, d, "899", "结关", 3)  # forward still moves
    with demo_desk.read() as s:
        assert s.get(Declaration, d.id).status_code == "899"


# -- item 6: one attention registry -------------------------------------------------------------
def test_a_new_individual_gets_the_filing_pages_warnings_on_the_dashboard(empty_desk) -> None:
    from seller_desk.messages import message
    from seller_desk.services.attention import gather

    empty_desk.company.create(kind="individual", name_zh="王小明", id_code="11010519491231002X")
    missing = empty_desk.filing.missing_filings()
    assert missing  # the Filing page warns
    texts = {message(i.problem, "zh_CN") for i in gather(empty_desk)}
    for p in missing:
        assert message(p, "zh_CN") in texts


def test_the_summary_declaration_deadline_is_on_the_dashboard(demo_desk) -> None:
    from seller_desk.services.attention import gather

    today = dt.date(2026, 11, 20)
    countdowns = demo_desk.orders.summary_countdowns(today)
    assert countdowns
    keys = {i.problem.key for i in gather(demo_desk, today) if i.area == "orders"}
    assert keys & {"customs.summary_due_soon", "customs.summary_overdue"}
