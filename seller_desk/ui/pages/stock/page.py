"""Warehouses & Stock: stock by SKU × warehouse as of a date, the ledger, head-haul shipments
with their landed-cost allocation, warehouse-report reconciliations, and alerts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from seller_desk.core.changes import Changes
from seller_desk.core.money import MoneyError
from seller_desk.core.problems import Problem
from seller_desk.messages import message
from seller_desk.ui.errors import show_error, show_problems
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.pages.stock.dialogs import (
    DateDialog,
    MappingDialog,
    MovementDialog,
    ReceiveDialog,
    ShipmentDialog,
    WarehouseDialog,
    columns_of,
)
from seller_desk.ui.pages.stock.labels import (
    AGE_BUCKETS,
    ALERT_LABELS,
    ANY_DATE,
    BASIS_LABELS,
    KIND_LABELS,
    STATE_LABELS,
    WH_KIND_LABELS,
    _lang,
    tr,
)
from seller_desk.ui.pages.stock.models import PAGE, ledger_columns
from seller_desk.ui.pages.stock.widgets import _item, _table
from seller_desk.ui.qt import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.dates import pydate, qdate
from seller_desk.ui.widgets.paged_table import PagedTableModel, fit_columns_once
from seller_desk.ui.widgets.rows_model import RowsModel


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
        self.as_of = QDateEdit(qdate(dt.date.today()))
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
        # thousands of positions: rows read as painted, no item made per cell (6,000 positions
        # with their alerts and ageing made 150k items: a second on the GUI thread)
        self.stock_model = RowsModel([
            (self.tr("SKU"), lambda r: r.sku, False), (self.tr("Product"), lambda r: r.name, False),
            (self.tr("Warehouse"), lambda r: r.warehouse, False),
            (self.tr("On hand"), lambda r: r.on_hand, True),
            (self.tr("In transit"), lambda r: r.in_transit, True),
            (self.tr("Unit cost (CNY)"), lambda r: r.unit_cost.amount, True),
            (self.tr("Value (CNY)"), lambda r: r.value.amount, True)], self)
        self.stock_view, _ = _table("stock", [], self.stock_model)
        # in the service's order (SKU, warehouse) until a header is clicked (enabling sorts by
        # the indicator at once, else: column 0 descending); a reload keeps the user's order
        self.stock_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.stock_view.setSortingEnabled(True)
        close = QPushButton(self.tr("Close the period at this date"))
        close.setObjectName("closePeriod")
        close.setToolTip(self.tr("Store closing balances of every warehouse at the end of the "
                                 "chosen date, so later balances are computed fast."))
        close.clicked.connect(lambda: self._write(self.ctx.desk.stock.snapshot, self._date()))
        self._tab(self.tr("Stock"), self.stock_view, close)

    def _build_ledger_tab(self) -> None:
        self.ledger_model = PagedTableModel(
            self.ctx.ops, self.ctx.desk.stock.ledger_page, ledger_columns(self.tr),
            page_size=PAGE, label="stock-ledger")
        self.ledger_view, _ = _table("ledger", [], self.ledger_model)
        # widths from the header: ResizeToContents would measure every row scrolled in
        self.ledger_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive)
        fit_columns_once(self.ledger_view, self.ledger_model)
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
        self.alert_model = RowsModel([
            (self.tr("Alert"), lambda a: tr(ALERT_LABELS[a.kind]), False),
            (self.tr("SKU"), lambda a: a.sku, False),
            (self.tr("Warehouse"), lambda a: a.warehouse, False),
            (self.tr("On hand"), lambda a: a.on_hand, True),
            (self.tr("In transit"), lambda a: a.in_transit, True),
            (self.tr("Days of cover"),
             lambda a: a.cover_days if a.cover_days is not None else "∞", True),
            (self.tr("Message"), lambda a: message(a.problem(), _lang()), False)], self)
        self.alert_view, _ = _table("alerts", [], self.alert_model)
        self.alert_days = QSpinBox()
        self.alert_days.setRange(7, 365)
        self.alert_days.setValue(30)
        self.alert_days.setPrefix(self.tr("Sales of the last "))
        self.alert_days.setSuffix(self.tr(" days"))
        self.alert_days.valueChanged.connect(lambda _v: self.refresh())
        self._tab(self.tr("Alerts"), self.alert_view, self.alert_days)

    def _build_ageing_tab(self) -> None:
        # a row: (SKU, warehouse, on hand, units by bucket…, of unknown age, oldest days)
        self.age_model = RowsModel([
            (self.tr("SKU"), itemgetter(0), False), (self.tr("Warehouse"), itemgetter(1), False),
            (self.tr("On hand"), itemgetter(2), True),
            *[(self.tr("%1 days").replace("%1", b), itemgetter(3 + k), True)
              for k, b in enumerate(AGE_BUCKETS)],
            (self.tr("Unknown age"), itemgetter(3 + len(AGE_BUCKETS)), True),
            (self.tr("Oldest (days)"), itemgetter(4 + len(AGE_BUCKETS)), True)], self)
        self.age_view, _ = _table("ageing", [], self.age_model)
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
        return pydate(self.as_of.date())

    def _wh(self) -> str | None:
        return self.warehouse.currentData()

    def refresh(self) -> None:
        st = self.ctx.desk.stock
        as_of, wh, days = self._date(), self._wh(), self.alert_days.value()

        def load() -> tuple:
            seen = st.overview(as_of, warehouse=wh, days=days)  # (one sum of the ledger)
            return (st.warehouses(), seen.rows, st.shipments(), st.reconciliations(),
                    seen.alerts, _aged_rows(seen.ageing))  # (shaped here, not on the GUI)

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
        self.stock_model.set_rows(rows)
        total = sum((r.value.amount for r in rows), Decimal("0.00"))
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
        self.alert_model.set_rows([a for a in alerts if wh is None or a.warehouse == wh])
        self.age_model.set_rows(ageing)
        # (the RowsModel tables fit themselves after a reset, their headers resizing to
        # contents: fitting them here measured their first rows a second time)
        for view in (self.ship_view, self.wh_view, self.rec_view):
            view.resizeColumnsToContents()
        alerts_n = str(self.alert_model.rowCount())
        self.tabs.setTabText(self.ALERTS_TAB, self.tr("Alerts (%1)").replace("%1", alerts_n))

    def _load_ledger(self) -> None:
        """The first page in the background; the view fetches later pages as it scrolls."""
        since = self.ledger_from.date()
        filters = {"sku": self.ledger_sku.text().strip() or None, "warehouse": self._wh(),
                   "kind": self.ledger_kind.currentData(), "date_to": self._date(),
                   "date_from": None if since == ANY_DATE else pydate(since)}
        self.ledger_model.set_query(filters=filters)  # the first page on the pool, latest wins

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
        from seller_desk.ui.widgets.table_export import export_views

        name = f"{view.objectName()}-{self._date():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), name,
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            from seller_desk.ui.widgets import saved

            try:
                export_views(Path(path), [(view.objectName(), view)])
            except OSError as exc:  # a file open in Excel, a folder not writable
                show_error(self, exc)
                return
            saved.show_saved(self, Path(path))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()


Page = StockPage


def _aged_rows(ageing: list) -> list[tuple]:
    """The Ageing tab's rows of :attr:`StockOverview.ageing`: SKU, warehouse, on hand, the
    units in each age bucket and of unknown age, the oldest layer's age in days."""
    out = []
    for sku, code, on_hand, a in ageing:
        buckets = dict(a.buckets)
        oldest = max((la.age_days for la in a.layers if la.age_days is not None), default=None)
        out.append((sku, code, on_hand, *[buckets.get(b, 0) for b in AGE_BUCKETS],
                    buckets.get("unknown", 0), oldest))
    return out
