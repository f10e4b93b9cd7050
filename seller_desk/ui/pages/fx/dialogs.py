"""The FX page's dialogs: add a record, evidence, netting, rate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from seller_desk.core.fx import KINDS
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.i18n import counted
from seller_desk.messages import describe, message
from seller_desk.services.fx import CHANNELS
from seller_desk.ui.guide import guide_button, problems_topic
from seller_desk.ui.pages.fx.labels import CHANNEL_LABELS, CURRENCIES, KIND_LABELS, _lang, label
from seller_desk.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.dates import pydate, qdate


class _ProblemDialog(QDialog):
    """A dialog with an inline problem area and OK/Cancel that runs ``submit``."""

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b02a2a;")
        self.layout_.addWidget(self.problems)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._problems: list[Problem] = []
        self.guide_button = guide_button(self.buttons, lambda: problems_topic(
            self._problems, "fx-200k"))
        self.guide_button.setVisible(False)  # shown with the problems it explains
        self.layout_.addWidget(self.buttons)
        self.result_value: Any = None

    def operation(self) -> Callable[[], Any]:
        raise NotImplementedError

    def submit(self) -> None:
        """Run the operation on the writer; close on success, show problems on refusal."""
        self.problems.setText("")
        self.buttons.setEnabled(False)
        try:
            fn = self.operation()
        except ProblemError as exc:
            self.show_problems(exc.problems)
            self.buttons.setEnabled(True)
            return
        self.ctx.ops.run_write(fn, on_done=self._done, on_error=self._failed,
                               label=type(self).__name__)

    def _done(self, value: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = value
        warnings = value[1] if isinstance(value, tuple) and len(value) == 2 else []
        if warnings:
            self.show_problems(warnings)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ProblemError):
            self.show_problems(exc.problems)
            return
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self.guide_button.setVisible(bool(problems))
        self.problems.setText("\n".join("• " + describe(p, _lang()) for p in problems))




class FxAddDialog(_ProblemDialog):
    """Record a receipt, payment, settlement, purchase or fee."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Add FX record"))
        self.date = QDateEdit(qdate(today or dt.date.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(label(KIND_LABELS[k]), k)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("1,250.00")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.channel = QComboBox()
        for c in CHANNELS:
            self.channel.addItem(label(CHANNEL_LABELS[c]), c)
        self.counterparty = QLineEdit()
        self.cny = QLineEdit()
        self.cny.setPlaceholderText(self.tr("CNY received or paid (settlements, purchases)"))
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(self.tr("e.g. Amazon orders of March, platform data"))
        self.form.addRow(self.tr("Date"), self.date)
        self.form.addRow(self.tr("Type"), self.kind)
        self.form.addRow(self.tr("Amount"), self.amount)
        self.form.addRow(self.tr("Currency"), self.currency)
        self.form.addRow(self.tr("Channel"), self.channel)
        self.form.addRow(self.tr("Counterparty"), self.counterparty)
        self.form.addRow(self.tr("CNY amount"), self.cny)
        self.form.addRow(self.tr("Trade evidence"), self.evidence)

    def values(self) -> dict[str, Any]:
        return {
            "date": pydate(self.date.date()), "kind": self.kind.currentData(),
            "amount": self.amount.text(), "currency": self.currency.currentText().strip().upper(),
            "channel": self.channel.currentData(), "counterparty": self.counterparty.text().strip(),
            "cny": self.cny.text().strip() or None,
            "trade_evidence": self.evidence.text().strip() or None,
        }

    def operation(self) -> Callable[[], Any]:
        values = self.values()
        fx = self.ctx.desk.fx
        return lambda: fx.add_record(**values)


class FxEvidenceDialog(_ProblemDialog):
    """Pick the evidence backing a receipt or settlement: orders shipped in the evidence window
    (search by order number, SKU or buyer country; amount, currency, ship date, USD equivalent,
    how much backs receipts, how much backs settlements, and what is left for this record), the waybills of those orders
    (linking one links its declaration's orders), the company's filings (supporting documents,
    no amount), and a manual entry for orders that are not in SellerDesk. A live line shows
    what the picked orders offer against what the record needs (each order's amount backs
    settlements once in total); the service checks it all again in one transaction on OK."""

    ORDER_COLS = 10
    PAGE = 500

    def __init__(self, ctx: Any, record: Any, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.record = record
        self.setMinimumWidth(900)
        self.setMinimumHeight(560)
        self.setWindowTitle(self.tr("Link trade evidence"))
        usd = f"US${record.usd.amount:,}" if record.usd else self.tr("USD rate missing")
        self.form.addRow(self.tr("Record"), QLabel(
            f"#{record.id}  {record.date}  {label(KIND_LABELS[record.kind])}  "
            f"{record.amount.amount:,} {record.amount.currency}  ({usd})"))
        self.needed: Decimal | None = record.usd.amount if record.usd else None
        self.window_note = QLabel()
        self.window_note.setWordWrap(True)
        self._set_window_note(ctx.desk.settings.get("fx.evidence_window_days"), None)
        self.form.addRow("", self.window_note)

        self.candidates: dict[str, Any] = {"orders": [], "waybills": [], "filings": []}
        self.rows: dict[str, dict[str, Any]] = {}  # every order seen, by id (kept across searches)
        self.checked_orders: list[str] = [e["order_id"] for e in record.evidence]
        self.checked_waybills: set[str] = {d["ref"] for d in record.waybills}
        self.checked_filings: set[int] = {int(d["ref"]) for d in record.filings}
        self._filling = False

        self.tabs = QTabWidget()
        orders_tab = QWidget()
        box = QVBoxLayout(orders_tab)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by order number, SKU or buyer country"))
        self.search.returnPressed.connect(self.load)
        box.addWidget(self.search)
        self.order_table = self._table([
            self.tr("Order"), self.tr("SKU"), self.tr("Buyer country"), self.tr("Shipped"),
            self.tr("Amount"), self.tr("Currency"), self.tr("USD"), self.tr("Backs receipts (USD)"),
            self.tr("Backs settlements (USD)"), self.tr("Left (USD)")], 1)
        for col, tip in ((7, self.tr("How much of the order backs receipts (all of them).")),
                         (8, self.tr("How much of the order backs settlements (all of them).")),
                         (9, self.tr("What the order can still back for this record: the two "
                                     "pools are separate, an order backing a receipt can also "
                                     "back the settlement of that money, but each amount backs "
                                     "settlements only once."))):
            self.order_table.horizontalHeaderItem(col).setToolTip(tip)
        self.order_table.itemChanged.connect(self._order_toggled)
        box.addWidget(self.order_table)
        self.empty = QLabel(self.tr(
            "No orders in SellerDesk shipped in this window match. Orders that are not in "
            "SellerDesk can be typed on the Manual entry tab."))
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        box.addWidget(self.empty)
        self.tabs.addTab(orders_tab, self.tr("Orders"))
        self.waybill_table = self._table([
            self.tr("Logistics company"), self.tr("Company code"), self.tr("Waybill no."),
            self.tr("Orders on it")], 3)
        self.waybill_table.itemChanged.connect(self._waybill_toggled)
        self.tabs.addTab(self.waybill_table, self.tr("Waybills"))
        self.filing_table = self._table([self.tr("Filing"), self.tr("Number"), self.tr("Status")], 0)
        self.filing_table.itemChanged.connect(self._filing_toggled)
        self.tabs.addTab(self.filing_table, self.tr("Filings"))
        manual_tab = QWidget()
        mbox = QVBoxLayout(manual_tab)
        hint = QLabel(self.tr("Orders that are not in SellerDesk, one per line: "
                              "NUMBER:AMOUNT CURRENCY:SHIP DATE (e.g. 113-4410968:59.80 USD:2024-03-02)"))
        hint.setWordWrap(True)
        mbox.addWidget(hint)
        self.orders = QPlainTextEdit()
        self.orders.setPlaceholderText(self.tr(
            "One order per line: the order number, or NUMBER:AMOUNT CURRENCY:SHIP DATE"))
        self.orders.textChanged.connect(self.update_total)
        mbox.addWidget(self.orders)
        self.tabs.addTab(manual_tab, self.tr("Manual entry"))
        self.layout_.insertWidget(1, self.tabs, 1)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.total.setWordWrap(True)
        self.layout_.insertWidget(2, self.total)
        self.update_total()
        self.load()

    # -- building ---------------------------------------------------------------------------------
    def _table(self, headers: list[str], stretch: int) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().setVisible(False)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return t

    def _set_window_note(self, days: Any, start: dt.date | None) -> None:
        text = self.tr("Collectors usually accept orders shipped within {days} days before the "
                       "settlement: a collector practice, not a law.").format(days=days)
        if start is not None:
            text += " " + self.tr("Orders shipped {start} – {end} are listed.").format(
                start=start.isoformat(), end=self.record.date.isoformat())
        self.window_note.setText(text)

    def load(self) -> None:
        """Fetch the candidates (off the GUI thread) for the current search."""
        fx, rid, text = self.ctx.desk.fx, self.record.id, self.search.text().strip()
        self.ctx.ops.run_read(lambda: fx.evidence_candidates(rid, search=text),
                              on_done=self._loaded, label="FxEvidenceCandidates")

    def _loaded(self, data: dict[str, Any]) -> None:
        self.candidates = data
        self.needed = data["needed_usd"]
        self._set_window_note(data["window_days"], data["start"])
        for o in data["orders"]:
            self.rows[o["order_id"]] = o
        self._fill()
        self.empty.setVisible(not data["orders"])
        self.update_total()

    @staticmethod
    def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _check_cell(self, text: str, key: Any, checked: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, key)
        return item

    def _fill(self) -> None:
        self._filling = True
        try:
            orders = self.candidates["orders"]
            t = self.order_table
            t.setRowCount(len(orders))
            for i, o in enumerate(orders):
                money = o["amount"]
                cells = [
                    self._check_cell(o["order_id"], o["order_id"],
                                     o["order_id"] in self.checked_orders),
                    self._cell(", ".join(o["skus"])), self._cell(o["buyer_country"]),
                    self._cell(o["ship_date"].isoformat() if o["ship_date"] else ""),
                    self._cell(f"{money.amount:,}", right=True), self._cell(money.currency),
                    self._cell(self.tr("rate missing") if o["usd"] is None else f"{o['usd']:,}",
                               right=True),
                    self._cell(f"{o['backs_receipts_usd']:,.2f}", right=True),
                    self._cell(f"{o['backs_settlements_usd']:,.2f}", right=True),
                    self._cell("" if o["left_usd"] is None else f"{o['left_usd']:,}", right=True),
                ]
                for c, item in enumerate(cells):
                    t.setItem(i, c, item)
            w_rows = self.candidates["waybills"]
            self.waybill_table.setRowCount(len(w_rows))
            for i, w in enumerate(w_rows):
                self.waybill_table.setItem(i, 0, self._check_cell(
                    w["name"] or w["code"], w["key"], w["key"] in self.checked_waybills))
                self.waybill_table.setItem(i, 1, self._cell(w["code"]))
                self.waybill_table.setItem(i, 2, self._cell(w["number"]))
                self.waybill_table.setItem(i, 3, self._cell(", ".join(w["orders"])))
            f_rows = self.candidates["filings"]
            self.filing_table.setRowCount(len(f_rows))
            for i, f in enumerate(f_rows):
                name = message(f"filing.kind.{f['kind']}", _lang())
                if f["label"]:
                    name += f" ({f['label']})"
                self.filing_table.setItem(i, 0, self._check_cell(
                    name, f["id"], f["id"] in self.checked_filings))
                self.filing_table.setItem(i, 1, self._cell(f["number"]))
                self.filing_table.setItem(i, 2, self._cell(message(
                    f"filing.status.{f['status']}", _lang())))
        finally:
            self._filling = False

    # -- picking ----------------------------------------------------------------------------------
    def _order_toggled(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        oid = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        if on and oid not in self.checked_orders:
            self.checked_orders.append(oid)
        elif not on and oid in self.checked_orders:
            self.checked_orders.remove(oid)
        self.update_total()

    def _waybill_toggled(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.checked_waybills.add(key)
        else:
            self.checked_waybills.discard(key)
        self.update_total()

    def _filing_toggled(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        fid = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.checked_filings.add(fid)
        else:
            self.checked_filings.discard(fid)
        self.update_total()

    def set_checked(self, table: QTableWidget, key: Any, on: bool = True) -> None:
        """Tick the row whose key is ``key`` (tests and keyboard users)."""
        for i in range(table.rowCount()):
            item = table.item(i, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)

    def manual_lines(self) -> list[str]:
        return [ln.strip() for ln in self.orders.toPlainText().splitlines() if ln.strip()]

    def picked_orders(self) -> list[str]:
        """The orders the link will offer, in the order the service uses them: the ticked
        orders, then those the ticked waybills bring (each once)."""
        out = list(self.checked_orders)
        for w in self.candidates["waybills"]:
            if w["key"] in self.checked_waybills:
                out += [o for o in w["orders"] if o not in out]
        return out

    def offered(self) -> tuple[Decimal, list[str], list[str]]:
        """(US$ the picked orders still have, orders used up, orders without a rate)."""
        total, used_up, no_rate = Decimal("0.00"), [], []
        for oid in self.picked_orders():
            o = self.rows.get(oid)
            if o is None:
                continue
            if o["left_usd"] is None:
                no_rate.append(oid)
            elif o["left_usd"] <= 0:
                used_up.append(oid)
            else:
                total += o["left_usd"]
        return total, used_up, no_rate

    def update_total(self) -> None:
        """The live line: linked vs needed, with the coverage rule."""
        if self.needed is None:
            self.total.setText(self.tr("The record has no USD equivalent yet (rate missing); "
                                       "evidence can be linked once the rate is set."))
            return
        total, used_up, no_rate = self.offered()
        parts = [self.tr("Linked orders offer US${linked} of the US${needed} needed.").format(
            linked=f"{total:,}", needed=f"{self.needed:,}")]
        if total < self.needed:
            parts.append(self.tr("Short by US${short}.").format(short=f"{self.needed - total:,}"))
        elif not used_up:
            parts.append(self.tr("Covered."))
        if used_up:
            parts.append(self.tr("Already used in full by other records (untick them or their "
                                 "waybill): {orders}.").format(orders=", ".join(used_up)))
        if no_rate:
            parts.append(self.tr("No rate for the ship month of: {orders}.").format(
                orders=", ".join(no_rate)))
        manual = self.manual_lines()
        if manual:
            parts.append(counted(len(manual), self.tr("{n} manual entry is checked when saved."),
                                 self.tr("{n} manual entries are checked when saved.")))
        if self.checked_filings:
            parts.append(self.tr("Filings attached as supporting documents: {n}.").format(
                n=len(self.checked_filings)))
        self.total.setText(" ".join(parts))
        ok = total >= self.needed and not used_up
        self.total.setStyleSheet("" if ok else "color: #8a5a00;")

    def order_ids(self) -> list[str]:
        """Every order offered (picked and typed), as the service receives them."""
        return [*self.checked_orders, *self.manual_lines()]

    def operation(self) -> Callable[[], Any]:
        fx, rid = self.ctx.desk.fx, self.record.id
        picked: list[Any] = []
        for oid in self.checked_orders:
            row = self.rows.get(oid)
            picked.append(oid if row is None or row.get("source") == "orders" else row["ref"])
        picked += self.manual_lines()
        waybills = sorted(self.checked_waybills)
        filings = sorted(self.checked_filings)
        if not picked and not waybills and not filings:
            return lambda: (fx.unlink_evidence(rid), [])
        return lambda: fx.link_evidence(rid, picked, waybills=waybills, filings=filings)


class FxNettingDialog(_ProblemDialog):
    """Gross proceeds, overseas storage / logistics / tax fees, and the net received."""

    def __init__(self, ctx: Any, record: Any, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.record = record
        cur = record.amount.currency
        self.setWindowTitle(self.tr("Netting (轧差)"))
        note = QLabel(self.tr(
            "Only overseas storage, logistics and tax fees may be netted against export proceeds; "
            "both the gross and the net are declared (汇发〔2020〕11号)."))
        note.setWordWrap(True)
        self.layout_.insertWidget(0, note)

        def amount(m: Any) -> str:
            return "" if m is None else str(m.amount)

        self.gross = QLineEdit(amount(record.gross))
        self.storage = QLineEdit(amount(record.storage_fee))
        self.logistics = QLineEdit(amount(record.logistics_fee))
        self.tax = QLineEdit(amount(record.tax_fee))
        self.net = QLabel(f"{record.amount.amount:,} {cur}")
        self.check = QLabel()
        self.form.addRow(self.tr("Gross proceeds ({cur})").format(cur=cur), self.gross)
        self.form.addRow(self.tr("Overseas storage fee"), self.storage)
        self.form.addRow(self.tr("Logistics fee"), self.logistics)
        self.form.addRow(self.tr("Overseas tax"), self.tax)
        self.form.addRow(self.tr("Net received"), self.net)
        self.form.addRow("", self.check)
        for w in (self.gross, self.storage, self.logistics, self.tax):
            w.textChanged.connect(self.recheck)
        self.recheck()

    def values(self) -> dict[str, str | None]:
        return {"gross": self.gross.text().strip() or None,
                "storage": self.storage.text().strip() or None,
                "logistics": self.logistics.text().strip() or None,
                "tax": self.tax.text().strip() or None}

    def recheck(self) -> None:
        """Live arithmetic: gross − fees against the net received."""
        from seller_desk.core.money import MoneyError, parse_decimal

        v = self.values()
        try:
            fees = sum((parse_decimal(x) for k, x in v.items() if k != "gross" and x), start=0)
            gross = parse_decimal(v["gross"]) if v["gross"] else None
        except MoneyError:
            self.check.setText(self.tr("Amounts must be numbers like 1,234.56"))
            return
        if gross is None:
            restored = self.record.amount.amount + fees
            self.check.setText(self.tr("Gross restored from the net: {gross}").format(
                gross=f"{restored:,}"))
        elif gross - fees == self.record.amount.amount:
            self.check.setText(self.tr("Balanced: gross − fees = net"))
        else:
            self.check.setText(self.tr("Not balanced: gross − fees = {value}, net is {net}").format(
                value=f"{gross - fees:,}", net=f"{self.record.amount.amount:,}"))

    def operation(self) -> Callable[[], Any]:
        values, fx, rid = self.values(), self.ctx.desk.fx, self.record.id
        return lambda: fx.set_netting(rid, **values)


class FxRateDialog(_ProblemDialog):
    """Type one month's SAFE rate (US dollars per one unit of the currency)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, currency: str = "",
                 batch: str = ""):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Set a SAFE rate"))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems([c for c in CURRENCIES if c != "USD"])
        if currency:
            self.currency.setCurrentText(currency)
        self.month = QLineEdit(f"{batch[:4]}-{batch[4:]}" if batch else "")
        self.month.setPlaceholderText("2024-03")
        self.rate = QLineEdit()
        self.rate.setPlaceholderText("1.0856")
        self.form.addRow(self.tr("Currency"), self.currency)
        self.form.addRow(self.tr("Month"), self.month)
        self.form.addRow(self.tr("US dollars per one unit"), self.rate)

    def operation(self) -> Callable[[], Any]:
        cur, month, rate = (self.currency.currentText().strip().upper(), self.month.text().strip(),
                            self.rate.text().strip())
        fx = self.ctx.desk.fx
        return lambda: fx.set_rate(cur, month, rate)
