"""The orders page's table model, fetched page by page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seller_desk.messages import orders as _orders_messages  # noqa: F401  (customs.* settings)
from seller_desk.ui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    Qt,
)

GREEN, RED, AMBER = QColor("#d8f0dc"), QColor("#f8d7d7"), QColor("#fff1c9")


class PagedModel(QAbstractTableModel):
    """Rows arrive a page at a time: the view asks for more (``fetchMore``) as it scrolls, and
    ``loader(offset)`` fetches the next page in the background, then calls :meth:`append`."""

    def __init__(self, loader: Callable[[int], None]):
        super().__init__()
        self.loader = loader
        self.headers: list[str] = []
        self.rows: list[list[Any]] = []
        self.colors: list[QColor | None] = []
        self.right: set[int] = set()
        self.more = False
        self.loading = False

    def reset(self, headers: list[str], right: set[int]) -> None:
        self.beginResetModel()
        self.headers, self.right = headers, right
        self.rows, self.colors = [], []
        self.more, self.loading = False, False
        self.endResetModel()

    def append(self, rows: list[list[Any]], colors: list[QColor | None], more: bool) -> None:
        self.loading = False
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows += rows
            self.colors += colors
            self.endInsertRows()
        self.more = more

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return None

    def data(self, index: QModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colors[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return not parent.isValid() and self.more and not self.loading

    def fetchMore(self, parent: QModelIndex) -> None:
        if self.canFetchMore(parent):
            self.loading = True
            self.loader(len(self.rows))
