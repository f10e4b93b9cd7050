"""The product editor: the selected product's fields, validated as the user types."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from seller_desk.core.money import Money, MoneyError, is_currency, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.core.products import (
    ProductData,
    customs_units,
)
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import describe
from seller_desk.ui.qt import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.documents import DocumentsPane

if TYPE_CHECKING:
    pass


from seller_desk.ui.pages.products.image import ImagePreview
from seller_desk.ui.pages.products.labels import FILING_LABELS, tr

if TYPE_CHECKING:
    from seller_desk.ui.pages.products.page import Page


# -- the product editor -------------------------------------------------------------------------------

TEXT_FIELDS = (
    ("sku", QT_TRANSLATE_NOOP("Products", "SKU")),
    ("name_zh", QT_TRANSLATE_NOOP("Products", "Chinese name")),
    ("name_en", QT_TRANSLATE_NOOP("Products", "English name")),
    ("brand", QT_TRANSLATE_NOOP("Products", "Brand")),
    ("spec", QT_TRANSLATE_NOOP("Products", "Model / spec (规格型号)")),
    ("barcode", QT_TRANSLATE_NOOP("Products", "Barcode")),
    ("hs_code", QT_TRANSLATE_NOOP("Products", "HS code")),
    ("declared_name", QT_TRANSLATE_NOOP("Products", "Declared name (申报品名)")),
)
UNIT_FIELDS = (
    ("declared_unit", QT_TRANSLATE_NOOP("Products", "Declared unit")),
    ("legal_unit1", QT_TRANSLATE_NOOP("Products", "Legal unit 1")),
    ("legal_unit2", QT_TRANSLATE_NOOP("Products", "Legal unit 2")),
)
NUMBER_FIELDS = (
    ("legal_qty1", QT_TRANSLATE_NOOP("Products", "Legal quantity 1")),
    ("legal_qty2", QT_TRANSLATE_NOOP("Products", "Legal quantity 2")),
    ("net_weight_kg", QT_TRANSLATE_NOOP("Products", "Net weight (kg)")),
    ("gross_weight_kg", QT_TRANSLATE_NOOP("Products", "Gross weight (kg)")),
    ("length_cm", QT_TRANSLATE_NOOP("Products", "Length (cm)")),
    ("width_cm", QT_TRANSLATE_NOOP("Products", "Width (cm)")),
    ("height_cm", QT_TRANSLATE_NOOP("Products", "Height (cm)")),
)


class ProductEditor(QWidget):
    """The selected product's fields; validated as the user types (problems listed below)."""

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.product_id: int | None = None
        self.version: int | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("New product"))
        self.title.setObjectName("editorTitle")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveProduct")
        self.revert_button = QPushButton(self.tr("Revert"))
        top.addWidget(self.title, 1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        outer.addLayout(top)
        # the platform's decision on the product filing, with why (under the SKU, in sight)
        self.filing = QLabel()
        self.filing.setObjectName("productFiling")
        self.filing.setWordWrap(True)
        outer.addWidget(self.filing)
        # the first image, beside the form's top (image.py; a widget of its own)
        self.image_preview = ImagePreview(page.ctx)
        preview_row = QHBoxLayout()
        preview_row.addStretch(1)
        preview_row.addWidget(self.image_preview)
        outer.addLayout(preview_row)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

        def add(name: str, label: str, widget: QWidget) -> None:
            caption = QLabel(tr(label))
            self.labels[name] = caption
            self.inputs[name] = widget
            widget.setObjectName(f"edit_{name}")
            form.addRow(caption, widget)

        for name, label in TEXT_FIELDS:
            add(name, label, QLineEdit())
        units = customs_units()
        for name, label in UNIT_FIELDS:
            box = QComboBox()
            box.addItem("", "")
            for code, (zh, en) in units.items():
                box.addItem(f"{code} {zh if self.page.ctx.lang.startswith('zh') else en}", code)
            add(name, label, box)
        for name, label in NUMBER_FIELDS:
            add(name, label, QLineEdit())
        add("origin_country", QT_TRANSLATE_NOOP("Products", "Origin country"), QLineEdit())
        cost = QWidget()
        row = QHBoxLayout(cost)
        row.setContentsMargins(0, 0, 0, 0)
        self.cost_amount = QLineEdit()
        self.cost_amount.setObjectName("edit_unit_cost")
        self.cost_currency = QLineEdit("CNY")
        self.cost_currency.setObjectName("edit_unit_cost_currency")
        self.cost_currency.setMaximumWidth(60)
        row.addWidget(self.cost_amount)
        row.addWidget(self.cost_currency)
        caption = QLabel(self.tr("Unit cost"))
        self.labels["unit_cost"] = caption
        self.inputs["unit_cost"] = self.cost_amount
        form.addRow(caption, cost)
        outer.addLayout(form)
        self.hits = QLabel()
        self.hits.setObjectName("editorHits")
        self.hits.setWordWrap(True)
        outer.addWidget(self.hits)
        self.problems = QLabel()
        self.problems.setObjectName("editorProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.problems)
        self.listings = QLabel()
        self.listings.setWordWrap(True)
        outer.addWidget(self.listings)
        # images and documents of the product live in the document vault (owner "product")
        self.docs = DocumentsPane(page.ctx)
        self.docs.setObjectName("productDocuments")
        self.docs.title.setText(self.tr("Images and documents"))
        outer.addWidget(self.docs)
        outer.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.validate_now)
        for w in self.inputs.values():
            if isinstance(w, QLineEdit):
                w.textChanged.connect(self._edited)
            else:
                w.currentIndexChanged.connect(self._edited)
        self.cost_currency.textChanged.connect(self._edited)
        self.current_problems: list[Problem] = []
        self.load(None)

    # values
    def _edited(self, *_: Any) -> None:
        if not self._loading:
            self._pristine = False
            self.dirty = True
            self._timer.start()

    def _set(self, name: str, value: Any) -> None:
        w = self.inputs[name]
        if isinstance(w, QComboBox):
            i = w.findData(value or "")
            if i < 0:
                w.addItem(str(value), value)
                i = w.count() - 1
            w.setCurrentIndex(i)
        else:
            w.setText("" if value is None else str(value))

    def load(self, detail: Any) -> None:
        self._loading = True
        # (the user typed since the product, or the empty new one, was loaded)
        self.dirty = False
        try:
            # An empty new form is not yet wrong: its problems show once the user types.
            self._pristine = detail is None
            if detail is None:
                self.product_id, self.version = None, None
                self.title.setText(self.tr("New product"))
                data = ProductData(sku="")
                self.listings.setText("")
                self.filing.setText("")
                self.docs.set_owner("product", None)
            else:
                self.product_id, self.version = detail.id, detail.version
                data = detail.data
                self.title.setText(detail.data.sku)
                self.filing.setText(self.filing_text(detail))
                self.listings.setText(self.tr("Listed in: {stores}").format(
                    stores=", ".join(f"{li.store} ({li.msku})" for li in detail.listings) or "-"))
                self.show_files()
            for name, _ in (*TEXT_FIELDS, *UNIT_FIELDS, *NUMBER_FIELDS):
                self._set(name, getattr(data, name))
            self._set("origin_country", data.origin_country)
            self.cost_amount.setText(str(data.unit_cost.amount) if data.unit_cost else "")
            self.cost_currency.setText(data.unit_cost.currency if data.unit_cost else "CNY")
            self.image_preview.set_product(self.product_id)
        finally:
            self._loading = False
        self.validate_now()

    def filing_text(self, detail: Any) -> str:
        """"Product filing: rejected — the reason" (empty until the platform has it)."""
        status = getattr(detail, "remote_status", None)
        if not status:
            return ""
        text = tr(FILING_LABELS[status]) if status in FILING_LABELS else status
        reason = getattr(detail, "remote_reason", None)
        return self.tr("{status} — {reason}").format(status=text, reason=reason) if reason \
            else text

    def show_files(self) -> None:
        self.docs.set_owner("product", self.product_id)

    def attach(self, path: Path) -> Any:
        return self.docs.attach_files([Path(path)])

    def revert(self) -> None:
        if self.product_id is None:
            self.load(None)
        else:
            self.page.open_product(self.product_id)

    def read(self) -> tuple[ProductData | None, list[Problem]]:
        """The form as ProductData, and the problems of cells that are not numbers."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for name, _ in TEXT_FIELDS:
            values[name] = self.inputs[name].text().strip()
        values["origin_country"] = self.inputs["origin_country"].text().strip()
        for name, _ in UNIT_FIELDS:
            values[name] = self.inputs[name].currentData() or ""
        for name, _ in NUMBER_FIELDS:
            text = self.inputs[name].text().strip()
            try:
                values[name] = parse_decimal(text) if text else None
            except MoneyError as exc:
                problems.append(Problem(key=exc.problem.key, params=exc.problem.params, field=name))
        amount, currency = self.cost_amount.text().strip(), self.cost_currency.text().strip().upper()
        values["unit_cost"] = None
        if amount:
            try:
                values["unit_cost"] = Money.of(amount, currency)
            except MoneyError as exc:
                field = "unit_cost_currency" if not is_currency(currency) else "unit_cost"
                problems.append(Problem(key=exc.problem.key, params=exc.problem.params, field=field))
        if problems:
            return None, problems
        return ProductData(**values), []

    def validate_now(self) -> list[Problem]:
        data, problems = self.read()
        if data is not None:
            problems = self.page.ctx.desk.products.validate(data, product_id=self.product_id)
        self.current_problems = problems
        shown = [] if getattr(self, "_pristine", False) else problems
        bad = {p.field for p in shown if p.is_error}
        for name, widget in self.inputs.items():
            widget.setProperty("invalid", name in bad)
            widget.setStyleSheet("border: 1px solid #c0392b;" if name in bad else "")
        lang = self.page.ctx.lang
        list_hits = [p for p in shown if p.key.startswith("products.list.")]
        others = [p for p in shown if not p.key.startswith("products.list.")]
        self.hits.setText("\n".join("⚠ " + describe(p, lang) for p in list_hits))
        self.problems.setText("\n".join(
            ("✖ " if p.is_error else "• ") + self._field_label(p) + describe(p, lang) for p in others))
        self.save_button.setEnabled(not any(p.is_error for p in problems))
        return problems

    def _field_label(self, p: Problem) -> str:
        label = self.labels.get(p.field or "")
        if label is None:
            return ""
        return label.text() + ("：" if self.page.ctx.lang.startswith("zh") else ": ")

    def save(self) -> None:
        data, _problems = self.read()
        if data is None:
            self.validate_now()
            return
        desk = self.page.ctx.desk
        pid, version = self.product_id, self.version

        def work() -> Any:
            return desk.products.save(data, product_id=pid, expected_version=version)

        def done(detail: Any) -> None:
            self.load(detail)
            self.page.status.setText(self.tr("Saved {sku}.").format(sku=detail.data.sku))

        self.page.ctx.ops.run_write(work, on_done=done, on_error=self.page.show_failure,
                                    label="save product")
