"""The filing page's dialogs: new filing, edit, status change, bank account."""

from __future__ import annotations

import datetime as dt
from typing import Any

from seller_desk.core import profile as prof
from seller_desk.core.filing import KINDS, TRANSITIONS, FilingKind, FilingStatus
from seller_desk.core.problems import Problem
from seller_desk.messages import message
from seller_desk.ui.pages.filing.labels import (
    ERROR_STYLE,
    PURPOSE_LABELS,
    _date_text,
    _parse_date,
    ftr,
)
from seller_desk.ui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

# ---------------------------------------------------------------------------------------------
# Dialogs


class NewFilingDialog(QDialog):
    """Record a filing: a new draft, or one already submitted or approved."""

    def __init__(self, parent: QWidget, lang: str, seller_kind: str | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New filing"))
        self.lang = lang
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in FilingKind:
            info = KINDS[kind]
            if info.in_force_until and info.in_force_until <= dt.date.today():
                continue  # abolished kinds are kept for history, not offered for new records
            if seller_kind and seller_kind not in info.applies_to:
                continue
            self.kind.addItem(message(f"filing.kind.{kind.value}", lang), kind.value)
        self.status = QComboBox()
        for st in ("draft", "submitted", "approved"):
            self.status.addItem(message(f"filing.status.{st}", lang), st)
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("e.g. Amazon US store"))
        self.number = QLineEdit()
        self.authority = QLineEdit()
        self.authority.setPlaceholderText(self.tr("e.g. 杭州海关"))
        self.on = QLineEdit(dt.date.today().isoformat())
        self.on.setPlaceholderText("YYYY-MM-DD")
        self.valid_until = QLineEdit()
        self.valid_until.setPlaceholderText(self.tr("YYYY-MM-DD, empty: indefinitely"))
        self.note = QLineEdit()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Store / detail"), self.label)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Authority"), self.authority)
        form.addRow(self.tr("Date submitted / approved"), self.on)
        form.addRow(self.tr("Valid until"), self.valid_until)
        form.addRow(self.tr("Note"), self.note)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        status = self.status.currentData()
        on = self.on.text().strip() or None
        out: dict[str, Any] = {
            "kind": self.kind.currentData(), "status": status,
            "label": self.label.text(), "number": self.number.text(),
            "authority": self.authority.text(), "note": self.note.text(),
            "valid_until": self.valid_until.text().strip() or None,
        }
        if status == "submitted":
            out["submitted_on"] = on
        elif status == "approved":
            out["approved_on"] = on
        return out


class FilingEditDialog(QDialog):
    """Correct a filing's details; its status changes only through "Change status"."""

    FIELDS = ("label", "number", "authority", "submitted_on", "approved_on", "valid_from",
              "valid_until", "note")

    def __init__(self, parent: QWidget, lang: str, view: Any):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("Edit filing"))
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), QLabel(message(f"filing.kind.{view.kind}", lang)))
        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "label": self.tr("Store / detail"), "number": self.tr("Number"),
            "authority": self.tr("Authority"), "submitted_on": self.tr("Submitted on"),
            "approved_on": self.tr("Approved on"), "valid_from": self.tr("Valid from"),
            "valid_until": self.tr("Valid until"), "note": self.tr("Note"),
        }
        for key in self.FIELDS:
            value = getattr(view, key)
            edit = QLineEdit(_date_text(value) if isinstance(value, dt.date) else (value or ""))
            if key.endswith(("_on", "_from", "_until")):
                edit.setPlaceholderText("YYYY-MM-DD")
            self.edits[key] = edit
            form.addRow(labels[key], edit)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {k: e.text().strip() or None for k, e in self.edits.items()}

    def _check(self) -> None:
        bad = [Problem(key="io.bad_date", field=k, params={"value": v})
               for k, v in self.values().items()
               if v and k.endswith(("_on", "_from", "_until")) and isinstance(_parse_date(v), str)]
        if bad:
            self.problem.setText("\n".join(message(p, self.lang) for p in bad))
            return
        self.accept()


class FilingStatusDialog(QDialog):
    """Move a filing to one of the statuses its current status allows."""

    def __init__(self, parent: QWidget, lang: str, view: Any):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change status"))
        form = QFormLayout(self)
        self.target = QComboBox()
        for st in TRANSITIONS[FilingStatus(view.status)]:
            self.target.addItem(message(f"filing.status.{st.value}", lang), st.value)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("The authority's reason (for a rejection)"))
        self.number = QLineEdit(view.number or "")
        self.valid_until = QLineEdit(_date_text(view.valid_until))
        self.valid_until.setPlaceholderText(self.tr("YYYY-MM-DD, empty: the kind's default"))
        self.note = QLineEdit()
        form.addRow(self.tr("New status"), self.target)
        form.addRow(self.tr("Date"), self.on)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Valid until"), self.valid_until)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "to": self.target.currentData(),
            "on": self.on.date().toString("yyyy-MM-dd"),
            "reason": self.reason.text() or None,
            "number": self.number.text() or None,
            "valid_until": self.valid_until.text().strip() or None,
            "note": self.note.text() or None,
        }


class FilingBankAccountDialog(QDialog):
    def __init__(self, parent: QWidget, lang: str):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("New bank account"))
        form = QFormLayout(self)
        self.bank_name = QLineEdit()
        self.account_name = QLineEdit()
        self.account_number = QLineEdit()
        self.account_number.setEchoMode(QLineEdit.EchoMode.Password)  # personal data
        self.currency = QLineEdit("USD")
        self.currency.setMaxLength(3)
        self.purpose = QComboBox()
        for key, label in PURPOSE_LABELS.items():
            self.purpose.addItem(ftr(label), key)
        self.swift = QLineEdit()
        form.addRow(self.tr("Bank"), self.bank_name)
        form.addRow(self.tr("Account holder"), self.account_name)
        form.addRow(self.tr("Account number"), self.account_number)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("SWIFT/BIC"), self.swift)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {"bank_name": self.bank_name.text(), "account_name": self.account_name.text(),
                "account_number": self.account_number.text(),
                "currency": self.currency.text().upper(), "purpose": self.purpose.currentData(),
                "swift": self.swift.text() or None}

    def _check(self) -> None:
        v = self.values()
        problems = [p for p in prof.validate_bank_account(prof.BankAccountFacts(
            v["bank_name"], v["account_name"], v["account_number"], v["currency"], v["purpose"],
            v["swift"] or "")) if p.is_error]
        if problems:
            self.problem.setText("\n".join(message(p, self.lang) for p in problems))
            return
        self.accept()
