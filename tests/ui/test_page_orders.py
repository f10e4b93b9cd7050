"""The Orders & Declarations page over the demo company, in Chinese and English."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.ui.pages import PAGES

INFO = next(p for p in PAGES if p.area == "orders")


@pytest.fixture
def orders_page(qtbot, demo_desk, tmp_path):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages.orders import Page

    def make(lang: str):
        ui_i18n.install(lang)
        ctx = build_context(demo_desk, tmp_path, lang)
        page = Page(ctx, INFO)
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        page.refresh()
        ctx.ops.wait_idle()
        made.append(ctx)
        return page

    made: list = []
    yield make
    for ctx in made:
        ctx.ops.shutdown()

    ui_i18n.install("zh_CN")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_page_shows_orders_payouts_and_declarations(orders_page, lang):
    page = orders_page(lang)
    assert page.orders_model.rowCount() == 120
    assert page.orders_model.data(page.orders_model.index(0, 2)) == page.orders_model.rows[0][2]
    assert page.settlements_model.rowCount() > 0
    reconciled = page.settlements_model.item(0, 7).text()
    assert reconciled == ("是" if lang == "zh_CN" else "Yes")
    assert page.decl_model.rowCount() > 0
    statuses = {page.decl_model.item(r, 8).text() for r in range(page.decl_model.rowCount())}
    if lang == "zh_CN":
        assert "800 放行" in statuses and "899 结关" in statuses
    # the declaration without its waybill shows its problem in the pane
    mismatch = next(r for r in range(page.decl_model.rowCount())
                    if page.decl_model.item(r, 7).text() in ("不一致", "Mismatch"))
    page.tabs.setCurrentIndex(4)
    proxy_row = page.decl_view.model().mapFromSource(page.decl_model.index(mismatch, 0))
    page.decl_view.selectRow(proxy_row.row())
    texts = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert any("YF" in t or "运单" in t or "waybill" in t for t in texts)
    shots = os.environ.get("SELLER_DESK_SHOTS")
    if shots:
        for i in (0, 3, 4):
            page.tabs.setCurrentIndex(i)
            page.grab().save(str(Path(shots) / f"orders_{lang}_{i}.png"))


def test_month_filter_and_search(orders_page, qtbot):
    page = orders_page("en")
    months = [page.month.itemData(i) for i in range(1, page.month.count())]
    assert months and months == sorted(months, reverse=True)
    page.month.setCurrentIndex(1)
    page.ctx.ops.wait_idle()
    rows = page.orders_model.rows
    assert rows and all(r[0].startswith(months[0]) for r in rows)
    page.month.setCurrentIndex(0)
    page.ctx.ops.wait_idle()
    page.search.setText("shopee")
    qtbot.waitUntil(lambda: bool(page.orders_model.rows) and all(
        r[1] == "shopee.ph" for r in page.orders_model.rows), timeout=3000)
    page.ctx.ops.wait_idle()
    assert 0 < page.orders_model.rowCount() < 120  # searched in the store, not only on screen
    page.search.setText("MUG-350")  # a line's SKU
    qtbot.waitUntil(lambda: bool(page.orders_model.rows) and all(
        "MUG-350" in r[3] for r in page.orders_model.rows), timeout=3000)


def test_orders_arrive_a_page_at_a_time(orders_page, monkeypatch):
    from seller_desk.ui.pages import orders as module

    monkeypatch.setattr(module, "PAGE_SIZE", 50)
    page = orders_page("en")
    page._reload_orders()
    page.ctx.ops.wait_idle()
    model = page.orders_model
    assert model.rowCount() == 50 and model.canFetchMore(module.QModelIndex())
    model.fetchMore(module.QModelIndex())
    page.ctx.ops.wait_idle()
    model.fetchMore(module.QModelIndex())
    page.ctx.ops.wait_idle()
    assert model.rowCount() == 120 and not model.canFetchMore(module.QModelIndex())
    assert len({r[2] for r in model.rows}) == 120  # no order twice
