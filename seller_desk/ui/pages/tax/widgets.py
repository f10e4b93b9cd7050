"""The tax page's cliff chart."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seller_desk.services import tax as _tax_service  # noqa: F401  (declares the tax.* settings)
from seller_desk.ui.qt import (
    QColor,
    QPainter,
    QWidget,
)


class CliffChart(QWidget):
    """Tax against revenue for the year's rule, with the cliff and the company's point."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(420, 220)
        self.points: list[tuple[Decimal, Decimal]] = []
        self.cliff: Decimal | None = None
        self.current: tuple[Decimal, Decimal] | None = None
        self.caption = ""

    def set_data(self, points: list[tuple[Decimal, Decimal]], cliff: Decimal | None,
                 current: tuple[Decimal, Decimal] | None, caption: str) -> None:
        self.points, self.cliff, self.current, self.caption = points, cliff, current, caption
        self.update()

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        left, right, top, bottom = 70, 16, 22, 34
        p.fillRect(0, 0, w, h, QColor("#ffffff"))
        p.setPen(QColor("#444444"))
        p.drawText(left, 15, self.caption)
        if not self.points:
            p.drawText(left, h // 2, self.tr("No known rule for this year."))
            p.end()
            return
        max_x = float(self.points[-1][0]) or 1.0
        max_y = max(float(t) for _, t in self.points) or 1.0
        if self.current is not None:
            max_y = max(max_y, float(self.current[1]))

        def xy(rev: Decimal, tax: Decimal) -> tuple[int, int]:
            x = left + (w - left - right) * float(rev) / max_x
            y = h - bottom - (h - top - bottom) * float(tax) / max_y
            return int(x), int(y)

        p.drawLine(left, h - bottom, w - right, h - bottom)
        p.drawLine(left, top, left, h - bottom)
        for k in range(5):  # axis labels in millions of yuan
            rev = Decimal(max_x) * k / 4
            x, _ = xy(rev, Decimal(0))
            p.drawText(x - 20, h - bottom + 16, f"{rev / 1_000_000:,.0f}M")
            tax = Decimal(max_y) * k / 4
            _, y = xy(Decimal(0), tax)
            p.drawText(4, y + 4, f"{tax / 1000:,.0f}k")
        if self.cliff is not None:
            p.setPen(QColor("#b3261e"))
            x, _ = xy(self.cliff, Decimal(0))
            for y in range(top, h - bottom, 8):  # dashed by hand (no QPen in the shim)
                p.drawLine(x, y, x, min(y + 4, h - bottom))
            p.drawText(x + 4, top + 12, self.tr("cliff {0}M").format(f"{self.cliff / 1_000_000:,.0f}"))
        p.setPen(QColor("#1565c0"))
        prev = None
        for rev, tax in self.points:
            cur = xy(rev, tax)
            if prev is not None:
                p.drawLine(prev[0], prev[1], cur[0], cur[1])
            prev = cur
        if self.current is not None:
            x, y = xy(*self.current)
            p.setBrush(QColor("#f57c00"))
            p.setPen(QColor("#f57c00"))
            p.drawEllipse(x - 5, y - 5, 10, 10)
        p.end()


def _pct(value: Decimal) -> str:
    return f"{(value * 100).normalize():f}%"
