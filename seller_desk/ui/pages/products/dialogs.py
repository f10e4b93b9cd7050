"""The products page's dialogs: bulk edit, column mapping for imports, new entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seller_desk.core.money import parse_decimal
from seller_desk.core.products import (
    LIST_KINDS,
    LISTING_STATUSES,
)
from seller_desk.i18n import QT_TRANSLATE_NOOP, counted
from seller_desk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    pass


from seller_desk.ui.pages.products.labels import KIND_LABELS, STATUS_LABELS, tr

# -- dialogs ------------------------------------------------------------------------------------------


class BulkEditDialog(QDialog):
    """The same change on every selected row: HS code, declared name, origin, brand (products)
    or price and status (listings). Only ticked fields change."""

    def __init__(self, parent: QWidget, listings: bool, count: int):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bulk edit"))
        self.listings = listings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(counted(count, self.tr("Change the selected row:"),
                                        self.tr("Change {n} selected rows:"))))
        form = QFormLayout()
        self.fields: dict[str, tuple[QCheckBox, QWidget]] = {}
        if listings:
            price = QLineEdit()
            price.setPlaceholderText(self.tr("in each listing's currency"))
            status = QComboBox()
            for s in LISTING_STATUSES:
                status.addItem(tr(STATUS_LABELS[s]), s)
            self._add(form, "price", self.tr("Price"), price)
            self._add(form, "status", self.tr("Status"), status)
            self._add(form, "sku", self.tr("Map to SKU"), QLineEdit())
        else:
            self._add(form, "hs_code", self.tr("HS code"), QLineEdit())
            self._add(form, "declared_name", self.tr("Declared name"), QLineEdit())
            self._add(form, "origin_country", self.tr("Origin country"), QLineEdit())
            self._add(form, "brand", self.tr("Brand"), QLineEdit())
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        check = QCheckBox(label)
        check.setObjectName(f"bulk_{name}_on")
        widget.setObjectName(f"bulk_{name}")
        widget.setEnabled(False)
        check.toggled.connect(widget.setEnabled)
        form.addRow(check, widget)
        self.fields[name] = (check, widget)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, (check, widget) in self.fields.items():
            if not check.isChecked():
                continue
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif name == "price":
                out[name] = parse_decimal(widget.text())
            else:
                out[name] = widget.text().strip()
        return out


IMPORT_TARGETS = {
    "products": QT_TRANSLATE_NOOP("Products", "Products"),
    "listings": QT_TRANSLATE_NOOP("Products", "Listings"),
    "hs_codes": QT_TRANSLATE_NOOP("Products", "HS table"),
    "negative_lists": QT_TRANSLATE_NOOP("Products", "Negative lists"),
}


class MappingDialog(QDialog):
    """Map a sheet's columns to SellerDesk's fields; the mapping can be saved as a preset."""

    def __init__(self, parent: QWidget, header: list[str], presets: list[tuple[str, str, dict]],
                 lang: str = "zh_CN"):
        super().__init__(parent)
        self.lang = lang
        from seller_desk.io.products_table import FIELDS, suggest_mapping

        self.setWindowTitle(self.tr("Map columns"))
        self.header = [h for h in header if h.strip()]
        self.presets = presets
        self._fields = FIELDS
        self._suggest = suggest_mapping
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.target = QComboBox()
        for key, label in IMPORT_TARGETS.items():
            self.target.addItem(tr(label), key)
        self.preset = QComboBox()
        self.preset.addItem(self.tr("(none)"), None)
        for name, target, _ in presets:
            self.preset.addItem(name, (name, target))
        self.currency = QLineEdit("CNY")
        self.encoding = QComboBox()  # a text file's encoding, when the automatic choice is wrong
        self.encoding.setObjectName("encoding")
        for label, codec in ((self.tr("Automatic"), None), ("UTF-8", "utf-8"),
                             (self.tr("GB18030 (Chinese Windows)"), "gb18030"),
                             (self.tr("CP1252 (Western Windows)"), "cp1252"),
                             (self.tr("Shift_JIS (Japanese Windows)"), "shift_jis")):
            self.encoding.addItem(label, codec)
        top.addRow(self.tr("Import as"), self.target)
        top.addRow(self.tr("Preset"), self.preset)
        top.addRow(self.tr("Currency of amounts"), self.currency)
        top.addRow(self.tr("Text encoding"), self.encoding)
        layout.addLayout(top)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.boxes: dict[str, QComboBox] = {}
        save_row = QHBoxLayout()
        self.save_as = QLineEdit()
        self.save_as.setPlaceholderText(self.tr("Save this mapping as…"))
        save_row.addWidget(self.save_as)
        layout.addLayout(save_row)
        self.skip_bad = QCheckBox(self.tr("Import the good rows and save the bad ones to Excel"))
        layout.addWidget(self.skip_bad)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.target.currentIndexChanged.connect(self._build)
        self.preset.currentIndexChanged.connect(self._load_preset)
        self._build()

    def _build(self, mapping: dict[str, str] | None = None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes = {}
        target = self.target.currentData()
        mapping = mapping if isinstance(mapping, dict) else self._suggest(target, self.header)
        for f in self._fields[target]:
            box = QComboBox()
            box.setObjectName(f"map_{f.name}")
            box.addItem("", "")
            for h in self.header:
                box.addItem(h, h)
            box.setCurrentIndex(max(0, box.findData(mapping.get(f.name, ""))))
            label = f.zh if self.lang.startswith("zh") else f.en
            self.form.addRow(label + (" *" if f.required else ""), box)
            self.boxes[f.name] = box

    def _load_preset(self) -> None:
        chosen = self.preset.currentData()
        if not chosen:
            return
        name, target = chosen
        mapping = next(m for n, t, m in self.presets if n == name)
        self.target.blockSignals(True)
        self.target.setCurrentIndex(self.target.findData(target))
        self.target.blockSignals(False)
        self._build(mapping)

    def mapping(self) -> dict[str, str]:
        return {name: box.currentData() for name, box in self.boxes.items() if box.currentData()}


class EntryDialog(QDialog):
    """Add a negative-list entry or an HS-table row."""

    def __init__(self, parent: QWidget, hs: bool):
        super().__init__(parent)
        self.hs = hs
        self.setWindowTitle(self.tr("Add HS code") if hs else self.tr("Add list entry"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}

        def add(name: str, label: str, widget: QWidget) -> None:
            widget.setObjectName(f"entry_{name}")
            self.inputs[name] = widget
            form.addRow(label, widget)

        if hs:
            add("code", self.tr("HS code"), QLineEdit())
            add("description", self.tr("Description"), QLineEdit())
            add("legal_unit1", self.tr("Legal unit 1"), QLineEdit())
            add("legal_unit2", self.tr("Legal unit 2"), QLineEdit())
            add("refund_rate", self.tr("Refund rate (%)"), QLineEdit())
            add("refund_cancelled", self.tr("Refund cancelled"), QCheckBox())
            add("licence_required", self.tr("Licence required"), QCheckBox())
        else:
            kind = QComboBox()
            for k in LIST_KINDS:
                kind.addItem(tr(KIND_LABELS[k]), k)
            add("kind", self.tr("List"), kind)
            add("hs_prefix", self.tr("HS prefix"), QLineEdit())
            add("keyword", self.tr("Keyword"), QLineEdit())
            add("reason", self.tr("Reason"), QLineEdit())
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            w = self.inputs[name]
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(w.findData(value))
            else:
                w.setText(str(value))

    def entry(self) -> Any:
        """The HsEntry or ListEntry typed in; raises MoneyError for a rate that is no number."""
        from seller_desk.core.products import HsEntry, ListEntry, parse_rate

        text = {n: w.text().strip() for n, w in self.inputs.items() if isinstance(w, QLineEdit)}
        if self.hs:
            return HsEntry(
                code=text["code"], description=text["description"],
                legal_unit1=text["legal_unit1"] or None, legal_unit2=text["legal_unit2"] or None,
                refund_rate=parse_rate(text["refund_rate"] + "%") if text["refund_rate"] else None,
                refund_cancelled=self.inputs["refund_cancelled"].isChecked(),
                licence_required=self.inputs["licence_required"].isChecked())
        return ListEntry(kind=self.inputs["kind"].currentData(), reason=text["reason"],
                         hs_prefix=text["hs_prefix"], keyword=text["keyword"])
