"""Warehouses & Stock: stock by SKU × warehouse as of a date, the ledger, head-haul shipments
with their landed-cost allocation, warehouse-report reconciliations, and alerts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from seller_desk.core import stock as core
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import message
from seller_desk.services.changes import Changes
from seller_desk.services.stock import FeeInput, LineInput
from seller_desk.ui.errors import show_error, show_problems
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

CTX = "StockPage"
ANY_DATE = QDate(2000, 1, 1)  # the ledger's "from" filter at its minimum means no lower bound
KIND_LABELS = {
    "opening": QT_TRANSLATE_NOOP("StockPage", "Opening"),
    "receipt": QT_TRANSLATE_NOOP("StockPage", "Receipt"),
    "sale": QT_TRANSLATE_NOOP("StockPage", "Sale"),
    "return": QT_TRANSLATE_NOOP("StockPage", "Return"),
    "adjustment": QT_TRANSLATE_NOOP("StockPage", "Adjustment"),
    "write_off": QT_TRANSLATE_NOOP("StockPage", "Write-off"),
    "transfer_out": QT_TRANSLATE_NOOP("StockPage", "Transfer out"),
    "transfer_ship": QT_TRANSLATE_NOOP("StockPage", "In transit"),
    "transfer_in": QT_TRANSLATE_NOOP("StockPage", "Transfer in"),
    "transit_loss": QT_TRANSLATE_NOOP("StockPage", "Lost in transit"),
}
STATE_LABELS = {
    "draft": QT_TRANSLATE_NOOP("StockPage", "Draft"),
    "shipped": QT_TRANSLATE_NOOP("StockPage", "Shipped"),
    "received": QT_TRANSLATE_NOOP("StockPage", "Received"),
    "cancelled": QT_TRANSLATE_NOOP("StockPage", "Cancelled"),
    "open": QT_TRANSLATE_NOOP("StockPage", "Open"),
    "confirmed": QT_TRANSLATE_NOOP("StockPage", "Confirmed"),
    "dismissed": QT_TRANSLATE_NOOP("StockPage", "Dismissed"),
    "match": QT_TRANSLATE_NOOP("StockPage", "Matches"),
    "differs": QT_TRANSLATE_NOOP("StockPage", "Differs"),
    "unknown_sku": QT_TRANSLATE_NOOP("StockPage", "Unknown SKU"),
    "not_in_report": QT_TRANSLATE_NOOP("StockPage", "Not in report"),
}
ALERT_LABELS = {
    "out_of_stock": QT_TRANSLATE_NOOP("StockPage", "Out of stock"),
    "low_stock": QT_TRANSLATE_NOOP("StockPage", "Low stock"),
    "low_cover": QT_TRANSLATE_NOOP("StockPage", "Low cover"),
    "aged_stock": QT_TRANSLATE_NOOP("StockPage", "Aged stock"),
}
BASIS_LABELS = {
    "quantity": QT_TRANSLATE_NOOP("StockPage", "Quantity"),
    "weight": QT_TRANSLATE_NOOP("StockPage", "Gross weight"),
    "volume": QT_TRANSLATE_NOOP("StockPage", "Volume"),
    "value": QT_TRANSLATE_NOOP("StockPage", "Declared value"),
}
WH_KIND_LABELS = {
    "domestic": QT_TRANSLATE_NOOP("StockPage", "Domestic warehouse"),
    "bonded": QT_TRANSLATE_NOOP("StockPage", "Bonded warehouse"),
    "fba": QT_TRANSLATE_NOOP("StockPage", "Amazon FBA"),
    "third_party": QT_TRANSLATE_NOOP("StockPage", "Third-party overseas warehouse"),
    "own_overseas": QT_TRANSLATE_NOOP("StockPage", "Own overseas warehouse"),
}
FEE_LABELS = {
    "freight": QT_TRANSLATE_NOOP("StockPage", "Head-haul freight"),
    "duty": QT_TRANSLATE_NOOP("StockPage", "Duty"),
    "insurance": QT_TRANSLATE_NOOP("StockPage", "Insurance"),
}
AGE_BUCKETS = ("0-30", "31-60", "61-90", "91-180", "181-365", "365+")
MODE_LABELS = {
    "9810": QT_TRANSLATE_NOOP("StockPage", "9810 Overseas warehouse"),
    "9710": QT_TRANSLATE_NOOP("StockPage", "9710 B2B direct export"),
    "0110": QT_TRANSLATE_NOOP("StockPage", "0110 General trade"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def _lang() -> str:
    from seller_desk.ui.qt import QLocale

    return QLocale().name()


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
    view.horizontalHeader().setStretchLastSection(True)
    return view, model


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


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
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
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
            return "" if raw is None else str(raw)
        if role == Qt.ItemDataRole.UserRole:
            return raw
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StockPage(BasePage):
    ALERTS_TAB = 4
    watches = ("stock_movement", "stock_shipment", "stock_reconciliation", "stock_snapshot",
               "stock_warehouse", "product")

    def __init__(self, ctx, info: PageInfo):
        super().__init__(ctx, info)
        layout = QVBoxLayout(self)
        self.heading(layout)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("As of")))
        self.as_of = QDateEdit(_qdate(dt.date.today()))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        bar.addWidget(self.as_of)
        bar.addWidget(QLabel(self.tr("Warehouse")))
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("warehouseFilter")
        self.warehouse.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.warehouse.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.warehouse)
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("stockSummary")
        bar.addWidget(self.summary)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stockTabs")
        layout.addWidget(self.tabs, 1)
        self._build_stock_tab()
        self._build_ledger_tab()
        self._build_shipments_tab()
        self._build_reconcile_tab()
        self._build_alerts_tab()
        self._build_ageing_tab()
        self._build_warehouses_tab()
        self._codes: list[str] = []
        self._houses: list = []
        self._recs: list = []
        self._ships: list = []

    # -- building ----------------------------------------------------------------------------------
    def _tab(self, title: str, view: QTableView, *extra: QWidget) -> QVBoxLayout:
        page = QWidget()
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        for w in extra:
            row.addWidget(w)
        row.addStretch(1)
        export = QPushButton(self.tr("Export to Excel…"))
        export.setObjectName(f"export_{view.objectName()}")
        export.clicked.connect(lambda _c=False, v=view: self._export(v))
        row.addWidget(export)
        box.addLayout(row)
        box.addWidget(view, 1)
        self.tabs.addTab(page, title)
        return box

    def _build_stock_tab(self) -> None:
        self.stock_view, self.stock_model = _table("stock", [
            self.tr("SKU"), self.tr("Product"), self.tr("Warehouse"), self.tr("On hand"),
            self.tr("In transit"), self.tr("Unit cost (CNY)"), self.tr("Value (CNY)")])
        self.stock_view.setSortingEnabled(True)
        close = QPushButton(self.tr("Close the period at this date"))
        close.setObjectName("closePeriod")
        close.setToolTip(self.tr("Store closing balances of every warehouse at the end of the "
                                 "chosen date, so later balances are computed fast."))
        close.clicked.connect(lambda: self._write(self.ctx.desk.stock.snapshot, self._date()))
        self._tab(self.tr("Stock"), self.stock_view, close)

    def _build_ledger_tab(self) -> None:
        self.ledger_model = LedgerModel([
            self.tr("Date"), self.tr("SKU"), self.tr("Warehouse"), self.tr("Kind"),
            self.tr("On hand"), self.tr("In transit"), self.tr("Unit cost (CNY)"),
            self.tr("Cause"), self.tr("Reason")])
        self.ledger_view, _ = _table("ledger", [], self.ledger_model)
        self.ledger_sku = QLineEdit()
        self.ledger_sku.setPlaceholderText(self.tr("SKU"))
        self.ledger_sku.setObjectName("ledgerSku")
        self.ledger_sku.returnPressed.connect(self._load_ledger)
        self.ledger_kind = QComboBox()
        self.ledger_kind.addItem(self.tr("All kinds"), None)
        for k, label in KIND_LABELS.items():
            self.ledger_kind.addItem(tr(label), k)
        self.ledger_kind.currentIndexChanged.connect(lambda _i: self._load_ledger())
        self.ledger_from = QDateEdit()
        self.ledger_from.setObjectName("ledgerFrom")
        self.ledger_from.setDisplayFormat("yyyy-MM-dd")
        self.ledger_from.setCalendarPopup(True)
        self.ledger_from.setMinimumDate(ANY_DATE)
        self.ledger_from.setSpecialValueText(self.tr("from any date"))
        self.ledger_from.setDate(ANY_DATE)
        self.ledger_from.dateChanged.connect(lambda _d: self._load_ledger())
        record = QPushButton(self.tr("Record movement…"))
        record.setObjectName("recordMovement")
        record.clicked.connect(self._record_movement)
        self._tab(self.tr("Ledger"), self.ledger_view, self.ledger_sku, self.ledger_kind,
                  self.ledger_from, QLabel(self.tr("to the as-of date")), record)

    def _build_shipments_tab(self) -> None:
        self.ship_view, self.ship_model = _table("shipments", [
            self.tr("Number"), self.tr("From"), self.tr("To"), self.tr("State"),
            self.tr("Trade mode"), self.tr("Booking (订仓单)"), self.tr("Carrier"),
            self.tr("Shipped"), self.tr("Received"), self.tr("Fees (CNY)")])
        self.ship_view.selectionModel().selectionChanged.connect(lambda *_: self._show_alloc())
        self.ship_view.doubleClicked.connect(lambda _i: self._edit_shipment())
        self.alloc_view, self.alloc_model = _table("allocation", [
            self.tr("SKU"), self.tr("Quantity"), self.tr("Goods (CNY)"), self.tr("Fees (CNY)"),
            self.tr("Landed (CNY)"), self.tr("Landed unit cost")])
        self.basis = QComboBox()
        self.basis.setObjectName("allocationBasis")
        for k, label in BASIS_LABELS.items():
            self.basis.addItem(tr(label), k)
        self.basis.currentIndexChanged.connect(lambda _i: self._show_alloc(keep_basis=True))
        new = QPushButton(self.tr("New shipment…"))
        new.setObjectName("newShipment")
        new.clicked.connect(self._new_shipment)
        ship = QPushButton(self.tr("Mark shipped"))
        ship.clicked.connect(lambda: self._advance("ship"))
        receive = QPushButton(self.tr("Receive…"))
        receive.clicked.connect(lambda: self._advance("receive"))
        cancel = QPushButton(self.tr("Cancel draft"))
        cancel.clicked.connect(lambda: self._advance("cancel"))
        box = self._tab(self.tr("Shipments"), self.ship_view, new, ship, receive, cancel)
        box.removeWidget(self.ship_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ship_view)
        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Allocate fees by")))
        row.addWidget(self.basis)
        self.alloc_note = QLabel()
        self.alloc_note.setWordWrap(True)
        row.addWidget(self.alloc_note, 1)
        lower_box.addLayout(row)
        lower_box.addWidget(self.alloc_view)
        split.addWidget(lower)
        box.addWidget(split, 1)

    def _build_reconcile_tab(self) -> None:
        self.rec_view, self.rec_model = _table("reconciliation", [
            self.tr("Adjust"), self.tr("SKU"), self.tr("Status"), self.tr("Ledger on hand"),
            self.tr("Report on hand"), self.tr("Difference"), self.tr("Ledger in transit"),
            self.tr("Report in transit")])
        self.rec_pick = QComboBox()
        self.rec_pick.setObjectName("reconciliationPick")
        self.rec_pick.setMinimumContentsLength(28)
        self.rec_pick.currentIndexChanged.connect(lambda _i: self._show_rec())
        imp = QPushButton(self.tr("Import warehouse report…"))
        imp.clicked.connect(self._import_report)
        self.confirm_btn = QPushButton(self.tr("Adjust the ledger to the report"))
        self.confirm_btn.setObjectName("confirmReconciliation")
        self.confirm_btn.clicked.connect(self._confirm)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(self._dismiss)
        box = self._tab(self.tr("Reconciliation"), self.rec_view, self.rec_pick, imp,
                        self.confirm_btn, dismiss)
        self.rec_note = QLabel()
        self.rec_note.setWordWrap(True)
        box.insertWidget(1, self.rec_note)

    def _build_alerts_tab(self) -> None:
        self.alert_view, self.alert_model = _table("alerts", [
            self.tr("Alert"), self.tr("SKU"), self.tr("Warehouse"), self.tr("On hand"),
            self.tr("In transit"), self.tr("Days of cover"), self.tr("Message")])
        self.alert_days = QSpinBox()
        self.alert_days.setRange(7, 365)
        self.alert_days.setValue(30)
        self.alert_days.setPrefix(self.tr("Sales of the last "))
        self.alert_days.setSuffix(self.tr(" days"))
        self.alert_days.valueChanged.connect(lambda _v: self.refresh())
        self._tab(self.tr("Alerts"), self.alert_view, self.alert_days)

    def _build_ageing_tab(self) -> None:
        self.age_view, self.age_model = _table("ageing", [
            self.tr("SKU"), self.tr("Warehouse"), self.tr("On hand"),
            *[self.tr("%1 days").replace("%1", b) for b in AGE_BUCKETS],
            self.tr("Unknown age"), self.tr("Oldest (days)")])
        note = QLabel(self.tr("Units on hand by days in the warehouse, first in first out from "
                              "receipts and transfers in."))
        self._tab(self.tr("Ageing"), self.age_view, note)

    def _build_warehouses_tab(self) -> None:
        self.wh_view, self.wh_model = _table("warehouses", [
            self.tr("Code"), self.tr("Name"), self.tr("Kind"), self.tr("Country"),
            self.tr("Provider"), self.tr("Currency"), self.tr("Negative stock allowed"),
            self.tr("Reorder point"), self.tr("Minimum days of cover"), self.tr("Address")])
        add = QPushButton(self.tr("Add warehouse…"))
        add.setObjectName("addWarehouse")
        add.clicked.connect(self._add_warehouse)
        self.wh_view.doubleClicked.connect(self._edit_warehouse)
        self.wh_view.setToolTip(self.tr("Double-click a warehouse to change its settings."))
        self._tab(self.tr("Warehouses"), self.wh_view, add)

    # -- loading -----------------------------------------------------------------------------------
    def _date(self) -> dt.date:
        return _pydate(self.as_of.date())

    def _wh(self) -> str | None:
        return self.warehouse.currentData()

    def refresh(self) -> None:
        st = self.ctx.desk.stock
        as_of, wh, days = self._date(), self._wh(), self.alert_days.value()

        def load() -> tuple:
            return (st.warehouses(), st.as_of(as_of, warehouse=wh), st.shipments(),
                    st.reconciliations(), st.alerts(as_of, days=days),
                    st.ageing_report(as_of, warehouse=wh))

        self.ctx.ops.run_read(load, on_done=self._show, label="stock")
        self._load_ledger()

    def _show(self, result: tuple) -> None:
        houses, rows, ships, recs, alerts, ageing = result
        self._houses = houses
        codes = [w.code for w in houses]
        if codes != self._codes:
            current = self._wh()
            self.warehouse.blockSignals(True)
            self.warehouse.clear()
            self.warehouse.addItem(self.tr("All warehouses"), None)
            for w in houses:
                self.warehouse.addItem(f"{w.code} · {w.name}", w.code)
            idx = self.warehouse.findData(current)
            self.warehouse.setCurrentIndex(max(idx, 0))
            self.warehouse.blockSignals(False)
            self._codes = codes
        m = self.wh_model
        m.removeRows(0, m.rowCount())
        for w in houses:
            m.appendRow([_item(w.code), _item(w.name), _item(tr(WH_KIND_LABELS[w.kind]), w.kind),
                         _item(w.country), _item(w.provider), _item(w.currency),
                         _item(self.tr("Yes") if w.allow_negative else self.tr("No"),
                               w.allow_negative),
                         _item(w.low_stock), _item(w.min_cover_days), _item(w.address)])
        m = self.stock_model
        m.removeRows(0, m.rowCount())
        total = Decimal("0.00")
        for r in rows:
            m.appendRow([_item(r.sku), _item(r.name), _item(r.warehouse), _item(r.on_hand),
                         _item(r.in_transit), _item(r.unit_cost.amount), _item(r.value.amount)])
            total += r.value.amount
        self.summary.setText(self.tr("%1 lines · stock value CNY %2").replace(
            "%1", str(len(rows))).replace("%2", f"{total:,.2f}"))
        wh = self._wh()
        self._ships = [s for s in ships if wh is None or wh in (s.source, s.destination)]
        m = self.ship_model
        m.removeRows(0, m.rowCount())
        for s in self._ships:
            m.appendRow([_item(s.number), _item(s.source), _item(s.destination),
                         _item(tr(STATE_LABELS[s.state]), s.state), _item(s.trade_mode),
                         _item(s.booking_no), _item(s.carrier), _item(s.shipped_on),
                         _item(s.received_on), _item(s.fees_cny.amount)])
        self._recs = [r for r in recs if wh is None or r.warehouse == wh]
        current = self.rec_pick.currentData()
        self.rec_pick.blockSignals(True)
        self.rec_pick.clear()
        for r in self._recs:
            self.rec_pick.addItem(f"#{r.id} {r.warehouse} {r.report_date} · "
                                  f"{tr(STATE_LABELS[r.state])}", r.id)
        idx = self.rec_pick.findData(current)
        self.rec_pick.setCurrentIndex(max(idx, 0))
        self.rec_pick.blockSignals(False)
        self._show_rec()
        m = self.alert_model
        m.removeRows(0, m.rowCount())
        for a in alerts:
            if wh is not None and a.warehouse != wh:
                continue
            m.appendRow([_item(tr(ALERT_LABELS[a.kind]), a.kind), _item(a.sku),
                         _item(a.warehouse), _item(a.on_hand), _item(a.in_transit),
                         _item(a.cover_days if a.cover_days is not None else "∞",
                               a.cover_days, right=True),
                         _item(message(a.problem(), _lang()))])
        m = self.age_model
        m.removeRows(0, m.rowCount())
        for sku, code, on_hand, a in ageing:
            buckets = dict(a.buckets)
            oldest = max((la.age_days for la in a.layers if la.age_days is not None), default=None)
            m.appendRow([_item(sku), _item(code), _item(on_hand),
                         *[_item(buckets.get(b, 0)) for b in AGE_BUCKETS],
                         _item(buckets.get("unknown", 0)), _item(oldest, right=True)])
        for view in (self.stock_view, self.ship_view, self.alert_view, self.age_view,
                     self.wh_view, self.rec_view):
            view.resizeColumnsToContents()
        alerts_n = str(self.alert_model.rowCount())
        self.tabs.setTabText(self.ALERTS_TAB, self.tr("Alerts (%1)").replace("%1", alerts_n))

    def _load_ledger(self) -> None:
        """The first page in the background; the view fetches later pages as it scrolls."""
        st = self.ctx.desk.stock
        since = self.ledger_from.date()
        filters = {"sku": self.ledger_sku.text().strip() or None, "warehouse": self._wh(),
                   "kind": self.ledger_kind.currentData(), "date_to": self._date(),
                   "date_from": None if since == ANY_DATE else _pydate(since)}

        def fetch(before_id: int | None = None) -> list:
            return st.ledger(**filters, before_id=before_id, limit=LedgerModel.PAGE)

        self.ctx.ops.run_read(fetch, on_done=lambda rows: self.ledger_model.reset(rows, fetch),
                              label="stock-ledger")

    def _selected_shipment(self):  # type: ignore[no-untyped-def]
        rows = self.ship_view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._ships):
            return None
        return self._ships[rows[0].row()]

    def _show_alloc(self, keep_basis: bool = False) -> None:
        sh = self._selected_shipment()
        m = self.alloc_model
        m.removeRows(0, m.rowCount())
        if sh is None:
            self.alloc_note.setText(self.tr("Select a shipment to see its landed cost."))
            return
        if not keep_basis:
            self.basis.blockSignals(True)
            self.basis.setCurrentIndex(self.basis.findData(sh.basis))
            self.basis.blockSignals(False)
        rows, problems = self.ctx.desk.stock.allocation_preview(sh.number,
                                                                self.basis.currentData())
        for r in rows:
            fees = sum((f.amount for f in r.fees), Decimal("0.00"))
            m.appendRow([_item(r.sku), _item(r.quantity), _item(r.goods_cost.amount),
                         _item(fees), _item(r.landed_cost.amount), _item(r.unit_cost)])
        self.alloc_view.resizeColumnsToContents()
        problems = [*problems, *sh.warnings]
        self.alloc_note.setText("; ".join(message(p, _lang()) for p in problems) or self.tr(
            "Fees of %1 (CNY %2) spread by %3; remainders to the cent go to the largest shares.")
            .replace("%1", sh.number).replace("%2", f"{sh.fees_cny.amount:,.2f}")
            .replace("%3", self.basis.currentText()))

    def _show_rec(self) -> None:
        m = self.rec_model
        m.removeRows(0, m.rowCount())
        rid = self.rec_pick.currentData()
        rec = next((r for r in self._recs if r.id == rid), None)
        if rec is None:
            self.rec_note.setText(self.tr(
                "Import a warehouse's stock report to compare it with the ledger. "
                "Nothing changes until you confirm."))
            self.confirm_btn.setEnabled(False)
            return
        is_open = rec.state == "open"
        self.confirm_btn.setEnabled(is_open)
        unknown = [ln.sku for ln in rec.lines if ln.status == "unknown_sku"]
        note = self.tr("%1 of %2 SKUs differ from the ledger as of %3.").replace(
            "%1", str(rec.differences)).replace("%2", str(len(rec.lines))).replace(
            "%3", str(rec.report_date))
        if unknown:
            note += " " + self.tr("Not in your products (add them first): %1").replace(
                "%1", ", ".join(unknown))
        self.rec_note.setText(note)
        for ln in rec.lines:
            can = is_open and ln.status in ("differs", "not_in_report")
            first = _item("", ln.sku, check=can if can else None)
            first.setEnabled(can)
            m.appendRow([first, _item(ln.sku), _item(tr(STATE_LABELS[ln.status]), ln.status),
                         _item(ln.ledger_on_hand), _item(ln.report_on_hand),
                         _item(ln.difference), _item(ln.ledger_in_transit),
                         _item(ln.report_in_transit)])

    # -- actions -----------------------------------------------------------------------------------
    def _write(self, fn, *args: Any, **kw: Any) -> None:  # type: ignore[no-untyped-def]
        self.ctx.ops.run_write(fn, *args, on_done=lambda _c: None,
                               on_error=lambda e: show_error(self, e), **kw)

    def _advance(self, action: str) -> None:
        sh = self._selected_shipment()
        if sh is None:
            return
        st = self.ctx.desk.stock
        if action == "cancel":
            self._write(st.cancel, sh.number)
        elif action == "ship":
            dlg = DateDialog(self, self.tr("Shipped on"), self.tr("Ship %1").replace(
                "%1", sh.number))
            if dlg.exec() == QDialog.DialogCode.Accepted:
                self._write(st.ship, sh.number, dlg.value())
        else:
            rdlg = ReceiveDialog(self, sh)
            if rdlg.exec() == QDialog.DialogCode.Accepted:
                received, reasons = rdlg.values()
                self._write(st.receive, sh.number, rdlg.date(), received, reasons)

    def _record_movement(self) -> None:
        dlg = MovementDialog(self, self.ctx.desk.stock, self._wh())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            try:
                args, kwargs = dlg.values()
            except MoneyError as exc:
                show_problems(self, [exc.problem])
                return
            self._write(self.ctx.desk.stock.move, *args, **kwargs)

    def _edit_warehouse(self, index) -> None:  # type: ignore[no-untyped-def]
        code = self.wh_model.item(index.row(), 0).text()
        info = next((w for w in self._houses if w.code == code), None)
        if info is None:
            return
        dlg = WarehouseDialog(self, info)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            args, kwargs = dlg.values()
            self._write(self.ctx.desk.stock.update_warehouse, code, name=args[1],
                        country=args[3], **kwargs)

    def _add_warehouse(self) -> None:
        dlg = WarehouseDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            args, kwargs = dlg.values()
            self._write(self.ctx.desk.stock.add_warehouse, *args, **kwargs)

    def _new_shipment(self) -> None:
        dlg = ShipmentDialog(self, self.ctx.desk.stock)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._write(lambda: self.ctx.desk.stock.create_shipment(*dlg.args, **dlg.kwargs))

    def _edit_shipment(self) -> None:
        sh = self._selected_shipment()
        if sh is None:
            return
        if sh.state != "draft":
            show_problems(self, [Problem(key="stock.shipment_not_draft",
                                         params={"number": sh.number,
                                                 "state": tr(STATE_LABELS[sh.state])})])
            return
        st = self.ctx.desk.stock
        dlg = ShipmentDialog(self, st, st.shipment_detail(sh.number))
        if dlg.exec() == QDialog.DialogCode.Accepted:
            number, source, dest, lines = dlg.args
            self._write(lambda: st.update_shipment(number, source, dest, lines, **dlg.kwargs))

    def _confirm(self) -> None:
        rid = self.rec_pick.currentData()
        if rid is None:
            return
        accept = []
        m = self.rec_model
        for r in range(m.rowCount()):
            it = m.item(r, 0)
            if it.isCheckable() and it.checkState() == Qt.CheckState.Checked:
                accept.append(it.data(Qt.ItemDataRole.UserRole))
        self._write(self.ctx.desk.stock.confirm, rid, accept)

    def _dismiss(self) -> None:
        rid = self.rec_pick.currentData()
        if rid is not None:
            self._write(self.ctx.desk.stock.dismiss, rid)

    def _import_report(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Warehouse stock report"), "",
            self.tr("Reports (*.txt *.tsv *.csv *.xlsx)"))
        if path:
            self.import_report(Path(path))

    def import_report(self, path: Path, mapping: dict[str, str] | None = None) -> None:
        """Import a warehouse report into an open reconciliation; a 3PL list whose columns
        SellerDesk does not know asks the user which column is which."""
        options: dict[str, Any] = {"as_of": self._date(), "warehouse": self._wh()}
        if mapping:
            options["mapping"] = mapping

        def done(report) -> None:  # type: ignore[no-untyped-def]
            if report.problems:
                show_problems(self, report.problems)

        def failed(exc: BaseException) -> None:
            keys = [p.key for p in getattr(exc, "problems", [])]
            if mapping is None and keys in (["io.unknown_format"],
                                            ["stock.mapping_incomplete"]):
                dlg = MappingDialog(self, columns_of(path))
                if dlg.exec() == QDialog.DialogCode.Accepted and dlg.mapping().get("sku"):
                    self.import_report(path, dlg.mapping())
                return
            show_error(self, exc)

        self.ctx.ops.run_write(self.ctx.desk.imports.import_file, path, options=options,
                               reader="warehouse_stock" if mapping else None,
                               on_done=done, on_error=failed)

    def _export(self, view: QTableView) -> None:
        from seller_desk.ui.table_export import export_views

        name = f"{view.objectName()}-{self._date():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), name,
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            export_views(Path(path), [(view.objectName(), view)])

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()


class ShipmentDialog(QDialog):
    """The head-haul shipment editor: route, customs trade mode and 订仓单, lines, fees, and a
    live preview of the landed-cost allocation (``seller_desk.core.stock.landed_costs``)."""

    def __init__(self, parent: QWidget | None, stock, detail=None):  # type: ignore[no-untyped-def]
        """``detail`` (from ``stock.shipment_detail``) opens an existing draft for editing."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New head-haul shipment") if detail is None else
                            self.tr("Shipment %1").replace("%1", detail[0].number))
        self.stock = stock
        self.editing = detail is not None
        self.products = {sku: (name, cost) for sku, name, cost in stock.products()}
        houses = stock.warehouses()
        form = QFormLayout()
        self.number = QLineEdit(f"HS{dt.date.today():%Y%m%d}-01")
        self.source, self.dest = QComboBox(), QComboBox()
        for w in houses:
            self.source.addItem(f"{w.code} · {w.name}", w.code)
            self.dest.addItem(f"{w.code} · {w.name}", w.code)
        if self.dest.count() > 1:
            self.dest.setCurrentIndex(1)
        self.mode = QComboBox()
        for k, label in MODE_LABELS.items():
            self.mode.addItem(tr(label), k)
        self.booking = QLineEdit()
        self.booking.setPlaceholderText(self.tr("required for 9810"))
        self.order_no = QLineEdit()
        self.order_no.setPlaceholderText(self.tr("required for 9710"))
        self.carrier, self.tracking = QLineEdit(), QLineEdit()
        self.basis = QComboBox()
        for k, label in BASIS_LABELS.items():
            self.basis.addItem(tr(label), k)
        self.basis.setCurrentIndex(1)
        for label, w in ((self.tr("Number"), self.number), (self.tr("From"), self.source),
                         (self.tr("To"), self.dest), (self.tr("Trade mode"), self.mode),
                         (self.tr("Booking (订仓单)"), self.booking),
                         (self.tr("Order number"), self.order_no),
                         (self.tr("Carrier"), self.carrier), (self.tr("Tracking"), self.tracking),
                         (self.tr("Allocate fees by"), self.basis)):
            form.addRow(label, w)
        rows = max(4, len(detail[1]) + 1) if detail else 4
        self.lines = QTableWidget(rows, 6)
        self.lines.setObjectName("shipmentLines")
        self.lines.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Quantity"), self.tr("Gross kg"), self.tr("Volume m³"),
            self.tr("Declared value (CNY)"), self.tr("Box")])
        self.fees = QTableWidget(max(3, len(detail[2])) if detail else 3, 4)
        self.fees.setObjectName("shipmentFees")
        self.fees.setHorizontalHeaderLabels([
            self.tr("Fee"), self.tr("Amount"), self.tr("Currency"), self.tr("Rate to CNY")])
        for r, kind in enumerate(("freight", "duty", "insurance")):
            item = QTableWidgetItem(tr(FEE_LABELS[kind]))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.fees.setItem(r, 0, item)
            self.fees.setItem(r, 2, QTableWidgetItem("CNY"))
            self.fees.setItem(r, 3, QTableWidgetItem("1"))
        if detail is not None:
            self._fill(detail)
        self.preview, self.preview_model = _table("allocationPreview", [
            self.tr("SKU"), self.tr("Quantity"), self.tr("Goods (CNY)"), self.tr("Fees (CNY)"),
            self.tr("Landed unit cost")])
        self.note = QLabel()
        self.note.setWordWrap(True)
        for t in (self.lines, self.fees):
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            t.itemChanged.connect(lambda _i: self.update_preview())
        self.basis.currentIndexChanged.connect(lambda _i: self.update_preview())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(QLabel(self.tr("Lines")))
        box.addWidget(self.lines)
        box.addWidget(QLabel(self.tr("Fees")))
        box.addWidget(self.fees)
        box.addWidget(QLabel(self.tr("Allocation preview")))
        box.addWidget(self.preview)
        box.addWidget(self.note)
        box.addWidget(buttons)
        self.resize(760, 720)
        self.args: tuple = ()
        self.kwargs: dict[str, Any] = {}

    def _cell(self, table: QTableWidget, r: int, c: int) -> str:
        it = table.item(r, c)
        return it.text().strip() if it else ""

    def _dec(self, text: str) -> Decimal:
        try:
            return Decimal(text.replace(",", "")) if text else Decimal(0)
        except InvalidOperation:
            raise MoneyError("money.not_a_number", value=text) from None

    def read(self) -> tuple[list[LineInput], list[FeeInput]]:
        lines, fees = [], []
        for r in range(self.lines.rowCount()):
            sku = self._cell(self.lines, r, 0)
            if not sku:
                continue
            lines.append(LineInput(
                sku, int(self._dec(self._cell(self.lines, r, 1))),
                gross_weight_kg=self._dec(self._cell(self.lines, r, 2)),
                volume_m3=self._dec(self._cell(self.lines, r, 3)),
                declared_value=Money.of(self._dec(self._cell(self.lines, r, 4)), "CNY"),
                box_no=self._cell(self.lines, r, 5) or None))
        for r in range(self.fees.rowCount()):
            amount = self._cell(self.fees, r, 1)
            if not amount:
                continue
            kind_item = self.fees.item(r, 0)
            kind = kind_item.data(Qt.ItemDataRole.UserRole) if kind_item else None
            if kind is None or (kind_item and kind_item.text() != tr(FEE_LABELS.get(kind, ""))):
                kind = self._cell(self.fees, r, 0) or "other"  # typed by the user
            fees.append(FeeInput(kind,
                                 Money.of(amount, self._cell(self.fees, r, 2) or "CNY"),
                                 self._dec(self._cell(self.fees, r, 3) or "1")))
        return lines, fees

    def update_preview(self) -> None:
        m = self.preview_model
        m.removeRows(0, m.rowCount())
        try:
            lines, fees = self.read()
        except (MoneyError, ValueError) as exc:
            self.note.setText(message(exc.problem, _lang()) if isinstance(exc, MoneyError)
                              else str(exc))
            return
        if not lines:
            self.note.setText("")
            return
        alloc = [core.AllocationLine(ln.sku, ln.quantity, ln.gross_weight_kg, ln.volume_m3,
                                     (ln.declared_value or Money.zero("CNY")).amount)
                 for ln in lines]
        costs = [self.products.get(ln.sku, ("", Decimal(0)))[1] for ln in lines]
        landed, problems = core.landed_costs(alloc, costs, [core.Fee(f.kind, f.amount,
                                             f.rate_to_cny) for f in fees],
                                             self.basis.currentData())
        for x in landed:
            m.appendRow([_item(x.sku), _item(x.quantity), _item(x.goods_cost.amount),
                         _item(sum((f.amount for f in x.fees), Decimal("0.00"))),
                         _item(x.unit_cost)])
        unknown = [ln.sku for ln in lines if ln.sku not in self.products]
        texts = [message(p, _lang()) for p in problems]
        texts += [message("stock.unknown_product", _lang(), sku=s) for s in unknown]
        self.note.setText("; ".join(texts))

    def _fill(self, detail) -> None:  # type: ignore[no-untyped-def]
        info, lines, fees = detail
        self.number.setText(info.number)
        self.number.setReadOnly(True)
        for combo, code in ((self.source, info.source), (self.dest, info.destination)):
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self.mode.setCurrentIndex(max(self.mode.findData(info.trade_mode), 0))
        self.booking.setText(info.booking_no or "")
        self.order_no.setText(info.order_no or "")
        self.carrier.setText(info.carrier or "")
        self.tracking.setText(info.tracking or "")
        self.basis.setCurrentIndex(max(self.basis.findData(info.basis), 0))
        for r, ln in enumerate(lines):
            value = ln.declared_value.amount if ln.declared_value else Decimal(0)
            for c, v in enumerate((ln.sku, ln.quantity, ln.gross_weight_kg.normalize(),
                                   ln.volume_m3.normalize(), value.normalize(), ln.box_no or "")):
                self.lines.setItem(r, c, QTableWidgetItem(f"{v:f}" if isinstance(v, Decimal)
                                                          else str(v)))
        for r in range(self.fees.rowCount()):
            for c in range(4):
                self.fees.setItem(r, c, QTableWidgetItem(""))
        for r, f in enumerate(fees):
            item = QTableWidgetItem(tr(FEE_LABELS[f.kind]) if f.kind in FEE_LABELS else f.kind)
            item.setData(Qt.ItemDataRole.UserRole, f.kind)
            self.fees.setItem(r, 0, item)
            self.fees.setItem(r, 1, QTableWidgetItem(f"{f.amount.amount:f}"))
            self.fees.setItem(r, 2, QTableWidgetItem(f.amount.currency))
            self.fees.setItem(r, 3, QTableWidgetItem(f"{f.rate_to_cny:f}"))

    def _accept(self) -> None:
        try:
            lines, fees = self.read()
        except (MoneyError, ValueError) as exc:
            show_error(self, exc)
            return
        self.args = (self.number.text().strip(), self.source.currentData(),
                     self.dest.currentData(), lines)
        self.kwargs = {"trade_mode": self.mode.currentData(),
                       "booking_no": self.booking.text().strip() or None,
                       "order_no": self.order_no.text().strip() or None,
                       "carrier": self.carrier.text().strip() or None,
                       "tracking": self.tracking.text().strip() or None,
                       "basis": self.basis.currentData(), "fees": fees}
        self.accept()


