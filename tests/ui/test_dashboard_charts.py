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


def test_a_language_switch_during_the_first_load_leaves_no_late_callback(
        qtbot, desk, tmp_path, monkeypatch, caplog) -> None:
    """The window is rebuilt while the Dashboard's loads are still running: their results,
    arriving after the old page was deleted, are dropped (no "Internal C++ object already
    deleted" from a callback)."""
    import threading

    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import Controller
    from seller_desk.ui.pages.dashboard import page as dashboard
    from seller_desk.ui.qt import QCoreApplication, QEvent

    gate = threading.Event()
    real = dashboard.load_charts

    def slow_charts(*args):
        gate.wait(10)
        return real(*args)

    monkeypatch.setattr(dashboard, "load_charts", slow_charts)
    errors = []
    monkeypatch.setattr("seller_desk.ui.errors.show_error",
                        lambda *a, **k: errors.append(a))
    controller = Controller(tmp_path, "zh_CN")
    controller.headless = True
    controller._attach(desk)
    try:
        controller._after_first_paint()  # the pages' first loads start
        old = controller.window.page("dashboard")
        controller.set_language("en")  # while the charts' load waits
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not __import__("shiboken6").isValid(old)
        gate.set()
        controller.ctx.ops.wait_idle()
        for _ in range(5):
            QCoreApplication.processEvents()
        new = controller.window.page("dashboard")
        qtbot.waitUntil(lambda: len(new.charts.sales.data.categories) == 12, timeout=5000)
        assert errors == []
        assert not [r for r in caplog.records if "already deleted" in r.getMessage()]
    finally:
        gate.set()
        ui_i18n.install("zh_CN")
        controller.shutdown()


def test_an_older_loads_late_result_does_not_replace_a_newer_one(qtbot, app_context,
                                                                 monkeypatch) -> None:
    import threading

    from seller_desk.ui.pages import PAGES, make_page
    from seller_desk.ui.pages.dashboard import page as dashboard

    gates = {2020: threading.Event(), 2021: threading.Event()}
    monkeypatch.setattr(dashboard, "load_charts",
                        lambda desk, year=None: gates[year].wait(10) and ("stats", year))
    page = make_page(app_context, next(p for p in PAGES if p.area == "dashboard"))
    qtbot.addWidget(page)
    shown = []
    monkeypatch.setattr(page.charts, "show_stats", lambda *r: shown.append(r))
    page.charts_year = 2020
    page.refresh()
    page.charts_year = 2021
    page.refresh()
    gates[2021].set()
    qtbot.waitUntil(lambda: shown == [("stats", 2021)], timeout=5000)
    gates[2020].set()  # the older load ends last
    app_context.ops.wait_idle()
    assert shown == [("stats", 2021)]


def test_a_charts_note_without_bars_is_wrapped_not_cut(qtbot):
    """A chart with nothing to draw shows its note (a sentence, long in Chinese) wrapped in
    its plot: drawn on one line it was cut at both sides of a 1366 px window's chart."""
    from seller_desk.ui.pages.dashboard.charts import BarChart, ChartData

    note = ("商品销售额按人民币汇率中间价折算，汇率日期与税务页相同（订单日或当月1日；"
            "周末、节假日取此前最近公布的汇率）。")
    chart = BarChart("各平台月度销售额（人民币）")
    qtbot.addWidget(chart)
    chart.resize(330, 240)
    chart.set_data(ChartData([], [], note=note))
    chart.show()
    image = chart.grab().toImage()
    background = image.pixelColor(image.width() // 2, image.height() - 3)

    def inked(x: int) -> bool:  # a column of the plot's height with text drawn in it
        return any(image.pixelColor(x, y) != background
                   for y in range(60, image.height() - 30))

    assert not inked(1) and not inked(image.width() - 2)  # inside the chart, both sides
    rows = [y for y in range(60, image.height() - 30)
            if any(image.pixelColor(x, y) != background for x in range(image.width()))]
    assert rows and rows[-1] - rows[0] > 2 * chart.fontMetrics().height()  # several lines
