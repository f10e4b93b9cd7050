"""The one table model for big tables: rows come from a service a page at a time.

:class:`PagedTableModel` shows what a service method ``fetch(PageRequest) -> Page`` returns
(see :mod:`seller_desk.core.paging`): the first page when the query changes, the next one when
the view scrolls to the end (``canFetchMore``/``fetchMore``). Every fetch runs on the read pool
(``ctx.ops.run_read``); a newer query wins over answers still on their way. Sorting by a header
asks the service again (only columns with a ``sort`` key sort), filtering is the service's SQL.
The model never holds more than the pages the user scrolled through, and Excel export runs the
whole query in the background (:meth:`PagedTableModel.export_job`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from seller_desk.core.paging import PAGE_SIZE, Page, PageRequest
from seller_desk.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QColor,
    QHeaderView,
    QModelIndex,
    QObject,
    Qt,
    QTableView,
    Signal,
)
from seller_desk.ui.widgets.polish import fits_itself

#: rows fetched per query when exporting the whole table
EXPORT_PAGE = 5000
#: a cell longer than this shows its whole text as a tooltip (the view elides it)
TOOLTIP_FROM = 40
#: the widest a column gets when fitted to its first page (px)
MAX_FIT_WIDTH = 300
#: how many rows the fitting measures
FIT_ROWS = 60


@dataclass(frozen=True)
class Col:
    """One column: ``title`` is the translated header; ``key`` the row dict's key, the row
    object's attribute or a function of the row; ``sort`` the service's sort key (None: the
    header does not sort); ``fmt`` turns the value into text; ``raw`` the value Excel gets
    (a number, a date: offered as ``Qt.UserRole``); ``right`` aligns numbers right."""

    title: str
    key: str | Callable[[Any], Any]
    sort: str | None = None
    fmt: Callable[[Any], str] | None = None
    right: bool = False
    raw: Callable[[Any], Any] | None = None

    def value(self, record: Any) -> Any:
        if callable(self.key):
            return self.key(record)
        if isinstance(record, dict):
            return record.get(self.key)
        return getattr(record, self.key, None)

    def text(self, value: Any) -> str:
        if self.fmt is not None:
            return self.fmt(value)
        return "" if value is None else str(value)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
#: the roles :meth:`PagedTableModel.data` answers
_ROLES = frozenset((_DISPLAY, _FOREGROUND, _TOOLTIP, _ALIGN, _BACKGROUND,
                    int(Qt.ItemDataRole.UserRole.value)))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

Fetch = Callable[[PageRequest], Page]


class PagedTableModel(QAbstractTableModel):
    """``rows[i]`` holds row i's values in column order, ``records[i]`` the service's dict."""

    #: the first page of a new query arrived (also after a sort or filter change)
    reloaded = Signal()
    #: a fetch failed (the error, for the page to show)
    failed = Signal(object)

    def __init__(self, ops: Any, fetch: Fetch, columns: Sequence[Col], *,
                 sort: str = "", descending: bool = True, page_size: int = PAGE_SIZE,
                 color: Callable[[Any], QColor | None] | None = None,
                 foreground: Callable[[Any, int], str | None] | None = None,
                 tip: Callable[[Any, int], str | None] | None = None,
                 label: str = "table", parent: QObject | None = None):
        super().__init__(parent)
        self.ops, self.fetch, self.label = ops, fetch, label
        self.columns: list[Col] = list(columns)
        self.color = color  # a row's background
        self.foreground = foreground  # (row, column) → a text colour name
        self.tip = tip  # (row, column) → a tooltip, before the elided-text one
        self.page_size = page_size
        self.request = PageRequest(sort=sort, descending=descending, limit=page_size)
        self.records: list[Any] = []
        self.rows: list[tuple[Any, ...]] = []
        self._colors: list[QColor | None] = []
        self.more = False
        self.loading = False
        self._after: tuple[Any, ...] | None = None
        self._generation = 0

    # -- the query --------------------------------------------------------------------------------
    def set_columns(self, columns: Sequence[Col]) -> None:
        """New headers (a language switch): the rows stay, their values are re-read."""
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = [tuple(c.value(rec) for c in self.columns) for rec in self.records]
        self.endResetModel()

    def reread(self) -> None:
        """The rows' values read again from their records, the rows and the selection kept:
        for a column that shows more than its record (the FX ledger's Quota column shows how
        the status counted the record)."""
        if self.records:
            self.rows = [tuple(c.value(rec) for c in self.columns) for rec in self.records]
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))

    def set_query(self, *, search: str | None = None, filters: dict[str, Any] | None = None,
                  reload: bool = True) -> None:
        changes: dict[str, Any] = {}
        if search is not None:
            changes["search"] = search
        if filters is not None:
            changes["filters"] = dict(filters)
        self.request = replace(self.request, after=None, **changes)
        if reload:
            self.reload()

    def reload(self) -> None:
        """Drop the rows and ask for the first page of the current query (latest wins)."""
        self._generation += 1
        self.beginResetModel()
        self.records, self.rows, self._colors = [], [], []
        self.more, self._after = False, None
        self.endResetModel()
        self._request(first=True)

    def _request(self, *, first: bool) -> None:
        generation = self._generation
        req = replace(self.request, after=None if first else self._after, limit=self.page_size)
        self.loading = True

        def done(page: Page) -> None:
            if generation != self._generation:
                return  # a newer query replaced this one
            self.loading = False
            self._append(page)
            if first:
                self.reloaded.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.loading = False
            self.more = False
            self.failed.emit(exc)

        # owner: a page deleted while its read runs (a language switch rebuilds the window)
        # takes the model with it, and the late result is dropped
        self.ops.run_read(self.fetch, req, on_done=done, on_error=failed, label=self.label,
                          owner=self)

    def _append(self, page: Page) -> None:
        if page.rows:
            first = len(self.records)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.records += page.rows
            self.rows += [tuple(c.value(rec) for c in self.columns) for rec in page.rows]
            self._colors += [self.color(rec) if self.color else None for rec in page.rows]
            self.endInsertRows()
        self._after = page.after
        self.more = page.more

    # -- Qt's model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex, role: int = 0) -> Any:
        # (asked of each cell in many roles as the view paints and measures it, most of them
        # none of this model's: those are answered first, and the roles compared as ints)
        if role not in _ROLES:
            return None
        r, c = index.row(), index.column()
        if not index.isValid() or not (0 <= r < len(self.rows) and 0 <= c < len(self.columns)):
            return None
        col, value = self.columns[c], self.rows[r][c]
        if role == _DISPLAY:
            return col.text(value)
        if role == _FOREGROUND:
            if self.foreground is None:
                return None
            name = self.foreground(self.records[r], c)
            return QColor(name) if name else None
        if role == _TOOLTIP:
            if self.tip is not None:
                tip = self.tip(self.records[r], c)
                if tip:
                    return tip
            text = col.text(value)
            return text if len(text) > TOOLTIP_FROM else None
        if role == _ALIGN:
            return _RIGHT if col.right else None
        if role == _BACKGROUND:
            return self._colors[r]
        if col.raw is not None:  # (the user role: the value Excel gets)
            return col.raw(value)
        return None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self.loading

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(first=False)

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort is not None

    def sort_section(self) -> int:
        """The column the rows are sorted by (-1: the service's default order)."""
        keys = [c.sort for c in self.columns]
        return keys.index(self.request.sort) if self.request.sort in keys else -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: the service sorts (by an indexed column) and pages again."""
        if not self.sortable(column):
            return
        key = self.columns[column].sort or ""
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.request.sort, self.request.descending):
            return
        self.request = replace(self.request, sort=key, descending=descending, after=None)
        self.reload()

    # -- reading rows -------------------------------------------------------------------------------
    def record(self, row: int) -> Any:
        """The service's row ``row`` (a dict or a row object), None outside the rows."""
        return self.records[row] if 0 <= row < len(self.records) else None

    row_at = record

    def export_job(self) -> Callable[[], tuple[list[str], Iterator[list[Any]]]]:
        """A function for a worker thread that runs the whole current query (not only the pages
        on screen) and returns (headers, rows), in the order shown: the rows are read
        :data:`EXPORT_PAGE` at a time as they are taken, so a million-row table is never
        held whole (the workbook writer streams them)."""
        columns, fetch = list(self.columns), self.fetch
        req = replace(self.request, after=None, limit=EXPORT_PAGE)

        def rows() -> Iterator[list[Any]]:
            current = req
            while True:
                page = fetch(current)
                for rec in page.rows:
                    row = []
                    for c in columns:
                        v = c.value(rec)
                        raw = c.raw(v) if c.raw is not None else None
                        row.append(raw if raw is not None else c.text(v))
                    yield row
                if not page.more:
                    return
                current = current.next(page.after)

        return lambda: ([c.title for c in columns], rows())


def paged_view(model: PagedTableModel, name: str) -> QTableView:
    """A read-only, row-selecting table view over ``model``; headers sort where the model can
    (the sort indicator stays where it was on a column that does not sort)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    # Interactive widths: ResizeToContents would measure every loaded row on each page
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(120)
    header.setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header.setSortIndicator(model.sort_section(),
                            Qt.SortOrder.DescendingOrder if model.request.descending
                            else Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)

    def keep_indicator(column: int, _order: Qt.SortOrder) -> None:
        if not model.sortable(column):
            header.blockSignals(True)
            header.setSortIndicator(model.sort_section(),
                                    Qt.SortOrder.DescendingOrder if model.request.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(keep_indicator)

    fit_columns_once(view, model)
    return view


def fit_columns_once(view: QTableView, model: PagedTableModel) -> None:
    """Column widths from the first page that arrives (a few hundred rows), once: the user's
    widths after that are theirs, and later pages are never measured. A model nobody owns
    becomes the view's, so it goes (with its pending reads' results) when the view does."""
    if model.parent() is None:
        model.setParent(view)
    fits_itself(view)

    def fit() -> None:
        if view.property("fitted") or not model.rowCount():
            return
        view.setProperty("fitted", True)
        # the texts measured here directly: Qt's resizeColumnsToContents asks every role of
        # every cell through Python, tens of milliseconds per table on the GUI thread
        cells = view.fontMetrics()
        heads = view.horizontalHeader().fontMetrics()
        rows = model.rows[:FIT_ROWS]
        for c, col in enumerate(model.columns):
            width = heads.horizontalAdvance(col.title) + 28  # room for the sort arrow
            for row in rows:
                width = max(width, cells.horizontalAdvance(col.text(row[c])) + 14)
            view.setColumnWidth(c, min(width, MAX_FIT_WIDTH))

    model.reloaded.connect(fit)
