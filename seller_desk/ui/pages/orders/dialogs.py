"""The orders page's dialogs: declare a batch, map platform SKUs to products."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from seller_desk.i18n import counted
from seller_desk.messages import orders as _orders_messages  # noqa: F401  (customs.* settings)
from seller_desk.ui.errors import show_error
from seller_desk.ui.pages.orders.widgets import _fill, _table
from seller_desk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.product_picker import ProductPicker

if TYPE_CHECKING:
    from seller_desk.ui.pages.orders.page import Page


class DeclareDialog(QDialog):
    """Declare one order for export: trade mode, export date and the carrier's waybill."""

    def __init__(self, parent: QWidget, order_no: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Declare order {order}").format(order=order_no))
        form = QFormLayout(self)
        self.mode = QComboBox()
        for code, label in (("9610", self.tr("9610 retail parcel")),
                            ("9710", self.tr("9710 B2B direct export")),
                            ("9810", self.tr("9810 export to an overseas warehouse")),
                            ("1210", self.tr("1210 bonded export"))):
            self.mode.addItem(label, code)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.logistics_code = QLineEdit()
        self.logistics_name = QLineEdit()
        self.waybill = QLineEdit()
        self.add_waybill = QCheckBox(self.tr("The carrier's waybill has these numbers"))
        self.add_waybill.setChecked(True)
        form.addRow(self.tr("Trade mode"), self.mode)
        form.addRow(self.tr("Export date"), self.date)
        form.addRow(self.tr("Logistics company code"), self.logistics_code)
        form.addRow(self.tr("Logistics company name"), self.logistics_name)
        form.addRow(self.tr("Waybill number"), self.waybill)
        form.addRow("", self.add_waybill)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        d = self.date.date()
        return {"trade_mode": self.mode.currentData(),
                "ie_date": dt.date(d.year(), d.month(), d.day()),
                "logistics_code": self.logistics_code.text().strip(),
                "logistics_name": self.logistics_name.text().strip(),
                "logistics_no": self.waybill.text().strip(),
                "add_waybill": self.add_waybill.isChecked()}


class SkuMappingDialog(QDialog):
    """Order lines whose marketplace SKU maps to no product: pick the product for each; the
    listing mapping is created or updated through the products area and the lines re-mapped.
    Nothing is guessed: a line stays unmapped until the user picks."""

    def __init__(self, page: Page):
        super().__init__(page)
        self.page = page
        self.setObjectName("skuMappingDialog")
        self.setWindowTitle(self.tr("Map marketplace SKUs to products"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "These order lines carry a marketplace SKU that no product or listing maps. "
            "Choose the product each one is; the mapping is saved as a listing.")))
        self.view, self.model, self.proxy = _table("unmappedSkus")
        self.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Product")))
        # the products offered as typed, from SQL (not every product loaded into the box)
        self.product = ProductPicker(page.ctx.desk.products.sku_choices, separator=" — ")
        self.product.setObjectName("mappingProduct")
        row.addWidget(self.product, 1)
        self.map_button = QPushButton(self.tr("Map selected"))
        self.map_button.setObjectName("mapSelected")
        self.map_button.clicked.connect(self.map_selected)
        row.addWidget(self.map_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.rows: list[dict[str, Any]] = []
        self._reading = ""
        self.reload()

    def reload(self) -> None:
        desk = self.page.ctx.desk
        # (a million unmapped lines take seconds to group: the dialog says so meanwhile,
        # unless it is telling what was just mapped)
        self._reading = self.tr("Reading the unmapped order lines…")
        if not self.status.text():
            self.status.setText(self._reading)
        self.map_button.setEnabled(False)
        self.page.ctx.ops.run_read(desk.orders.unmapped_mskus, on_done=self._show,
                                   label="sku-mapping")

    def _show(self, rows: list[dict[str, Any]]) -> None:
        if self.status.text() == self._reading:
            self.status.setText("")
        self.rows = rows
        _fill(self.model, [self.tr("Marketplace"), self.tr("Store"), self.tr("Marketplace SKU"),
                           self.tr("Order lines"), self.tr("Title")],
              [[r["marketplace"], r["store"], r["msku"], r["lines"], r["title"]]
               for r in self.rows], right={3})
        self.view.resizeColumnsToContents()
        if self.rows and not self.view.selectionModel().selectedRows():
            self.view.selectRow(0)
        self.map_button.setEnabled(bool(self.rows))
        if not self.rows:
            self.status.setText(self.tr("Every order line is mapped to a product."))

    def selected(self) -> list[dict[str, Any]]:
        picked = sorted({self.proxy.mapToSource(i).row()
                         for i in self.view.selectionModel().selectedRows()})
        return [self.rows[i] for i in picked if i < len(self.rows)]

    def map_selected(self) -> None:
        sku = self.product.sku()
        rows = self.selected()
        if not sku or not rows:
            self.status.setText(self.tr("Select a marketplace SKU and a product first."))
            return
        desk = self.page.ctx.desk

        def work() -> None:
            for r in rows:
                desk.orders.map_msku(r["marketplace"], r["msku"], sku, store=r["store"])

        def done(_result: Any) -> None:
            self.status.setText(counted(
                len(rows), self.tr("Mapped {n} marketplace SKU to {sku}."),
                self.tr("Mapped {n} marketplace SKUs to {sku}."), sku=sku))
            self.reload()
            self.page.refresh()

        self.page.ctx.ops.run_write(work, on_done=done,
                                    on_error=lambda e: show_error(self, e), label="map-sku")
