"""The FX gauge (year-to-date against the US$ lines)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from seller_desk.ui.qt import (
    QColor,
    QPainter,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
)

STATE_COLORS = {
    "exempt": "#3c9a5f", "ok": "#3c9a5f", "warning": "#e0a020", "nearly_used": "#e0a020",
    "at_threshold": "#d9534f", "required": "#c9302c", "used_up": "#c9302c",
    "needs_evidence": "#c9302c", "registered": "#4a78b5",
}


#: px between two marks' labels under the gauge
GAP = 6


class Gauge(QWidget):
    """A horizontal bar: ``value`` against ``marks`` (e.g. 180,000 and 200,000), coloured by state.

    Text around it (title, amount, state) lives in ordinary labels so it is translated and
    selectable; the bar only paints the fill, the marks and their short labels.
    """

    def __init__(self, marks: Sequence[tuple[Decimal, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.marks = list(marks)
        self.value = Decimal(0)
        self.state = "exempt"
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(360, 38)

    def set_value(self, value: Decimal, state: str) -> None:
        self.value, self.state = value, state
        self.update()

    def scale_max(self) -> Decimal:
        top = max(m for m, _ in self.marks) if self.marks else Decimal(1)
        return max(top * Decimal("1.1"), self.value * Decimal("1.05"))

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        bar_top, bar_h = 4, max(12, h - 20)
        top = self.scale_max()

        def x_of(v: Decimal) -> int:
            return int(float(min(v, top) / top) * (w - 2)) + 1

        p.setPen(QColor("#999999"))
        p.setBrush(QColor("#eeeeee"))
        p.drawRoundedRect(1, bar_top, w - 2, bar_h, 4, 4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(STATE_COLORS.get(self.state, "#888888")))
        if self.value > 0:
            p.drawRoundedRect(1, bar_top, max(4, x_of(self.value) - 1), bar_h, 4, 4)
        p.setPen(QColor("#333333"))
        for mark, _label in self.marks:
            x = x_of(mark)
            p.drawLine(x, bar_top - 2, x, bar_top + bar_h + 2)
        for left, label in self.label_places(p.fontMetrics().horizontalAdvance, x_of, w):
            p.drawText(left, bar_top + bar_h + 14, label)
        p.end()

    def label_places(self, width_of: Any, x_of: Any, w: int) -> list[tuple[int, str]]:
        """Where each mark's label starts: centred under its mark within the bar, moved apart
        where two would overlap (near each other, or crowded at the bar's start far above
        the 200,000 line); the labels of the lowest marks are left out when all cannot fit
        (their marks stay)."""
        marks = sorted(self.marks, key=lambda m: m[0])
        widths = [width_of(label) for _, label in marks]
        while marks and sum(widths) + GAP * (len(widths) - 1) > w:
            marks, widths = marks[1:], widths[1:]
        lefts = [max(0, min(w - tw, x_of(mark) - tw // 2))
                 for (mark, _), tw in zip(marks, widths, strict=True)]
        for i in range(1, len(lefts)):  # pushed right past the label before…
            lefts[i] = max(lefts[i], lefts[i - 1] + widths[i - 1] + GAP)
        if lefts:  # …then back left from the bar's end
            lefts[-1] = min(lefts[-1], w - widths[-1])
        for i in range(len(lefts) - 2, -1, -1):
            lefts[i] = min(lefts[i], lefts[i + 1] - GAP - widths[i])
        return [(left, label) for left, (_, label) in zip(lefts, marks, strict=True)]
