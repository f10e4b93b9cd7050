"""Table helpers of the orders page."""

from __future__ import annotations

from typing import Any

from seller_desk.messages import orders as _orders_messages  # noqa: F401  (customs.* settings)
from seller_desk.ui.qt import (
    QAbstractItemView,
    QColor,
    QHeaderView,
    QSortFilterProxyModel,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableView,
)


def _table(name: str) -> tuple[QTableView, QStandardItemModel, QSortFilterProxyModel]:
    model = QStandardItemModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first, as the store sends them
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view, model, proxy


def _fill(model: QStandardItemModel, headers: list[str], rows: list[list[Any]],
          colors: list[QColor | None] | None = None, right: set[int] = frozenset()) -> None:
    model.clear()
    model.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        items = []
        for c, value in enumerate(row):
            item = QStandardItem("" if value is None else str(value))
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if colors and colors[r] is not None:
                item.setBackground(colors[r])
            items.append(item)
        model.appendRow(items)
