"""FX page dialogs: add a record, link evidence, edit netting, type a rate.

Each dialog collects plain values and calls one ``desk.fx`` operation through the page's
background writer; refused input comes back as problems shown inside the dialog (no modal
message box), so the user fixes it in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from seller_desk.core.fx import KINDS
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import describe
from seller_desk.services.fx import CHANNELS
from seller_desk.ui.qt import (
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

KIND_LABELS = {
    "receipt": QT_TRANSLATE_NOOP("FxLabels", "Receipt (收汇)"),
    "payment": QT_TRANSLATE_NOOP("FxLabels", "Payment (付汇)"),
    "settlement": QT_TRANSLATE_NOOP("FxLabels", "Settlement (结汇)"),
    "purchase": QT_TRANSLATE_NOOP("FxLabels", "Purchase (购汇)"),
    "fee": QT_TRANSLATE_NOOP("FxLabels", "Fee"),
}
CHANNEL_LABELS = {
    "manual": QT_TRANSLATE_NOOP("FxLabels", "Other / typed"),
    "enterprise_account": QT_TRANSLATE_NOOP("FxLabels", "Enterprise FX account"),
    "personal_savings": QT_TRANSLATE_NOOP("FxLabels", "Personal FX savings account"),
    "personal_settlement": QT_TRANSLATE_NOOP("FxLabels", "Personal FX settlement account"),
    "worldfirst": QT_TRANSLATE_NOOP("FxLabels", "WorldFirst"),
    "pingpong": QT_TRANSLATE_NOOP("FxLabels", "PingPong"),
    "payoneer": QT_TRANSLATE_NOOP("FxLabels", "Payoneer"),
    "lianlian": QT_TRANSLATE_NOOP("FxLabels", "LianLian"),
    "paypal": QT_TRANSLATE_NOOP("FxLabels", "PayPal"),
    "amazon": QT_TRANSLATE_NOOP("FxLabels", "Amazon payout"),
    "collector": QT_TRANSLATE_NOOP("FxLabels", "Other collector"),
}
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "HKD", "CNY")


def label(text: str) -> str:
    return QCoreApplication.translate("FxLabels", text)


def _lang() -> str:
    from seller_desk.ui.qt import QLocale

    return QLocale().name()


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
        self.problems.setText("\n".join("• " + describe(p, _lang()) for p in problems))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class FxAddDialog(_ProblemDialog):
    """Record a receipt, payment, settlement, purchase or fee."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Add FX record"))
        self.date = QDateEdit(_qdate(today or dt.date.today()))
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
            "date": _pydate(self.date.date()), "kind": self.kind.currentData(),
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
    """Link the orders that back a receipt or settlement (each order's amount backs once)."""

    def __init__(self, ctx: Any, record: Any, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.record = record
        self.setWindowTitle(self.tr("Link trade evidence"))
        usd = f"US${record.usd.amount:,}" if record.usd else self.tr("USD rate missing")
        self.form.addRow(self.tr("Record"), QLabel(
            f"#{record.id}  {record.date}  {label(KIND_LABELS[record.kind])}  "
            f"{record.amount.amount:,} {record.amount.currency}  ({usd})"))
        self.orders = QPlainTextEdit()
        self.orders.setPlaceholderText(self.tr(
            "One order per line: the order number, or NUMBER:AMOUNT CURRENCY:SHIP DATE"))
        self.orders.setPlainText("\n".join(e["order_id"] for e in record.evidence))
        self.form.addRow(self.tr("Orders"), self.orders)
        window = ctx.desk.settings.get("fx.evidence_window_days")
        note = QLabel(self.tr(
            "Collectors usually accept orders shipped within {days} days before the settlement: "
            "a collector practice, not a law.").format(days=window))
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)

    def order_ids(self) -> list[str]:
        return [ln.strip() for ln in self.orders.toPlainText().splitlines() if ln.strip()]

    def operation(self) -> Callable[[], Any]:
        ids, fx, rid = self.order_ids(), self.ctx.desk.fx, self.record.id
        if not ids:
            return lambda: (fx.unlink_evidence(rid), [])
        return lambda: fx.link_evidence(rid, ids)


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
