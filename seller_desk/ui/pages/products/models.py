"""The products page's columns (products and listings go on the shared paged model) and the
small HS and negative-list tables, loaded whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.pages.products.labels import (
    FULFILMENT_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    _hits,
    _money,
    tr,
)
from seller_desk.ui.qt import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from seller_desk.ui.widgets.paged_table import Col as PCol

PAGE_SIZE = 200


@dataclass(frozen=True)
class Col:
    header: str  # English source, context "Products"
    sort: str | None  # the service's sort name, None = not sortable
    show: Callable[[Any], str]
    raw: Callable[[Any], Any]
    align_right: bool = False


# ``show``/``raw`` take the whole row (a ProductSummary / ListingSummary)
PRODUCT_COLUMNS = (
    Col(QT_TRANSLATE_NOOP("Products", "SKU"), "sku", lambda r: r.sku, lambda r: r.sku),
    Col(QT_TRANSLATE_NOOP("Products", "Chinese name"), "name_zh", lambda r: r.name_zh, lambda r: r.name_zh),
    Col(QT_TRANSLATE_NOOP("Products", "English name"), "name_en", lambda r: r.name_en, lambda r: r.name_en),
    Col(QT_TRANSLATE_NOOP("Products", "HS code"), "hs_code", lambda r: r.hs_code, lambda r: r.hs_code),
    Col(QT_TRANSLATE_NOOP("Products", "Declared name"), "declared_name", lambda r: r.declared_name,
        lambda r: r.declared_name),
    Col(QT_TRANSLATE_NOOP("Products", "Origin"), "origin_country", lambda r: r.origin_country,
        lambda r: r.origin_country),
    Col(QT_TRANSLATE_NOOP("Products", "Unit cost"), "unit_cost", lambda r: _money(r.unit_cost),
        lambda r: r.unit_cost.amount if r.unit_cost else None, True),
    Col(QT_TRANSLATE_NOOP("Products", "Listings"), None, lambda r: str(r.listings), lambda r: r.listings, True),
    Col(QT_TRANSLATE_NOOP("Products", "Lists hit"), None, lambda r: _hits(r.hits), lambda r: _hits(r.hits)),
)
LISTING_COLUMNS = (
    Col(QT_TRANSLATE_NOOP("Products", "Store"), "store", lambda r: r.store, lambda r: r.store),
    Col(QT_TRANSLATE_NOOP("Products", "Marketplace SKU"), "msku", lambda r: r.msku, lambda r: r.msku),
    Col(QT_TRANSLATE_NOOP("Products", "SKU"), "sku", lambda r: r.sku, lambda r: r.sku),
    Col(QT_TRANSLATE_NOOP("Products", "Item ID / ASIN"), "external_id", lambda r: r.external_id,
        lambda r: r.external_id),
    Col(QT_TRANSLATE_NOOP("Products", "Title"), "title", lambda r: r.title, lambda r: r.title),
    Col(QT_TRANSLATE_NOOP("Products", "Price"), "price", lambda r: _money(r.price),
        lambda r: r.price.amount if r.price else None, True),
    Col(QT_TRANSLATE_NOOP("Products", "Quantity"), "quantity",
        lambda r: "" if r.quantity is None else str(r.quantity), lambda r: r.quantity, True),
    Col(QT_TRANSLATE_NOOP("Products", "Status"), "status", lambda r: tr(STATUS_LABELS.get(r.status, r.status)),
        lambda r: r.status),
    Col(QT_TRANSLATE_NOOP("Products", "Fulfilment"), None,
        lambda r: tr(FULFILMENT_LABELS.get(r.fulfilment, r.fulfilment)), lambda r: r.fulfilment),
    Col(QT_TRANSLATE_NOOP("Products", "Lists hit"), None, lambda r: _hits(r.hits), lambda r: _hits(r.hits)),
)


def shared_columns(columns: Sequence[Col]) -> list[PCol]:
    """These columns for the shared paged model, headers translated now."""
    return [PCol(tr(c.header), _whole_row, sort=c.sort, fmt=c.show, raw=c.raw,
                 right=c.align_right) for c in columns]


def _whole_row(row: Any) -> Any:
    return row


class ListModel(QAbstractTableModel):
    """A small table loaded whole (the HS table, the negative lists)."""

    def __init__(self, columns: Sequence[Col], load: Callable[[], list]):
        super().__init__()
        self.columns = list(columns)
        self._load = load
        self.rows: list = []

    def reload(self) -> None:
        self.set_rows(self._load())

    def set_rows(self, rows: Iterable[Any]) -> None:
        """The rows read (on the pool: the page's first read may be the process's first use of
        the ORM, 0.1-0.25 s held on the GUI thread when it was made here)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r, c = index.row(), index.column()
        if not index.isValid() or not (0 <= r < len(self.rows) and 0 <= c < len(self.columns)):
            return None
        row, col = self.rows[r], self.columns[c]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.show(row)
        if role == Qt.ItemDataRole.UserRole:
            return col.raw(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.show(row):
            return col.show(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return tr(self.columns[section].header)
        return None

    def row_at(self, row: int) -> Any:
        return self.rows[row]


HS_COLUMNS = (
    Col(QT_TRANSLATE_NOOP("Products", "HS code"), None, lambda e: e.code, lambda e: e.code),
    Col(QT_TRANSLATE_NOOP("Products", "Description"), None, lambda e: e.description, lambda e: e.description),
    Col(QT_TRANSLATE_NOOP("Products", "Legal unit 1"), None, lambda e: e.legal_unit1 or "", lambda e: e.legal_unit1),
    Col(QT_TRANSLATE_NOOP("Products", "Legal unit 2"), None, lambda e: e.legal_unit2 or "", lambda e: e.legal_unit2),
    Col(QT_TRANSLATE_NOOP("Products", "Refund rate"), None,
        lambda e: "" if e.refund_rate is None else f"{(e.refund_rate * 100).normalize():f}%",
        lambda e: e.refund_rate, True),
    Col(QT_TRANSLATE_NOOP("Products", "Refund cancelled"), None,
        lambda e: "✔" if e.refund_cancelled else "", lambda e: e.refund_cancelled),
    Col(QT_TRANSLATE_NOOP("Products", "Licence required"), None,
        lambda e: "✔" if e.licence_required else "", lambda e: e.licence_required),
)
LIST_COLUMNS = (
    Col(QT_TRANSLATE_NOOP("Products", "List"), None, lambda e: tr(KIND_LABELS.get(e.kind, e.kind)),
        lambda e: e.kind),
    Col(QT_TRANSLATE_NOOP("Products", "HS prefix"), None, lambda e: e.hs_prefix, lambda e: e.hs_prefix),
    Col(QT_TRANSLATE_NOOP("Products", "Keyword"), None, lambda e: e.keyword, lambda e: e.keyword),
    Col(QT_TRANSLATE_NOOP("Products", "Reason"), None, lambda e: e.reason, lambda e: e.reason),
)
