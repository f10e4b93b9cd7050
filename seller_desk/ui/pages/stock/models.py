"""The stock ledger table model."""

from __future__ import annotations

from seller_desk.ui.pages.stock.labels import KIND_LABELS, tr
from seller_desk.ui.qt import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from seller_desk.ui.widgets.codes import label as code_label


class LedgerModel(QAbstractTableModel):
    """The ledger, newest first, fetched a page at a time (keyset on the movement id) as the
    view scrolls: a million-line ledger is never held in memory."""

    PAGE = 200

    def __init__(self, headers: list[str]):
        super().__init__()
        self.headers = headers
        self.rows: list = []
        self._fetch = None
        self._more = False

    def reset(self, rows: list, fetch) -> None:  # type: ignore[no-untyped-def]
        self.beginResetModel()
        self.rows, self._fetch, self._more = list(rows), fetch, len(rows) == self.PAGE
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and self._fetch is not None

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._fetch(before_id=self.rows[-1].id)  # one indexed page: quick
        self._more = len(page) == self.PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):  # never answer for a missing section
            return self.headers[section]
        return None

    def _raw(self, r, c: int):  # type: ignore[no-untyped-def]
        return (r.date, r.sku, r.warehouse, r.kind, r.on_hand, r.in_transit, r.unit_cost,
                f"{r.cause_type}:{r.cause_id}" if r.cause_id else r.cause_type, r.reason)[c]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        r, c = self.rows[index.row()], index.column()
        raw = self._raw(r, c)
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 3:
                return tr(KIND_LABELS.get(raw, raw))
            if c == 7:  # the cause: its words, then which one
                cause = code_label("stock_cause", r.cause_type)
                return f"{cause} {r.cause_id}" if r.cause_id else cause
            return "" if raw is None else str(raw)
        if role == Qt.ItemDataRole.UserRole:
            return raw
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
