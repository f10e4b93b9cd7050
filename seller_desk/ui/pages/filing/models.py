"""The filings table model and its filter."""

from __future__ import annotations

from typing import Any

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import message
from seller_desk.ui.pages.filing.labels import STATUS_COLOURS, _date_text, ftr
from seller_desk.ui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)

# ---------------------------------------------------------------------------------------------
# Filings table


class FilingsModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("FilingPage", "Filing"),
        QT_TRANSLATE_NOOP("FilingPage", "Store / detail"),
        QT_TRANSLATE_NOOP("FilingPage", "Number"),
        QT_TRANSLATE_NOOP("FilingPage", "Status"),
        QT_TRANSLATE_NOOP("FilingPage", "Valid until"),
        QT_TRANSLATE_NOOP("FilingPage", "Documents"),
        QT_TRANSLATE_NOOP("FilingPage", "Platform"),
    )
    REFUSED = QT_TRANSLATE_NOOP("FilingPage", "Rejected by the platform")
    #: what the zone platform said of a filing (sync), as words
    PLATFORM = {
        "submitted": QT_TRANSLATE_NOOP("FilingPage", "submitted"),
        "approved": QT_TRANSLATE_NOOP("FilingPage", "approved"),
        "rejected": QT_TRANSLATE_NOOP("FilingPage", "rejected"),
        "recorded": QT_TRANSLATE_NOOP("FilingPage", "recorded"),
    }

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.rows: list[Any] = []
        #: uuid → reason of the filings the platform rejected (its decision, from sync)
        self.refused: dict[str, str] = {}

    def set_rows(self, rows: list[Any], refused: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.refused = dict(refused or {})
        self.endResetModel()

    def status_of(self, v: Any) -> str:
        """The status to show: the platform's rejection wins over a local "submitted"."""
        return "rejected" if v.uuid in self.refused else v.effective_status

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < self.columnCount()):
            return ftr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                message(f"filing.kind.{v.kind}", self.lang),
                v.label or "",
                v.number or "",
                ftr(self.REFUSED) if v.uuid in self.refused
                else message(f"filing.status.{v.effective_status}", self.lang),
                _date_text(v.valid_until),
                str(v.documents) if v.documents else "",
                self._platform(v),
            )[col]
        if role == Qt.ItemDataRole.UserRole:
            return (v.kind, v.label or "", v.number or "", v.effective_status,
                    _date_text(v.valid_until) or "9999", v.documents,
                    v.platform_status or "")[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 6 \
                and v.platform_status == "rejected":
            return QColor("#b42318")
        if role == Qt.ItemDataRole.BackgroundRole and col == 3:
            return QColor(STATUS_COLOURS[self.status_of(v)][0])
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(STATUS_COLOURS[self.status_of(v)][1])
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and v.platform_reason:
            return v.platform_reason
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [message(p, self.lang) for p in v.problems]
            if v.uuid in self.refused:
                notes.insert(0, f"{ftr(self.REFUSED)}: {self.refused[v.uuid]}")
            if v.reason:
                notes.insert(0, v.reason)
            return "\n".join(notes) or None
        return None


    def _platform(self, v: Any) -> str:
        """The platform's word for the filing, with a rejection's reason."""
        if not v.platform_status:
            return ""
        word = self.PLATFORM.get(v.platform_status)
        text = ftr(word) if word else v.platform_status
        return f"{text}: {v.platform_reason}" if v.platform_reason else text


class FilingsFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.status: str | None = None
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, kind: str | None, status: str | None, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.kind, self.status, self.text = kind, status, text.strip().lower()
            self.endFilterChange()
        else:
            self.kind, self.status, self.text = kind, status, text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model: FilingsModel = self.sourceModel()  # type: ignore[assignment]
        v = model.rows[row]
        if self.kind and v.kind != self.kind:
            return False
        if self.status and v.effective_status != self.status:
            return False
        if self.text:
            hay = " ".join([v.label or "", v.number or "", v.authority or "", v.note or "",
                            message(f"filing.kind.{v.kind}", model.lang)]).lower()
            return self.text in hay
        return True