def columns_of(path: Path) -> list[str]:
    """The cells of the first non-empty row of a table file (its header, usually)."""
    from seller_desk.io.readers.warehouse_stock import first_row_cells

    return first_row_cells(path)


class MappingDialog(QDialog):
    """Which column of a warehouse's stock list holds which figure."""

    FIELDS = {
        "sku": QT_TRANSLATE_NOOP("MappingDialog", "SKU (required)"),
        "warehouse": QT_TRANSLATE_NOOP("MappingDialog", "Warehouse code"),
        "on_hand": QT_TRANSLATE_NOOP("MappingDialog", "Units in the warehouse"),
        "available": QT_TRANSLATE_NOOP("MappingDialog", "Available (sellable)"),
        "reserved": QT_TRANSLATE_NOOP("MappingDialog", "Reserved (待出库)"),
        "unsellable": QT_TRANSLATE_NOOP("MappingDialog", "Unsellable"),
        "in_transit": QT_TRANSLATE_NOOP("MappingDialog", "In transit (在途)"),
        "pending": QT_TRANSLATE_NOOP("MappingDialog", "Awaiting put-away (待上架)"),
    }

    def __init__(self, parent: QWidget | None, columns: list[str]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which column is which?"))
        form = QFormLayout(self)
        note = QLabel(self.tr("SellerDesk does not know this file's columns. Choose the SKU "
                              "column and either the units in the warehouse or its parts."))
        note.setWordWrap(True)
        form.addRow(note)
        self.combos: dict[str, QComboBox] = {}
        for name, label in self.FIELDS.items():
            combo = QComboBox()
            combo.addItem(self.tr("(none)"), None)
            for c in columns:
                combo.addItem(c, c)
            self.combos[name] = combo
            form.addRow(self.tr(label), combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def mapping(self) -> dict[str, str]:
        return {k: c.currentData() for k, c in self.combos.items() if c.currentData()}


class DateDialog(QDialog):
    """Asks for one date (the day a shipment left, …)."""

    def __init__(self, parent: QWidget | None, label: str, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.edit = QDateEdit(_qdate(dt.date.today()))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(label, self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> dt.date:
        return _pydate(self.edit.date())


class ReceiveDialog(QDialog):
    """Receiving a shipment: how many of each line arrived, and why when it differs."""

    def __init__(self, parent: QWidget | None, shipment):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receive %1").replace("%1", shipment.number))
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.when = QDateEdit(_qdate(dt.date.today()))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Received on"), self.when)
        box.addLayout(form)
        self.table = QTableWidget(len(shipment.lines), 4)
        self.table.setObjectName("receiveLines")
        self.table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Shipped"),
                                              self.tr("Arrived"), self.tr("Reason")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, (sku, shipped, _received) in enumerate(shipment.lines):
            for c, v in enumerate((sku, str(shipped))):
                it = QTableWidgetItem(v)
                it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, it)
            self.table.setItem(r, 2, QTableWidgetItem(str(shipped)))
            self.table.setItem(r, 3, QTableWidgetItem(""))
        box.addWidget(self.table)
        note = QLabel(self.tr("Fewer than shipped become lost-in-transit lines; more than "
                              "shipped need a reason."))
        note.setWordWrap(True)
        box.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(560, 320)

    def date(self) -> dt.date:
        return _pydate(self.when.date())

    def values(self) -> tuple[dict[str, int], dict[str, str]]:
        received, reasons = {}, {}
        for r in range(self.table.rowCount()):
            sku = self.table.item(r, 0).text()
            text = (self.table.item(r, 2).text() if self.table.item(r, 2) else "").strip()
            received[sku] = int(text) if text.lstrip("-").isdigit() else 0
            reason = (self.table.item(r, 3).text() if self.table.item(r, 3) else "").strip()
            if reason:
                reasons[sku] = reason
        return received, reasons


class MovementDialog(QDialog):
    """Record one movement: a purchase receipt, a sale, a return, an adjustment with its
    reason, a write-off, or an opening balance."""

    KINDS = ("receipt", "sale", "return", "adjustment", "write_off", "opening")

    def __init__(self, parent: QWidget | None, stock, warehouse: str | None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record movement"))
        form = QFormLayout(self)
        self.sku = QComboBox()
        self.sku.setEditable(True)
        for sku, name, _cost in stock.products():
            self.sku.addItem(f"{sku} · {name}" if name else sku, sku)
        self.warehouse = QComboBox()
        for w in stock.warehouses():
            self.warehouse.addItem(f"{w.code} · {w.name}", w.code)
        if warehouse:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(warehouse), 0))
        self.when = QDateEdit(_qdate(dt.date.today()))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        for k in self.KINDS:
            self.kind.addItem(tr(KIND_LABELS[k]), k)
        self.quantity = QSpinBox()
        self.quantity.setRange(-1_000_000, 1_000_000)
        self.quantity.setValue(1)
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(self.tr("CNY per unit (receipts and openings)"))
        self.reason = QLineEdit()
        for label, w in ((self.tr("SKU"), self.sku), (self.tr("Warehouse"), self.warehouse),
                         (self.tr("Date"), self.when), (self.tr("Kind"), self.kind),
                         (self.tr("Quantity"), self.quantity),
                         (self.tr("Unit cost (CNY)"), self.cost), (self.tr("Reason"), self.reason)):
            form.addRow(label, w)
        hint = QLabel(self.tr("Sales and write-offs take units out: enter them as positive "
                              "numbers. An adjustment is signed (−3 means three fewer)."))
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[tuple, dict[str, Any]]:
        kind = self.kind.currentData()
        qty = self.quantity.value()
        if kind in ("sale", "write_off"):
            qty = -abs(qty)
        elif kind != "adjustment":
            qty = abs(qty)
        idx = self.sku.findText(self.sku.currentText())
        sku = self.sku.itemData(idx) if idx >= 0 else self.sku.currentText().strip()
        cost_text = self.cost.text().strip()
        cost = parse_decimal(cost_text) if cost_text else None  # MoneyError names the problem
        return ((sku, self.warehouse.currentData(), _pydate(self.when.date()), kind, qty),
                {"unit_cost": cost, "reason": self.reason.text().strip() or None})


class WarehouseDialog(QDialog):
    """A new warehouse: kind, country, provider, billing currency, address and thresholds."""

    def __init__(self, parent: QWidget | None, current=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add warehouse") if current is None
                            else self.tr("Warehouse %1").replace("%1", current.code))
        form = QFormLayout(self)
        self.code, self.name = QLineEdit(), QLineEdit()
        self.code.setPlaceholderText("FBA-US, DE-GC…")
        self.kind = QComboBox()
        for k, label in WH_KIND_LABELS.items():
            self.kind.addItem(tr(label), k)
        self.country = QLineEdit("CN")
        self.country.setMaxLength(2)
        self.provider, self.currency, self.address = QLineEdit(), QLineEdit("CNY"), QLineEdit()
        self.currency.setMaxLength(3)
        self.negative = QComboBox()
        self.negative.addItem(self.tr("No"), False)
        self.negative.addItem(self.tr("Yes"), True)
        self.low = QSpinBox()
        self.low.setRange(0, 1_000_000)
        self.cover = QSpinBox()
        self.cover.setRange(0, 365)
        self.cover.setValue(30)
        if current is not None:
            self.code.setText(current.code)
            self.code.setReadOnly(True)
            self.name.setText(current.name)
            self.kind.setCurrentIndex(self.kind.findData(current.kind))
            self.kind.setEnabled(False)
            self.country.setText(current.country)
            self.provider.setText(current.provider or "")
            self.currency.setText(current.currency)
            self.address.setText(current.address or "")
            self.negative.setCurrentIndex(self.negative.findData(current.allow_negative))
            self.low.setValue(current.low_stock)
            self.cover.setValue(current.min_cover_days)
        for label, w in ((self.tr("Code"), self.code), (self.tr("Name"), self.name),
                         (self.tr("Kind"), self.kind), (self.tr("Country"), self.country),
                         (self.tr("Provider"), self.provider), (self.tr("Currency"), self.currency),
                         (self.tr("Address"), self.address),
                         (self.tr("Negative stock allowed"), self.negative),
                         (self.tr("Reorder point"), self.low),
                         (self.tr("Minimum days of cover"), self.cover)):
            form.addRow(label, w)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[tuple, dict[str, Any]]:
        return ((self.code.text().strip(), self.name.text().strip(), self.kind.currentData(),
                 self.country.text().strip().upper()),
                {"provider": self.provider.text().strip() or None,
                 "currency": self.currency.text().strip().upper() or "CNY",
                 "address": self.address.text().strip() or None,
                 "allow_negative": bool(self.negative.currentData()),
                 "low_stock": self.low.value(), "min_cover_days": self.cover.value()})


Page = StockPage
__all__ = ["DateDialog", "MappingDialog", "MovementDialog", "Page", "ReceiveDialog", "ShipmentDialog",
           "StockPage", "WarehouseDialog"]
