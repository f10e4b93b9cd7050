"""The tax page's verdict table model and its filter."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from seller_desk.core import tax as rules
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.services import tax as _tax_service  # noqa: F401  (declares the tax.* settings)
from seller_desk.ui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QWidget,
)

if TYPE_CHECKING:
    from seller_desk.ui.pages.tax.page import TaxPage

COLUMNS = (
    QT_TRANSLATE_NOOP("TaxPage", "Status"),
    QT_TRANSLATE_NOOP("TaxPage", "List no."),
    QT_TRANSLATE_NOOP("TaxPage", "Export date"),
    QT_TRANSLATE_NOOP("TaxPage", "HS code"),
    QT_TRANSLATE_NOOP("TaxPage", "Goods name"),
    QT_TRANSLATE_NOOP("TaxPage", "Quantity"),
    QT_TRANSLATE_NOOP("TaxPage", "Amount"),
    QT_TRANSLATE_NOOP("TaxPage", "Amount (CNY)"),
    QT_TRANSLATE_NOOP("TaxPage", "Reasons"),
)
RIGHT = {5, 6, 7}
ELIGIBLE = QT_TRANSLATE_NOOP("TaxPage", "Eligible")
NOT_ELIGIBLE = QT_TRANSLATE_NOOP("TaxPage", "Not eligible")


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


class VerdictModel(QAbstractTableModel):
    """The month's lines: eligible first (numbered as on the list), then the others."""

    def __init__(self, page: TaxPage):
        super().__init__(page)
        self.page = page
        self.rows: list[tuple[bool, rules.ExportLine, str]] = []

    def set_rows(self, rows: list[tuple[bool, rules.ExportLine, str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < self.columnCount()):
            return self.page.tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ok, ln, reasons = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.page.tr(ELIGIBLE if ok else NOT_ELIGIBLE)
            if col == 1:
                return ln.list_no
            if col == 2:
                return ln.export_date.isoformat() if ln.export_date else ""
            if col == 3:
                return ln.hs_code
            if col == 4:
                return ln.goods_name or ""
            if col == 5:
                return "" if ln.quantity is None else f"{ln.quantity:f}"
            if col == 6:
                return f"{_fmt(ln.amount.amount)} {ln.amount.currency}" if ln.amount else ""
            if col == 7:
                cny = ln.amount_cny
                return _fmt(cny.amount) if cny else ""
            if col == 8:
                return reasons
        if role == Qt.ItemDataRole.ToolTipRole and col == 8 and reasons:
            return reasons
        if role == Qt.ItemDataRole.TextAlignmentRole and col in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor("#1b7f3b") if ok else QColor("#b3261e")
        return None


class OnlyIneligible(QSortFilterProxyModel):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.only_bad = False

    def set_only_bad(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_bad = on
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self.only_bad:
            return True
        model = self.sourceModel()
        return not model.rows[row][0]  # type: ignore[attr-defined]
