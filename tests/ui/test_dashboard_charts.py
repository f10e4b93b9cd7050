"""The Dashboard's charts: drawn from the statistics service, a bar click opens its month."""

from __future__ import annotations

from decimal import Decimal

from seller_desk.ui.main_window import MainWindow
from seller_desk.ui.qt import Qt


def test_charts_show_the_year_and_a_bar_opens_that_months_orders(qtbot, demo_desk, tmp_path):
    from seller_desk.ui.app import build_context

    ctx = build_context(demo_desk, tmp_path, "en")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    page = win.page("dashboard")
    page.charts_year = 2026
    page.refresh()
    ctx.ops.wait_idle()
    charts = page.charts
    qtbot.waitUntil(lambda: len(charts.sales.data.categories) == 12, timeout=5000)
    stats = demo_desk.stats.period(2026)
    months = {m["month"]: m for m in stats["months"]}
    # the demo has no central parity: the sales chart shows orders, stacked by marketplace
    sales = charts.sales.data
    assert sales.stacked
    for s in sales.series:
        assert s.values == [float(m["marketplaces"].get(s.label, {}).get("orders", 0))
                            for m in months.values()]
    assert sum(sum(s.values) for s in sales.series) == stats["totals"]["orders"]
    # FX: cumulative receipts reach the year's total, against the 180k and 200k lines
    receipts = charts.fx.data.series[0].values
    assert receipts[-1] == float(Decimal(stats["totals"]["receipts_usd"]))
    assert [ln.value for ln in charts.fx.data.lines] == [180_000, 200_000]
    assert sum(charts.declarations.data.series[0].values) == sum(
        s["lists"] for s in stats["declarations_by_status"])
    assert charts.stock.data.categories == [w["warehouse"]
                                            for w in stats["stock"]["warehouses"]]
    health = {h["key"]: h for h in demo_desk.stats.health(2026)}
    assert f"{health['match']['done']}/{health['match']['of']}" in charts.health["match"].text()
    # painted: bars have rectangles; clicking October's opens the Orders page on 2026-10
    charts.sales.repaint()
    october = list(months).index("2026-10")
    rect = next(r for r, i, _j in charts.sales._bars if i == october)
    qtbot.mouseClick(charts.sales, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    ctx.ops.wait_idle()
    assert win.current_page().info.area == "orders"
    assert win.page("orders").month.currentData() == "2026-10"
    win.close()
    ctx.ops.shutdown()
