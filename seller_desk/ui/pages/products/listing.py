"""The listing editor of the products page (a listing's status, price, fulfilment, ids)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seller_desk.core.money import Money, MoneyError, is_currency, parse_decimal
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.core.products import (
    FULFILMENT_CHANNELS,
    LISTING_STATUSES,
    ListingData,
)
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

if TYPE_CHECKING:
    from seller_desk.services.products import ListingSummary


from seller_desk.ui.pages.products.labels import FULFILMENT_LABELS, STATUS_LABELS, tr

#: The report details (``Listing.extra``) the editor shows as external ids.
EXTRA_IDS = ("listing_id", "product_id")


class ListingEditor(QWidget):
    """The selected listing's fields; validated as the user types (problems listed below)."""

    def __init__(self, page: Any):
        super().__init__()
        self.page = page
        self.listing: ListingSummary | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("No listing selected"))
        self.title.setObjectName("listingTitle")
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("revertListing")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveListing")
        top.addWidget(self.title, 1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        outer.addLayout(top)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

        def add(name: str, label: str, widget: QWidget, shown: QWidget | None = None) -> None:
            caption = QLabel(label)
            self.labels[name] = caption
            self.inputs[name] = widget
            widget.setObjectName(f"listing_{name}")
            form.addRow(caption, shown or widget)

        self.store = QLabel()
        self.store.setObjectName("listing_store")
        form.addRow(QLabel(self.tr("Store")), self.store)
        self.msku = QLabel()
        self.msku.setObjectName("listing_msku")
        self.msku.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.labels["msku"] = QLabel(self.tr("Marketplace SKU"))
        form.addRow(self.labels["msku"], self.msku)
        sku = QLineEdit()
        sku.setPlaceholderText(self.tr("the product SKU this listing sells"))
        add("sku", self.tr("Maps to SKU"), sku)
        add("external_id", self.tr("Item ID / ASIN"), QLineEdit())
        add("listing_id", self.tr("Listing ID"), QLineEdit())
        add("product_id", self.tr("Product ID (EAN/UPC)"), QLineEdit())
        add("title", self.tr("Title"), QLineEdit())
        price_row = QWidget()
        row = QHBoxLayout(price_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.price = QLineEdit()
        self.currency = QLineEdit()
        self.currency.setObjectName("listing_currency")
        self.currency.setMaximumWidth(60)
        row.addWidget(self.price)
        row.addWidget(self.currency)
        add("price", self.tr("Price"), self.price, price_row)
        self.inputs["currency"] = self.currency
        self.labels["currency"] = self.labels["price"]
        add("quantity", self.tr("Quantity"), QLineEdit())
        status = QComboBox()
        for s in LISTING_STATUSES:
            status.addItem(tr(STATUS_LABELS[s]), s)
        add("status", self.tr("Status"), status)
        fulfilment = QComboBox()
        for f in FULFILMENT_CHANNELS:
            fulfilment.addItem(tr(FULFILMENT_LABELS[f]), f)
        add("fulfilment", self.tr("Fulfilment"), fulfilment)
        outer.addLayout(form)
        self.details = QLabel()
        self.details.setObjectName("listingDetails")
        self.details.setWordWrap(True)
        outer.addWidget(self.details)
        self.problems = QLabel()
        self.problems.setObjectName("listingProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.problems)
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
        self.current_problems: list[Problem] = []
        #: the user typed since the listing was loaded (a change elsewhere then does not reload)
        self.dirty = False
        page.ctx.bus.changed.connect(self._on_changes)
        self.load(None)

    # -- loading ----------------------------------------------------------------------------------
    def _edited(self, *_: Any) -> None:
        if not self._loading:
            self.dirty = True
            self._timer.start()

    def _on_changes(self, changes: Any) -> None:
        """A change elsewhere (a bulk edit, an import, sync) to the listing shown: reload it,
        unless the user is editing it; then Save is refused as stale and Revert reloads."""
        if self.listing is None or self.dirty or not changes.touches("listing"):
            return
        ids = changes.ids.get("listing", frozenset())
        if not ids or str(self.listing.id) in ids:
            try:
                self.load(self.page.ctx.desk.products.listing(self.listing.id))
            except ProblemError:  # deleted meanwhile: nothing to show
                self.load(None)

    def load(self, listing: ListingSummary | None) -> None:
        """Show ``listing`` (None: nothing selected, the form disabled)."""
        self._loading = True
        self.dirty = False
        try:
            self.listing = listing
            for w in (*self.inputs.values(), self.save_button, self.revert_button):
                w.setEnabled(listing is not None)
            if listing is None:
                self.title.setText(self.tr("No listing selected"))
                self.store.setText("")
                self.msku.setText("")
                for w in self.inputs.values():
                    if isinstance(w, QLineEdit):
                        w.setText("")
                self.details.setText("")
                self.problems.setText("")
                self.current_problems = []
                return
            self.title.setText(f"{listing.store} · {listing.msku}")
            self.store.setText(listing.store)
            self.msku.setText(listing.msku)
            self._text("sku", listing.sku)
            self._text("external_id", listing.external_id)
            for name in EXTRA_IDS:
                self._text(name, listing.extra.get(name, ""))
            self._text("title", listing.title)
            self.price.setText(f"{listing.price.amount}" if listing.price else "")
            self.currency.setText(listing.price.currency if listing.price else self._store_currency())
            self._text("quantity", "" if listing.quantity is None else str(listing.quantity))
            for name in ("status", "fulfilment"):
                box = self.inputs[name]
                assert isinstance(box, QComboBox)
                box.setCurrentIndex(max(0, box.findData(getattr(listing, name))))
            shown = {k: v for k, v in sorted(listing.extra.items()) if k not in EXTRA_IDS}
            self.details.setText("\n".join(f"{k}: {v}" for k, v in shown.items()))
        finally:
            self._loading = False
        self.validate_now()

    def _text(self, name: str, value: str) -> None:
        w = self.inputs[name]
        assert isinstance(w, QLineEdit)
        w.setText(value)

    def _store_currency(self) -> str:
        """The currency a price typed into an unpriced listing is in: its store's."""
        if self.listing is None:
            return ""
        return self.page.ctx.desk.products.store_currency(self.listing.store) or ""

    def revert(self) -> None:
        """Throw away the edits: reload the stored listing."""
        if self.listing is not None:
            self.page.open_listing(self.listing.id)

    # -- reading and validating ----------------------------------------------------------------------
    def read(self) -> tuple[ListingData, dict[str, str], list[Problem]]:
        """The form as ListingData and report details, and the problems of cells that are not
        numbers or currencies (those cells read as empty, so the other checks still run)."""
        assert self.listing is not None
        problems: list[Problem] = []
        text = {n: w.text().strip() for n, w in self.inputs.items() if isinstance(w, QLineEdit)}
        price = None
        currency = text["currency"].upper()
        if text["price"]:
            try:
                price = Money.of(text["price"], currency)
            except MoneyError as exc:
                field = "currency" if not is_currency(currency) else "price"
                problems.append(Problem(key=exc.problem.key, params=exc.problem.params, field=field))
        elif currency and not is_currency(currency):
            problems.append(Problem(key="money.unknown_currency", params={"currency": currency},
                                    field="currency"))
        quantity = None
        if text["quantity"]:
            try:
                q = parse_decimal(text["quantity"])
                if q != q.to_integral_value():
                    raise MoneyError("products.not_a_quantity", value=text["quantity"])
                quantity = int(q)
            except MoneyError:
                problems.append(Problem(key="products.not_a_quantity",
                                        params={"value": text["quantity"]}, field="quantity"))
        li = self.listing
        status, fulfilment = self.inputs["status"], self.inputs["fulfilment"]
        assert isinstance(status, QComboBox) and isinstance(fulfilment, QComboBox)
        data = ListingData(platform=li.platform, store=li.store, msku=li.msku, sku=text["sku"],
                           external_id=text["external_id"], title=text["title"], price=price,
                           quantity=quantity, status=status.currentData(),
                           fulfilment=fulfilment.currentData())
        return data, {n: text[n] for n in EXTRA_IDS}, problems

    def validate_now(self) -> list[Problem]:
        if self.listing is None:
            return []
        data, _extra, problems = self.read()
        problems = problems + self.page.ctx.desk.products.validate_listing(
            data, listing_id=self.listing.id)
        self.current_problems = problems
        bad = {p.field for p in problems if p.is_error}
        for name, widget in self.inputs.items():
            widget.setProperty("invalid", name in bad)
            widget.setStyleSheet("border: 1px solid #c0392b;" if name in bad else "")
        lang = self.page.ctx.lang
        self.problems.setText("\n".join(
            ("✖ " if p.is_error else "• ") + self._field_label(p) + describe(p, lang)
            for p in problems))
        self.save_button.setEnabled(not any(p.is_error for p in problems))
        return problems

    def _field_label(self, p: Problem) -> str:
        label = self.labels.get(p.field or "")
        if label is None:
            return ""
        return label.text() + ("：" if self.page.ctx.lang.startswith("zh") else ": ")

    # -- saving ---------------------------------------------------------------------------------------
    def save(self) -> Any:
        if self.listing is None:
            return None
        data, extra, _problems = self.read()
        if any(p.is_error for p in self.validate_now()):
            return None
        desk = self.page.ctx.desk
        lid, version = self.listing.id, self.listing.version

        def work() -> Any:
            desk.products.save_listing(data, listing_id=lid, expected_version=version, extra=extra)
            return desk.products.listing(lid)

        def done(summary: Any) -> None:
            self.load(summary)
            self.page.status.setText(self.tr("Saved {msku}.").format(msku=summary.msku))

        return self.page.ctx.ops.run_write(work, on_done=done, on_error=self.page.show_failure,
                                           label="save listing")
