"""A read-only table model over a list of rows (the FX page's tables, the import preview's problems)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from seller_desk.ui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    Qt,
)


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows: ``columns`` are (header, getter, align-right)."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], Any], bool]],
                 parent: Any = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.color: Callable[[Any, int], str | None] | None = None
        self.tip: Callable[[Any, int], str | None] | None = None
        #: the column and order the user sorted by (kept for the next rows), None: as given
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[Any]) -> None:
        """New rows, in the order the user sorted by when they did (else as given)."""
        self.beginResetModel()
        self.rows = list(rows)
        if self.sorted_by is not None:
            self._sort_rows(*self.sorted_by)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):  # never answer for a missing section
            return self.columns[section][0]
        return None

    def data(self, index: QModelIndex, role: int = 0) -> Any:
        # (asked of each cell in many roles as a view paints and measures it, most of them
        # none of this model's: those are answered first, and the roles compared as ints)
        if role not in _ROLES or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self.rows) and 0 <= c < len(self.columns)):
            return None  # (an index made before a reset: nothing outside the rows)
        row = self.rows[r]
        _header, getter, right = self.columns[c]
        if role == _DISPLAY:
            value = getter(row)
            if isinstance(value, Decimal):
                return f"{value:,}"
            return "" if value is None else str(value)
        if role == _USER:
            value = getter(row)
            return value if isinstance(value, Decimal) else None
        if role == _ALIGN:
            return _RIGHT if right else None
        if role == _FOREGROUND:
            c = self.color(row, index.column()) if self.color else None
            return QColor(c) if c else None
        if self.tip:  # (the tool-tip role)
            return self.tip(row, index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: the rows by that column's values (numbers as numbers, not as
        their text; empty cells last either way), equal ones in the order they had; the rows
        set later come in that order too. Column -1 (no sort indicator): as given, from the
        next rows on."""
        if column < 0:
            self.sorted_by = None
            return
        if column >= len(self.columns):
            return
        self.sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        getter = self.columns[column][1]

        def key(row: Any) -> tuple[int, Any]:
            value = getter(row)
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                return (0, value)
            return (1, str(value))

        filled = [r for r in self.rows if getter(r) not in (None, "")]
        filled.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = filled + [r for r in self.rows if getter(r) in (None, "")]

    def row_at(self, index: QModelIndex) -> Any:
        return self.rows[index.row()] if index.isValid() else None


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
#: the roles :meth:`RowsModel.data` answers
_ROLES = frozenset((_DISPLAY, _USER, _ALIGN, _FOREGROUND, int(Qt.ItemDataRole.ToolTipRole.value)))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
