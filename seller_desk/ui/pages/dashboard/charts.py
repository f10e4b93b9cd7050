"""The Dashboard's charts, painted with QPainter (no Qt Charts: PySide6-Addons is a ~200 MB
wheel for four bar charts), and the compliance health strip.

:class:`BarChart` draws grouped or stacked bars with a legend, optional horizontal reference
lines (the FX 180k / 200k lines, the 50k quota) and emits :attr:`BarChart.barClicked` with the
category index when a bar is clicked. :class:`ChartsPanel` lays out the four charts and the
health strip from :meth:`seller_desk.services.stats.StatsService.period` / ``health`` data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.qt import (
    QColor,
    QCoreApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPainter,
    QSizePolicy,
    Qt,
    QtCore,
    QtGui,
    QVBoxLayout,
    QWidget,
    Signal,
)

PALETTE = ("#2f6fb0", "#e07b28", "#3a9a5b", "#8e5ab5", "#c9483b", "#5aa3a8", "#b58d2f")

#: the compliance strip: key → label (context "Charts")
HEALTH_LABELS = {
    "match": QT_TRANSLATE_NOOP("Charts", "三单一致 (order, waybill, list agree)"),
    "released": QT_TRANSLATE_NOOP("Charts", "Lists released of declared"),
    "exemption_months": QT_TRANSLATE_NOOP("Charts", "Exemption-list months filed"),
    "fx_evidence": QT_TRANSLATE_NOOP("Charts", "FX receipts with trade evidence"),
}
STATUS_LABELS = {
    "": QT_TRANSLATE_NOOP("Charts", "not sent"),
    "100": QT_TRANSLATE_NOOP("Charts", "rejected"),
    "120": QT_TRANSLATE_NOOP("Charts", "accepted"),
    "800": QT_TRANSLATE_NOOP("Charts", "released"),
    "899": QT_TRANSLATE_NOOP("Charts", "released (closed)"),
    "cancelled": QT_TRANSLATE_NOOP("Charts", "cancelled"),
}


@dataclass
class Series:
    label: str
    values: list[float]
    color: str = ""


@dataclass
class RefLine:
    value: float
    label: str
    color: str = "#b42318"


@dataclass
class ChartData:
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    stacked: bool = False
    lines: list[RefLine] = field(default_factory=list)
    note: str = ""


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = top / ticks if top > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _short(value: float) -> str:
    a = abs(value)
    if a >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if a >= 10_000:
        return f"{value / 1000:.0f}k"
    if a >= 1000:
        return f"{value / 1000:.1f}k".replace(".0k", "k")
    return f"{value:g}"


class BarChart(QWidget):
    """Bars by category (grouped, or stacked), a legend, reference lines; click → category."""

    barClicked = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.data = ChartData()
        self._bars: list[tuple[QtCore.QRectF, int, int]] = []
        self.setMinimumSize(90, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.setToolTip("\n".join(x for x in (self.title, data.note) if x))
        for i, s in enumerate(data.series):
            s.color = s.color or PALETTE[i % len(PALETTE)]
        self.update()

    # geometry ----------------------------------------------------------------------------------
    def _top(self) -> float:
        d = self.data
        if not d.categories:
            return 1.0
        if d.stacked:
            tops = [sum(max(s.values[i], 0) for s in d.series) for i in range(len(d.categories))]
        else:
            tops = [max((s.values[i] for s in d.series), default=0)
                    for i in range(len(d.categories))]
        top = max([*tops, *(ln.value for ln in d.lines), 0])
        return top * 1.08 if top > 0 else 1.0

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        w, h = self.width(), self.height()
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        faint = QColor(text)
        faint.setAlpha(60)
        title_font = QtGui.QFont(p.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(text)
        p.drawText(QtCore.QRectF(6, 2, w - 12, fm.height() + 4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   QtGui.QFontMetrics(title_font).elidedText(
                       self.title, Qt.TextElideMode.ElideRight, int(w - 12)))
        p.setFont(self.font())
        d = self.data
        # legend under the title
        x, y = 8.0, fm.height() + 8.0
        for s in d.series:
            label_w = fm.horizontalAdvance(s.label)
            if x + 14 + label_w > w - 8:
                x, y = 8.0, y + fm.height() + 2
            p.fillRect(QtCore.QRectF(x, y + 3, 10, 10), QColor(s.color))
            p.drawText(QtCore.QPointF(x + 14, y + fm.ascent()), s.label)
            x += 14 + label_w + 14
        top_y = y + fm.height() + 8
        bottom_pad = fm.height() + 6 + (fm.height() + 4 if d.note else 0)
        axis_w = max(fm.horizontalAdvance(_short(self._top())), fm.horizontalAdvance("0")) + 10
        plot = QtCore.QRectF(axis_w + 4, top_y, w - axis_w - 14, h - top_y - bottom_pad)
        self._bars = []
        if not d.categories or not d.series or plot.height() < 20:
            p.setPen(faint)
            # (a note is a sentence: wrapped in the plot, not cut at both its sides)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       d.note or "–")
            return
        top = self._top()
        step = _nice_step(top)
        top = math.ceil(top / step) * step

        def ypos(v: float) -> float:
            return plot.bottom() - plot.height() * (v / top)

        tick = 0.0
        while tick <= top + 1e-9:
            yy = ypos(tick)
            p.setPen(faint)
            p.drawLine(QtCore.QPointF(plot.left(), yy), QtCore.QPointF(plot.right(), yy))
            p.setPen(text)
            p.drawText(QtCore.QRectF(0, yy - fm.height() / 2, axis_w, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _short(tick))
            tick += step
        n = len(d.categories)
        slot = plot.width() / n
        bar_w = slot * 0.7 if d.stacked else slot * 0.8 / len(d.series)
        label_w = min(max(fm.horizontalAdvance(c) for c in d.categories) + 6, 48)
        every = max(1, math.ceil(label_w / slot))
        for i, cat in enumerate(d.categories):
            x0 = plot.left() + slot * i
            base = 0.0
            for j, s in enumerate(d.series):
                v = max(s.values[i], 0)
                if d.stacked:
                    rect = QtCore.QRectF(x0 + slot * 0.15, ypos(base + v), bar_w,
                                         ypos(base) - ypos(base + v))
                    base += v
                else:
                    rect = QtCore.QRectF(x0 + slot * 0.1 + bar_w * j, ypos(v), bar_w,
                                         plot.bottom() - ypos(v))
                if rect.height() > 0:
                    p.fillRect(rect, QColor(s.color))
                    self._bars.append((rect, i, j))
            if i % every == 0:
                p.setPen(text)
                room = slot * every
                p.drawText(QtCore.QRectF(x0 + slot / 2 - room / 2, plot.bottom() + 2, room,
                                         fm.height()),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                           fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(room - 2)))
        for k, ln in enumerate(d.lines):
            yy = ypos(ln.value)
            pen = QtGui.QPen(QColor(ln.color))
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(1.5)
            p.setPen(pen)
            p.drawLine(QtCore.QPointF(plot.left(), yy), QtCore.QPointF(plot.right(), yy))
            side = Qt.AlignmentFlag.AlignLeft if k % 2 == 0 else Qt.AlignmentFlag.AlignRight
            below = k % 2 == 0 and len(d.lines) > 1  # two lines close together: one label below
            box = QtCore.QRectF(plot.left() + 4, yy + 1 if below else yy - fm.height() - 1,
                                plot.width() - 8, fm.height())
            p.fillRect(QtCore.QRectF(box.left(), box.top(), fm.horizontalAdvance(ln.label) + 4,
                                     box.height()).translated(
                0 if side == Qt.AlignmentFlag.AlignLeft
                else box.width() - fm.horizontalAdvance(ln.label) - 4, 0),
                pal.color(pal.ColorRole.Window))
            p.drawText(box, side | Qt.AlignmentFlag.AlignVCenter, ln.label)
        p.setPen(text)
        p.drawLine(QtCore.QPointF(plot.left(), plot.bottom()),
                   QtCore.QPointF(plot.right(), plot.bottom()))
        if d.note:
            p.setPen(faint.darker(250) if faint.lightness() > 128 else QColor("#666"))
            p.drawText(QtCore.QRectF(6, h - fm.height() - 2, w - 12, fm.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(d.note, Qt.TextElideMode.ElideRight, int(w - 12)))

    def bar_at(self, point: QtCore.QPointF) -> tuple[int, int] | None:
        """(category, series) of the bar under ``point``, or None."""
        for rect, i, j in self._bars:
            if rect.adjusted(-1, -1, 1, 1).contains(point):
                return i, j
        return None

    def mousePressEvent(self, event: Any) -> None:
        hit = self.bar_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.barClicked.emit(hit[0])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:
        hit = self.bar_at(event.position())
        if hit is None:
            self.setToolTip("\n".join(x for x in (self.title, self.data.note) if x))
        else:
            i, j = hit
            s = self.data.series[j]
            self.setToolTip(f"{self.data.categories[i]} · {s.label}: {s.values[i]:,.2f}"
                            .replace(".00", ""))
        super().mouseMoveEvent(event)


def _t(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


def _f(value: str | None) -> float:
    return float(Decimal(value)) if value is not None else 0.0  # geometry only


class ChartsPanel(QWidget):
    """The four charts and the compliance strip; :meth:`show_stats` fills them."""

    monthClicked = Signal(str, str)  # area, YYYY-MM (or "" for the area's page)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.strip = QFrame()
        self.strip.setObjectName("healthStrip")
        self.strip.setFrameShape(QFrame.Shape.StyledPanel)
        self.strip_layout = QHBoxLayout(self.strip)
        self.health: dict[str, QLabel] = {}
        for key, label in HEALTH_LABELS.items():
            cell = QLabel()
            cell.setObjectName(f"health_{key}")
            cell.setTextFormat(Qt.TextFormat.RichText)
            cell.setWordWrap(True)
            cell.setToolTip(_t(label))
            self.health[key] = cell
            self.strip_layout.addWidget(cell, 1)
        outer.addWidget(self.strip)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.sales = BarChart(self.tr("Monthly sales by marketplace"))
        self.sales.setObjectName("chartSales")
        self.fx = BarChart(self.tr("FX receipts and payments, year to date (USD)"))
        self.fx.setObjectName("chartFx")
        self.declarations = BarChart(self.tr("Declarations by status"))
        self.declarations.setObjectName("chartDeclarations")
        self.stock = BarChart(self.tr("Stock value by warehouse (CNY)"))
        self.stock.setObjectName("chartStock")
        for i, chart in enumerate((self.sales, self.fx, self.declarations, self.stock)):
            grid.addWidget(chart, 0, i)
            grid.setColumnStretch(i, 3 if chart in (self.sales, self.fx) else 2)
        outer.addLayout(grid, 1)
        self._months: list[str] = []
        self._warehouses: list[str] = []
        self.sales.barClicked.connect(lambda i: self._month_clicked("orders", i))
        self.fx.barClicked.connect(lambda i: self._month_clicked("fx", i))
        self.declarations.barClicked.connect(lambda _i: self.monthClicked.emit("orders", ""))
        self.stock.barClicked.connect(lambda _i: self.monthClicked.emit("stock", ""))

    def _month_clicked(self, area: str, index: int) -> None:
        if 0 <= index < len(self._months):
            self.monthClicked.emit(area, self._months[index])

    def show_stats(self, stats: dict[str, Any], health: list[dict[str, Any]],
                   fx_kind: str = "enterprise") -> None:
        months = [m for m in stats["months"]]
        self._months = [m["month"] for m in months]
        cats = [m["month"][5:] for m in months]
        markets = sorted({k for m in months for k in m["marketplaces"]})
        complete = all(m["sales_cny"] is not None for m in months)
        if complete:
            series = [Series(mk, [_f(m["marketplaces"].get(mk, {}).get("sales_cny", "0"))
                                  for m in months]) for mk in markets]
            note = self.tr("Product sales in CNY at the central parity, dated as on the Tax "
                           "page (the order day or the 1st of its month; on a weekend or "
                           "holiday the last rate published before).")
            self.sales.title = self.tr("Monthly sales by marketplace (CNY)")
        else:
            series = [Series(mk, [float(m["marketplaces"].get(mk, {}).get("orders", 0))
                                  for m in months]) for mk in markets]
            note = self.tr("Orders shown: sales in CNY need the central parity rates "
                           "(see the FX page). Click a bar to open that month's orders.")
            self.sales.title = self.tr("Monthly orders by marketplace")
        self.sales.set_data(ChartData(cats, series, stacked=True, note=note))
        receipts, payments, r, p = [], [], 0.0, 0.0
        for m in months:
            r += _f(m["receipts_usd"])
            p += _f(m["payments_usd"])
            receipts.append(r)
            payments.append(p)
        if fx_kind == "individual":
            lines = [RefLine(50_000, self.tr("US$50,000 quota"))]
        else:
            lines = [RefLine(180_000, self.tr("180k warning"), "#b54708"),
                     RefLine(200_000, self.tr("200k line"))]
        self.fx.set_data(ChartData(cats, [Series(self.tr("Receipts"), receipts, "#2f6fb0"),
                                          Series(self.tr("Payments"), payments, "#e07b28")],
                                   lines=lines))
        statuses = stats["declarations_by_status"]
        self.declarations.set_data(ChartData(
            [_t(STATUS_LABELS[s["status"]]) if s["status"] in STATUS_LABELS
             else s["status"] for s in statuses],
            [Series(self.tr("Lists"), [float(s["lists"]) for s in statuses], "#3a9a5b")]))
        houses = stats["stock"]["warehouses"]
        self._warehouses = [h["warehouse"] for h in houses]
        self.stock.set_data(ChartData(
            self._warehouses, [Series(self.tr("Value"), [_f(h["value_cny"]) for h in houses],
                                      "#8e5ab5")],
            note=self.tr("Days of cover: {cover}").format(cover=", ".join(
                f"{h['warehouse']} {h['days_of_cover'] or '–'}" for h in houses))))
        for item in health:
            cell = self.health.get(item["key"])
            if cell is None:
                continue
            value = "–" if item["percent"] is None else f"{item['percent']}%"
            color = "#1e7a3c" if item["ok"] else "#b42318"
            cell.setText(
                f"<span style='font-size:16px;font-weight:600;color:{color}'>{value}</span> "
                f"<span style='color:#555'>{item['done']}/{item['of']} · "
                + self.tr("target {target}%").format(target=item["target"]) + "</span><br>"
                + _t(HEALTH_LABELS[item["key"]]))
