"""Table helpers of the stock page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seller_desk.ui.qt import (
    QAbstractItemView,
    QHeaderView,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableView,
)
from seller_desk.ui.widgets.paged_table import FIT_ROWS


def _item(value: Any, raw: Any = None, *, right: bool = False, check: bool | None = None
          ) -> QStandardItem:
    text = "" if value is None else str(value)
    it = QStandardItem(text)
    it.setEditable(False)
    it.setData(raw if raw is not None else value, Qt.ItemDataRole.UserRole)
    if right or isinstance(value, int | Decimal):
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if check is not None:
        it.setCheckable(True)
        it.setCheckState(Qt.CheckState.Checked if check else Qt.CheckState.Unchecked)
    return it


def _table(name: str, headers: list[str], model: Any = None) -> tuple[QTableView, Any]:
    if model is None:
        model = QStandardItemModel(0, len(headers))
        model.setHorizontalHeaderLabels(headers)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # widths from the first rows (as many as the paged tables measure), not from a thousand:
    # a table of thousands of positions was measured whole on every reload (Qt's default)
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.horizontalHeader().setStretchLastSection(True)
    return view, model
