"""商品与刊登: the product master with its customs data, and the marketplace listings.

Two tables (products, listings) fetched page by page as the user scrolls (keyset pages from
``desk.products``; filters and sorting run in SQL), a detail editor that validates as the user
types, bulk edit of the selected rows, import by drag-and-drop with a progress bar (and a
column-mapping dialog with saved presets for sheets SellerDesk does not know), and export.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from seller_desk.core.money import Money, MoneyError, is_currency, parse_decimal
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.core.products import (
    LIST_KINDS,
    LISTING_STATUSES,
    PLATFORMS,
    ProductData,
    customs_units,
)
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import describe
from seller_desk.services.changes import Changes
from seller_desk.ui.filing_documents import DocumentsPane
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.products_image import ImagePreview
from seller_desk.ui.products_listing import ListingEditor
from seller_desk.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QModelIndex,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)

CTX = "Products"
PAGE_SIZE = 200


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


# -- labels (marked for lupdate, translated on use) -----------------------------------------------

KIND_LABELS = {
    "prohibited-mail": QT_TRANSLATE_NOOP("Products", "Prohibited in mail"),
    "refund-cancelled": QT_TRANSLATE_NOOP("Products", "Refund cancelled"),
    "licence-required": QT_TRANSLATE_NOOP("Products", "Licence required"),
}
STATUS_LABELS = {
    "active": QT_TRANSLATE_NOOP("Products", "Active"),
    "inactive": QT_TRANSLATE_NOOP("Products", "Inactive"),
    "incomplete": QT_TRANSLATE_NOOP("Products", "Incomplete"),
    "deleted": QT_TRANSLATE_NOOP("Products", "Deleted"),
}
#: the platform's product filing (商品备案) statuses, as the seller reads them
FILING_LABELS = {
    "submitted": QT_TRANSLATE_NOOP("Products", "Product filing: submitted, waiting for review"),
    "approved": QT_TRANSLATE_NOOP("Products", "Product filing: approved"),
    "rejected": QT_TRANSLATE_NOOP("Products", "Product filing: rejected"),
}
FULFILMENT_LABELS = {
    "merchant": QT_TRANSLATE_NOOP("Products", "Merchant"),
    "fba": QT_TRANSLATE_NOOP("Products", "FBA"),
    "overseas-3pl": QT_TRANSLATE_NOOP("Products", "Overseas warehouse"),
}
PLATFORM_LABELS = {
    "amazon": QT_TRANSLATE_NOOP("Products", "Amazon"),
    "shopee": QT_TRANSLATE_NOOP("Products", "Shopee"),
    "aliexpress": QT_TRANSLATE_NOOP("Products", "AliExpress"),
    "ebay": QT_TRANSLATE_NOOP("Products", "eBay"),
    "tiktok": QT_TRANSLATE_NOOP("Products", "TikTok Shop"),
    "temu": QT_TRANSLATE_NOOP("Products", "Temu"),
    "independent": QT_TRANSLATE_NOOP("Products", "Independent site"),
}


@dataclass(frozen=True)
class Col:
    header: str  # English source, context "Products"
    sort: str | None  # the service's sort name, None = not sortable
    show: Callable[[Any], str]
    raw: Callable[[Any], Any]
    align_right: bool = False


def _money(m: Money | None) -> str:
    return f"{m.amount:,} {m.currency}" if m is not None else ""


def _hits(kinds: Sequence[str]) -> str:
    return "、".join(tr(KIND_LABELS[k]) for k in kinds if k in KIND_LABELS)


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


class PagedModel(QAbstractTableModel):
    """Rows fetched a page at a time as the view scrolls (``canFetchMore``/``fetchMore``)."""

    def __init__(self, columns: Sequence[Col], fetch: Callable[[Any, Any, int], list], query: Any,
                 page_size: int = PAGE_SIZE):
        super().__init__()
        self.columns = list(columns)
        self._fetch = fetch
        self.query = query
        self.page_size = page_size
        self.rows: list = []
        self._more = True

    # loading
    def reload(self, query: Any | None = None) -> None:
        self.beginResetModel()
        if query is not None:
            self.query = query
        self.rows = []
        self._more = True
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        after = self.rows[-1].sort_key if self.rows else None
        page = self._fetch(self.query, after, self.page_size)
        self._more = len(page) == self.page_size
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # the table
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.show(row)
        if role == Qt.ItemDataRole.UserRole:
            return col.raw(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.sort is None and col.show(row):
            return col.show(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section].header)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort
        if key is None:
            return
        self.reload(replace(self.query, sort=key,
                            descending=order == Qt.SortOrder.DescendingOrder))

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


class ListModel(PagedModel):
    """A small table loaded whole (the HS table, the negative lists)."""

    def __init__(self, columns: Sequence[Col], load: Callable[[], list]):
        super().__init__(columns, lambda _q, _after, _n: load(), None)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        rows = self._fetch(None, None, 0)
        self._more = False
        if rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self.rows = list(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        return


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
        # the first image, beside the form's top (products_image.py; a widget of its own)
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


# -- dialogs ------------------------------------------------------------------------------------------


class BulkEditDialog(QDialog):
    """The same change on every selected row: HS code, declared name, origin, brand (products)
    or price and status (listings). Only ticked fields change."""

    def __init__(self, parent: QWidget, listings: bool, count: int):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bulk edit"))
        self.listings = listings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Change {count} selected rows:").format(count=count)))
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
        top.addRow(self.tr("Import as"), self.target)
        top.addRow(self.tr("Preset"), self.preset)
        top.addRow(self.tr("Currency of amounts"), self.currency)
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


# -- the page -----------------------------------------------------------------------------------------


class Page(BasePage):
    watches = ("product", "listing", "negative_list", "hs_code")

    def __init__(self, ctx: Any, info: PageInfo):
        super().__init__(ctx, info)
        from seller_desk.services.products import ProductQuery

        self.setAcceptDrops(True)
        #: refused input pops up a dialog; tests turn it off and read the status line
        self.modal_problems = True
        self.last_report: Any = None
        layout = QVBoxLayout(self)
        self.heading(layout)
        # filters
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("productSearch")
        self.search.setPlaceholderText(self.tr("Search SKU, name, HS code, MSKU or ASIN"))
        self.search.setClearButtonEnabled(True)
        self.platform = QComboBox()
        self.platform.setObjectName("filterPlatform")
        self.platform.addItem(self.tr("All marketplaces"), None)
        for p in PLATFORMS:
            self.platform.addItem(tr(PLATFORM_LABELS[p]), p)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filterStatus")
        self.status_filter.addItem(self.tr("Any status"), None)
        for s in LISTING_STATUSES:
            self.status_filter.addItem(tr(STATUS_LABELS[s]), s)
        self.hit_filter = QComboBox()
        self.hit_filter.setObjectName("filterHit")
        self.hit_filter.addItem(self.tr("All products"), None)
        self.hit_filter.addItem(self.tr("On any list"), "any")
        self.hit_filter.addItem(self.tr("On no list"), "none")
        for k in LIST_KINDS:
            self.hit_filter.addItem(tr(KIND_LABELS[k]), k)
        bar.addWidget(self.search, 3)
        for w in (self.platform, self.status_filter, self.hit_filter):
            bar.addWidget(w, 1)
        layout.addLayout(bar)
        # actions
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New product"))
        self.bulk_button = QPushButton(self.tr("Bulk edit…"))
        self.bulk_button.setObjectName("bulkEdit")
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.add_entry_button = QPushButton(self.tr("Add entry…"))
        self.add_entry_button.setObjectName("addEntry")
        self.delete_entry_button = QPushButton(self.tr("Delete entry"))
        self.count_label = QLabel()
        self.count_label.setObjectName("productCount")
        for b in (self.new_button, self.bulk_button, self.add_entry_button,
                  self.delete_entry_button, self.import_button, self.export_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout.addLayout(actions)
        # import progress
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setVisible(False)
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        # tables and editor
        split = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        desk = ctx.desk
        self.products_model = PagedModel(
            PRODUCT_COLUMNS, lambda q, after, n: desk.products.query_products(q, after=after, limit=n),
            ProductQuery())
        self.listings_model = PagedModel(
            LISTING_COLUMNS, lambda q, after, n: desk.products.query_listings(q, after=after, limit=n),
            ProductQuery(sort="msku"))
        self.products_view = self._view(self.products_model, "products")
        self.listings_view = self._view(self.listings_model, "listings")
        self.hs_model = ListModel(HS_COLUMNS, desk.products.hs_entries)
        self.lists_model = ListModel(LIST_COLUMNS, desk.products.list_entries)
        self.hs_view = self._view(self.hs_model, "hs_codes")
        self.lists_view = self._view(self.lists_model, "negative_lists")
        self.tabs.addTab(self.products_view, self.tr("Products"))
        self.tabs.addTab(self.listings_view, self.tr("Listings"))
        self.tabs.addTab(self.hs_view, self.tr("HS table"))
        self.tabs.addTab(self.lists_view, self.tr("Negative lists"))
        split.addWidget(self.tabs)
        self.editor = ProductEditor(self)
        self.listing_editor = ListingEditor(self)
        # the products tab edits a product, the listings tab a listing (products_listing.py)
        self.editors = QStackedWidget()
        for editor in (self.editor, self.listing_editor):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(editor)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.editors.addWidget(scroll)
        split.addWidget(self.editors)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.status = QLabel(self.tr("Drop an Amazon, Shopee or Excel file here to import it."))
        self.status.setObjectName("productsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # wiring
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for box in (self.platform, self.status_filter, self.hit_filter):
            box.currentIndexChanged.connect(self.apply_filters)
        self.products_view.selectionModel().currentRowChanged.connect(self._product_selected)
        self.listings_view.selectionModel().currentRowChanged.connect(self._listing_selected)
        self.new_button.clicked.connect(lambda: self.editor.load(None))
        self.add_entry_button.clicked.connect(lambda: self.add_entry())
        self.delete_entry_button.clicked.connect(self.delete_entry)
        self.bulk_button.clicked.connect(self.bulk_edit)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.tabs.currentChanged.connect(lambda _i: self._update_count())
        self.tabs.currentChanged.connect(
            lambda i: self.editors.setCurrentIndex(1 if i == 1 else 0))
        self._loaded = False

    def _view(self, model: PagedModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # The model starts sorted by its first column ascending; say so before sorting is on,
        # or Qt asks for its own default order (descending) on the first column.
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        return view

    # -- loading ------------------------------------------------------------------------------------
    def query(self) -> Any:
        from seller_desk.services.products import ProductQuery

        return ProductQuery(text=self.search.text(), platform=self.platform.currentData(),
                            status=self.status_filter.currentData(),
                            hit=self.hit_filter.currentData())

    def apply_filters(self) -> None:
        q = self.query()
        self.products_model.reload(replace(q, sort=self.products_model.query.sort,
                                           descending=self.products_model.query.descending))
        self.listings_model.reload(replace(q, sort=self.listings_model.query.sort,
                                           descending=self.listings_model.query.descending))
        self.hs_model.reload()
        self.lists_model.reload()
        self._update_count()
        if not self._loaded:
            for view in (self.products_view, self.listings_view, self.hs_view, self.lists_view):
                view.resizeColumnsToContents()
            for view in (self.products_view, self.listings_view, self.hs_view, self.lists_view):
                for c in range(view.model().columnCount()):
                    view.setColumnWidth(c, min(view.columnWidth(c), 260))
            self._loaded = True
            # Open on the first product and the first listing, not on an empty "New product".
            for view in (self.products_view, self.listings_view):
                if view.model().rowCount():
                    view.selectRow(0)

    def _update_count(self) -> None:
        desk = self.ctx.desk
        q = self.products_model.query
        tab = self.tabs.currentIndex()
        if tab == 0:
            n = desk.products.count_products(q)
            self.count_label.setText(self.tr("{n} products").format(n=n))
        elif tab == 1:
            n = desk.products.count_listings(self.listings_model.query)
            self.count_label.setText(self.tr("{n} listings").format(n=n))
        elif tab == 2:
            self.count_label.setText(self.tr("{n} HS codes").format(n=self.hs_model.rowCount()))
        else:
            self.count_label.setText(self.tr("{n} list entries").format(n=self.lists_model.rowCount()))
        self.bulk_button.setEnabled(tab in (0, 1))
        self.add_entry_button.setVisible(tab in (2, 3))
        self.delete_entry_button.setVisible(tab == 3)

    def refresh(self) -> None:
        self.apply_filters()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()

    def _product_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_product(self.products_model.row_at(current.row()).id)

    def open_product(self, product_id: int) -> None:
        self.editor.load(self.ctx.desk.products.get(product_id))

    def _listing_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_listing(self.listings_model.row_at(current.row()).id)

    def open_listing(self, listing_id: int) -> None:
        self.listing_editor.load(self.ctx.desk.products.listing(listing_id))

    # -- bulk edit ----------------------------------------------------------------------------------
    def selected_ids(self) -> tuple[bool, list[int]]:
        listings = self.tabs.currentIndex() == 1
        view = self.listings_view if listings else self.products_view
        model = view.model()
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return listings, [model.row_at(r).id for r in rows]

    def bulk_edit(self, *, values: dict[str, Any] | None = None) -> None:
        listings, ids = self.selected_ids()
        if not ids:
            self.status.setText(self.tr("Select the rows to change first."))
            return
        if values is None:
            dialog = BulkEditDialog(self, listings, len(ids))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            try:
                values = dialog.values()
            except MoneyError as exc:
                self.show_failure(ProblemError([exc.problem]))
                return
        if not values:
            return
        desk = self.ctx.desk

        def work() -> Changes:
            if listings:
                return desk.products.bulk_edit_listings(ids, **values)
            return desk.products.bulk_edit(ids, **values)

        def done(_changes: Changes) -> None:
            self.status.setText(self.tr("Changed {n} rows.").format(n=len(ids)))

        self.ctx.ops.run_write(work, on_done=done, on_error=self.show_failure, label="bulk edit")

    # -- the HS table and the negative lists ---------------------------------------------------------
    def add_entry(self, values: dict[str, Any] | None = None) -> Any:
        """Add an HS code (HS tab) or a list entry (lists tab); ``values`` fill the dialog and
        accept it without showing it (tests, scripted use)."""
        hs = self.tabs.currentIndex() == 2
        dialog = EntryDialog(self, hs)
        if values is not None:
            dialog.set(**values)
        elif dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            entry = dialog.entry()
        except MoneyError as exc:
            self.show_failure(ProblemError([exc.problem]))
            return None
        desk = self.ctx.desk
        work = (lambda: desk.products.save_hs(entry)) if hs else (
            lambda: desk.products.save_list_entry(entry))
        return self.ctx.ops.run_write(work, on_error=self.show_failure, label="add entry")

    def delete_entry(self) -> Any:
        rows = sorted({i.row() for i in self.lists_view.selectionModel().selectedRows()})
        refs = [int(self.lists_model.row_at(r).ref) for r in rows]
        if not refs:
            self.status.setText(self.tr("Select the rows to change first."))
            return None
        desk = self.ctx.desk

        def work() -> None:
            for ref in refs:
                desk.products.delete_list_entry(ref)

        return self.ctx.ops.run_write(work, on_error=self.show_failure, label="delete entry")

    # -- import and export --------------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            for path in paths:
                self.import_file(path)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import products or listings"), str(Path.home()),
            self.tr("Reports (*.csv *.txt *.tsv *.xlsx);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, *, skip_bad_rows: bool = False, reader: str | None = None,
                    options: dict[str, Any] | None = None, ask_mapping: bool = True) -> Any:
        """Import ``path`` in the writer thread, the progress bar following it. A file no reader
        knows opens the column-mapping dialog (unless ``ask_mapping`` is False)."""
        from seller_desk.io import readers

        desk = self.ctx.desk
        if reader is None:
            found, _tried = readers.detect(path)
            if found is None and ask_mapping:
                return self.map_and_import(path)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Importing {name}…").format(name=path.name))

        def work(task: Any) -> Any:
            def progress(fraction: float, text: str) -> None:
                task.progress(fraction, text)
                task.check()

            return desk.imports.import_file(path, reader=reader, skip_bad_rows=skip_bad_rows,
                                            progress=progress, options=options)

        def done(report: Any) -> None:
            self.progress.setValue(100)
            self.progress.setVisible(False)
            text = self.tr("{name}: {imported} imported, {updated} updated, {unchanged} unchanged, "
                           "{rejected} rejected.").format(
                name=path.name, imported=report.imported, updated=report.updated,
                unchanged=report.unchanged, rejected=report.rejected)
            if report.rejected_file:
                text += " " + self.tr("Rejected rows: {file}").format(file=report.rejected_file)
            errors = [p for p in report.problems if p.is_error]
            if errors and not report.written:
                text += " " + self.tr("Nothing was written.")
            self.status.setText(text)
            self.last_report = report
            if errors and not report.written and self.modal_problems:
                from seller_desk.ui.errors import show_problems

                show_problems(self, errors, self.tr("Import"))

        def failed(exc: BaseException) -> None:
            self.progress.setVisible(False)
            self.show_failure(exc)

        return self.ctx.ops.run_write(
            work, on_done=done, on_error=failed, label="import",
            on_progress=lambda f, _t: self.progress.setValue(int(f * 100)))

    def map_and_import(self, path: Path) -> None:
        from seller_desk.io.tabular import TableError, read_table

        try:
            table = read_table(path, lambda cells: sum(1 for c in cells if c.strip()) >= 2)
        except TableError as exc:
            self.show_failure(ProblemError([exc.problem]))
            return
        if table is None:
            self.show_failure(ProblemError([Problem(key="io.unknown_format", params={
                "file": path.name, "tried": "-"})]))
            return
        header = table.rows[table.header_index(lambda cells: sum(1 for c in cells if c.strip()) >= 2) or 0]
        dialog = MappingDialog(self, header, self.ctx.desk.products.presets(), self.ctx.lang)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target, mapping = dialog.target.currentData(), dialog.mapping()
        if dialog.save_as.text().strip():
            try:
                self.ctx.desk.products.save_preset(dialog.save_as.text().strip(), target, mapping)
            except ProblemError as exc:
                self.show_failure(exc)
                return
        self.import_file(path, reader="products-table", skip_bad_rows=dialog.skip_bad.isChecked(),
                         options={"target": target, "mapping": mapping,
                                  "currency": dialog.currency.text().strip().upper() or None})

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export products"), str(Path.home() / "products.xlsx"),
            self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Any:
        desk, lang = self.ctx.desk, self.ctx.lang

        def done(counts: dict[str, int]) -> None:
            self.status.setText(self.tr("Saved {n} products and {m} listings to {path}.").format(
                n=counts["products"], m=counts["listings"], path=path))

        return self.ctx.ops.run_read(lambda: desk.products.export(path, lang=lang), on_done=done,
                                     on_error=self.show_failure, label="export products")

    # -- errors -------------------------------------------------------------------------------------
    def show_failure(self, exc: BaseException) -> None:
        from seller_desk.ui.ops import Cancelled

        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled."))
            return
        if isinstance(exc, ProblemError):
            lines = [describe(p, self.ctx.lang) for p in exc.problems]
            self.status.setText("\n".join(lines[:5]))
            if self.modal_problems:
                from seller_desk.ui.errors import show_problems

                show_problems(self, exc.problems)
            return
        from seller_desk.ui.errors import show_error

        show_error(self, exc)


__all__ = ["BulkEditDialog", "ListingEditor", "MappingDialog", "Page", "PagedModel", "ProductEditor"]
