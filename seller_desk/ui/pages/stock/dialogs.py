"""The stock page's dialogs: shipment, column mapping, date, receive, movement, warehouse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from seller_desk.core import stock as core
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import message
from seller_desk.services.stock import FeeInput, LineInput
from seller_desk.ui.errors import show_error
from seller_desk.ui.pages.stock.labels import (
    BASIS_LABELS,
    FEE_LABELS,
    KIND_LABELS,
    MODE_LABELS,
    WH_KIND_LABELS,
    _lang,
    tr,
)
from seller_desk.ui.pages.stock.widgets import _item, _table
from seller_desk.ui.qt import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.dates import pydate, qdate
from seller_desk.ui.widgets.product_picker import ProductPicker


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
        known = self.stock.unit_costs(ln.sku for ln in lines)  # the lines' SKUs alone
        costs = [known.get(ln.sku, Decimal(0)) for ln in lines]
        landed, problems = core.landed_costs(alloc, costs, [core.Fee(f.kind, f.amount,
                                             f.rate_to_cny) for f in fees],
                                             self.basis.currentData())
        for x in landed:
            m.appendRow([_item(x.sku), _item(x.quantity), _item(x.goods_cost.amount),
                         _item(sum((f.amount for f in x.fees), Decimal("0.00"))),
                         _item(x.unit_cost)])
        unknown = [ln.sku for ln in lines if ln.sku not in known]
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
        self.edit = QDateEdit(qdate(dt.date.today()))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(label, self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> dt.date:
        return pydate(self.edit.date())


class ReceiveDialog(QDialog):
    """Receiving a shipment: how many of each line arrived, and why when it differs."""

    def __init__(self, parent: QWidget | None, shipment):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receive %1").replace("%1", shipment.number))
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.when = QDateEdit(qdate(dt.date.today()))
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
        return pydate(self.when.date())

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
        self.sku = ProductPicker(stock.desk.products.sku_choices)
        self.warehouse = QComboBox()
        for w in stock.warehouses():
            self.warehouse.addItem(f"{w.code} · {w.name}", w.code)
        if warehouse:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(warehouse), 0))
        self.when = QDateEdit(qdate(dt.date.today()))
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
        sku = self.sku.sku()
        cost_text = self.cost.text().strip()
        cost = parse_decimal(cost_text) if cost_text else None  # MoneyError names the problem
        return ((sku, self.warehouse.currentData(), pydate(self.when.date()), kind, qty),
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
