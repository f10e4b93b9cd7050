"""备案: the seller's profile, each filing with its status history, and the documents proving it.

Tabs: Filings (table with status colours and filters, detail pane with history and documents,
files dropped on the pane are attached), Profile (form with live validation next to each
field, contacts, bank accounts shown masked), Requirements (date-aware: what this seller needs
on a date) and Employees & assets (the quarterly figures the tax area averages).

Reads and writes go through ``ctx.ops``; domain problems come back as data and are shown next
to their field or in the standard problems box.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from seller_desk.core import identity as ident
from seller_desk.core import profile as prof
from seller_desk.core.filing import KINDS, TRANSITIONS, FilingKind, FilingStatus, Need
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import message
from seller_desk.services.changes import Changes
from seller_desk.ui.filing_documents import DocumentsPane, dropped_paths
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QCheckBox,
    QColor,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QModelIndex,
    QPushButton,
    QScrollArea,
    QSortFilterProxyModel,
    QSpinBox,
    QSplitter,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

#: Background and text colour of each (effective) status in the filings table.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "draft": ("#eceff1", "#37474f"),
    "submitted": ("#dbe9ff", "#0d47a1"),
    "approved": ("#dcf5e3", "#1b5e20"),
    "rejected": ("#ffdede", "#b71c1c"),
    "expired": ("#ffeccc", "#8a4b00"),
    "cancelled": ("#f3f3f3", "#8a8a8a"),
}
ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #8a4b00;"
OK_STYLE = "color: #1b5e20;"

NEED_LABELS = {
    "required": QT_TRANSLATE_NOOP("FilingPage", "Required"),
    "conditional": QT_TRANSLATE_NOOP("FilingPage", "If applicable"),
    "optional": QT_TRANSLATE_NOOP("FilingPage", "Optional"),
    "not_required": QT_TRANSLATE_NOOP("FilingPage", "No longer required"),
    "not_applicable": QT_TRANSLATE_NOOP("FilingPage", "Not applicable"),
}
ROLE_LABELS = {
    "legal_representative": QT_TRANSLATE_NOOP("FilingPage", "Legal representative"),
    "customs": QT_TRANSLATE_NOOP("FilingPage", "Customs"),
    "finance": QT_TRANSLATE_NOOP("FilingPage", "Finance"),
    "operations": QT_TRANSLATE_NOOP("FilingPage", "Operations"),
    "other": QT_TRANSLATE_NOOP("FilingPage", "Other"),
}
PURPOSE_LABELS = {
    "fx_settlement": QT_TRANSLATE_NOOP("FilingPage", "FX settlement"),
    "cny_settlement": QT_TRANSLATE_NOOP("FilingPage", "CNY settlement"),
    "payment_provider": QT_TRANSLATE_NOOP("FilingPage", "Payment provider"),
    "other": QT_TRANSLATE_NOOP("FilingPage", "Other"),
}
SELLER_KINDS = ("enterprise", "individual_business", "individual")


def ftr(text: str) -> str:
    """Translate in the page's own context (strings marked with QT_TRANSLATE_NOOP above)."""
    from seller_desk.ui.qt import QCoreApplication

    return QCoreApplication.translate("FilingPage", text)


def _date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _parse_date(text: str) -> dt.date | str | None:
    """A date, None for empty, or the text back when it is not a date."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


# ---------------------------------------------------------------------------------------------
# Filings table


class FilingsModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("FilingPage", "Filing"),
        QT_TRANSLATE_NOOP("FilingPage", "Store / detail"),
        QT_TRANSLATE_NOOP("FilingPage", "Number"),
        QT_TRANSLATE_NOOP("FilingPage", "Status"),
        QT_TRANSLATE_NOOP("FilingPage", "Valid until"),
        QT_TRANSLATE_NOOP("FilingPage", "Documents"),
    )

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ftr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                message(f"filing.kind.{v.kind}", self.lang),
                v.label or "",
                v.number or "",
                message(f"filing.status.{v.effective_status}", self.lang),
                _date_text(v.valid_until),
                str(v.documents) if v.documents else "",
            )[col]
        if role == Qt.ItemDataRole.UserRole:
            return (v.kind, v.label or "", v.number or "", v.effective_status,
                    _date_text(v.valid_until) or "9999", v.documents)[col]
        if role == Qt.ItemDataRole.BackgroundRole and col == 3:
            return QColor(STATUS_COLOURS[v.effective_status][0])
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(STATUS_COLOURS[v.effective_status][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [message(p, self.lang) for p in v.problems]
            if v.reason:
                notes.insert(0, v.reason)
            return "\n".join(notes) or None
        return None


class FilingsFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.status: str | None = None
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, kind: str | None, status: str | None, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.kind, self.status, self.text = kind, status, text.strip().lower()
            self.endFilterChange()
        else:
            self.kind, self.status, self.text = kind, status, text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model: FilingsModel = self.sourceModel()  # type: ignore[assignment]
        v = model.rows[row]
        if self.kind and v.kind != self.kind:
            return False
        if self.status and v.effective_status != self.status:
            return False
        if self.text:
            hay = " ".join([v.label or "", v.number or "", v.authority or "", v.note or "",
                            message(f"filing.kind.{v.kind}", model.lang)]).lower()
            return self.text in hay
        return True


class FilingDropPane(QFrame):
    """The detail pane: files dropped on it are attached to the shown filing."""

    def __init__(self, on_files: Any):
        super().__init__()
        self.on_files = on_files
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.on_files(paths)


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


# ---------------------------------------------------------------------------------------------
# Profile form with live validation


class FilingFieldRow(QWidget):
    """An input with its message line underneath (error red, warning amber)."""

    def __init__(self, editor: QWidget):
        super().__init__()
        self.editor = editor
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(editor)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        box.addWidget(self.note)

    def show_problems(self, problems: list[Problem], lang: str, ok_text: str = "") -> None:
        if problems:
            worst = ERROR_STYLE if any(p.is_error for p in problems) else WARNING_STYLE
            self.note.setStyleSheet(worst)
            self.note.setText("\n".join(message(p, lang) for p in problems))
            self.note.setVisible(True)
        elif ok_text:
            self.note.setStyleSheet(OK_STYLE)
            self.note.setText(ok_text)
            self.note.setVisible(True)
        else:
            self.note.clear()
            self.note.setVisible(False)


class FilingProfileTab(QWidget):
    def __init__(self, page: FilingPage):
        super().__init__()
        self.page = page
        self.lang = page.ctx.lang
        self.stored_kind = ""
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        group = QGroupBox(self.tr("Who you are"))
        form = QFormLayout(group)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.kind = QComboBox()
        for kind in SELLER_KINDS:
            self.kind.addItem(message(f"seller_kind.{kind}", self.lang), kind)
        self.name_zh = QLineEdit()
        self.name_en = QLineEdit()
        self.id_code = QLineEdit()
        self.id_code.setObjectName("idCodeEdit")
        self.id_current = QLabel()
        self.id_current.setObjectName("idMasked")
        self.reveal = QPushButton(self.tr("Reveal"))
        self.reveal.setToolTip(self.tr("Show the full number once; this is recorded in the audit log."))
        self.confirm_region = QCheckBox(self.tr("I have checked this number against the card"))
        self.confirm_region.setVisible(False)
        self.customs_code = QLineEdit()
        self.zone = QLineEdit()
        self.zone_customs_code = QLineEdit()
        self.zone_customs_code.setMaxLength(4)
        self.address = QLineEdit()
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        self.contact_email = QLineEdit()
        self.rows: dict[str, FilingFieldRow] = {}
        id_line = QWidget()
        id_box = QHBoxLayout(id_line)
        id_box.setContentsMargins(0, 0, 0, 0)
        id_box.addWidget(self.id_current)
        id_box.addWidget(self.reveal)
        id_box.addStretch(1)
        self.id_code.setPlaceholderText(self.tr("Type a new code to replace it"))
        for key, label, editor in (
            ("kind", self.tr("Kind"), self.kind),
            ("name_zh", self.tr("Legal name (Chinese)"), self.name_zh),
            ("name_en", self.tr("Legal name (English)"), self.name_en),
            ("id_current", self.tr("Identity code"), id_line),
            ("id_code", self.tr("New identity code"), self.id_code),
            ("confirm", "", self.confirm_region),
            ("customs_code", self.tr("Customs registration code"), self.customs_code),
            ("zone", self.tr("Pilot zone"), self.zone),
            ("zone_customs_code", self.tr("Zone customs office"), self.zone_customs_code),
            ("address", self.tr("Address"), self.address),
            ("contact_name", self.tr("Contact"), self.contact_name),
            ("contact_phone", self.tr("Phone"), self.contact_phone),
            ("contact_email", self.tr("E-mail"), self.contact_email),
        ):
            row = FilingFieldRow(editor)
            self.rows[key] = row
            form.addRow(label, row)
        buttons = QHBoxLayout()
        self.save = QPushButton(self.tr("Save profile"))
        self.save.setObjectName("saveProfile")
        self.saved = QLabel()
        buttons.addWidget(self.save)
        buttons.addWidget(self.saved, 1)
        form.addRow(buttons)
        layout.addWidget(group)

        contacts = QGroupBox(self.tr("Contacts"))
        cl = QVBoxLayout(contacts)
        self.contacts = QTableWidget(0, 4)
        self.contacts.setObjectName("contactsTable")
        self.contacts.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Phone"), self.tr("E-mail")])
        self._table_style(self.contacts)
        cl.addWidget(self.contacts)
        add = QHBoxLayout()
        self.c_name = QLineEdit()
        self.c_name.setPlaceholderText(self.tr("Name"))
        self.c_role = QComboBox()
        for key, label in ROLE_LABELS.items():
            self.c_role.addItem(ftr(label), key)
        self.c_phone = QLineEdit()
        self.c_phone.setPlaceholderText(self.tr("Phone"))
        self.c_email = QLineEdit()
        self.c_email.setPlaceholderText(self.tr("E-mail"))
        self.c_add = QPushButton(self.tr("Add contact"))
        self.c_remove = QPushButton(self.tr("Remove"))
        for w in (self.c_name, self.c_role, self.c_phone, self.c_email, self.c_add,
                  self.c_remove):
            add.addWidget(w)
        cl.addLayout(add)
        self.c_problem = QLabel()
        self.c_problem.setStyleSheet(ERROR_STYLE)
        self.c_problem.setWordWrap(True)
        cl.addWidget(self.c_problem)
        layout.addWidget(contacts)

        accounts = QGroupBox(self.tr("Bank accounts"))
        al = QVBoxLayout(accounts)
        self.accounts = QTableWidget(0, 5)
        self.accounts.setObjectName("accountsTable")
        self.accounts.setHorizontalHeaderLabels(
            [self.tr("Bank"), self.tr("Account holder"), self.tr("Account number"),
             self.tr("Currency"), self.tr("Purpose")])
        self._table_style(self.accounts)
        al.addWidget(self.accounts)
        ab = QHBoxLayout()
        self.a_add = QPushButton(self.tr("Add account…"))
        self.a_reveal = QPushButton(self.tr("Reveal number"))
        self.a_reveal.setToolTip(self.tr("Show the full number once; this is recorded in the audit log."))
        self.a_remove = QPushButton(self.tr("Remove"))
        for w in (self.a_add, self.a_reveal, self.a_remove):
            ab.addWidget(w)
        ab.addStretch(1)
        al.addLayout(ab)
        layout.addWidget(accounts)
        layout.addStretch(1)

        for editor in (self.name_zh, self.name_en, self.id_code, self.customs_code,
                       self.zone_customs_code, self.contact_phone, self.contact_email):
            editor.textChanged.connect(self.validate)
        self.kind.currentIndexChanged.connect(self.validate)
        self.confirm_region.toggled.connect(self.validate)
        self.save.clicked.connect(self.submit)
        self.reveal.clicked.connect(self.reveal_identity)
        self.c_add.clicked.connect(self.add_contact)
        self.c_remove.clicked.connect(self.remove_contact)
        self.a_add.clicked.connect(self.add_account)
        self.a_reveal.clicked.connect(self.reveal_account)
        self.a_remove.clicked.connect(self.remove_account)
        self._contact_ids: list[int] = []
        self._account_ids: list[int] = []

    @staticmethod
    def _table_style(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(110)

    # -- loading ------------------------------------------------------------------------------
    def show_profile(self, p: Any) -> None:
        if p is None:
            return
        self.stored_kind = p.kind
        widgets = (self.kind, self.name_zh, self.name_en, self.id_code, self.customs_code,
                   self.zone, self.zone_customs_code, self.address, self.contact_name,
                   self.contact_phone, self.contact_email)
        for w in widgets:
            w.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.kind)))
        self.name_zh.setText(p.name_zh)
        self.name_en.setText(p.name_en or "")
        self.id_code.clear()
        self.id_current.setText(p.id_masked)
        self.customs_code.setText(p.customs_code or "")
        self.zone.setText(p.zone or "")
        self.zone_customs_code.setText(p.zone_customs_code or "")
        self.address.setText(p.address or "")
        self.contact_name.setText(p.contact_name or "")
        self.contact_phone.setText(p.contact_phone or "")
        self.contact_email.setText(p.contact_email or "")
        for w in widgets:
            w.blockSignals(False)
        self.contacts.setRowCount(len(p.contacts))
        self._contact_ids = [c.id for c in p.contacts]
        for i, c in enumerate(p.contacts):
            for j, text in enumerate((c.name, ftr(ROLE_LABELS.get(c.role, c.role)), c.phone or "",
                                      c.email or "")):
                self.contacts.setItem(i, j, QTableWidgetItem(text))
        self.accounts.setRowCount(len(p.accounts))
        self._account_ids = [a.id for a in p.accounts]
        for i, a in enumerate(p.accounts):
            purpose = ftr(PURPOSE_LABELS.get(a.purpose, a.purpose))
            if a.is_default:
                purpose += " ★"
            for j, text in enumerate((a.bank_name, a.account_name, a.account_masked, a.currency,
                                      purpose)):
                self.accounts.setItem(i, j, QTableWidgetItem(text))
        self.validate()

    # -- live validation ----------------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        out = {
            "kind": self.kind.currentData(), "name_zh": self.name_zh.text(),
            "name_en": self.name_en.text(), "customs_code": self.customs_code.text(),
            "zone": self.zone.text(), "zone_customs_code": self.zone_customs_code.text(),
            "address": self.address.text(), "contact_name": self.contact_name.text(),
            "contact_phone": self.contact_phone.text(),
            "contact_email": self.contact_email.text(),
        }
        if self.id_code.text().strip():
            out["id_code"] = self.id_code.text()
        return out

    def validate(self) -> list[Problem]:
        """Check every field as typed (core rules only, no database) and show the messages."""
        v = self.form_values()
        kind = v["kind"]
        found: dict[str, list[Problem]] = {k: [] for k in self.rows}
        found["name_zh"] += prof.check_legal_name(v["name_zh"], kind)
        found["name_en"] += prof.check_legal_name_en(v["name_en"])
        ok_id = ""
        needs_confirmation = False
        if "id_code" in v:
            result = ident.check_identity_for_kind(kind, v["id_code"],
                                                   confirmed_region=self.confirm_region.isChecked())
            found["id_code"] += result.problems
            needs_confirmation = result.needs_confirmation or (
                self.confirm_region.isChecked() and any(
                    p.key.startswith(("identity.ric.permit", "identity.ric.region"))
                    for p in result.problems))
            if result.valid:
                ok_id = self._id_summary(result)
        elif kind != self.stored_kind:
            # the stored code must fit the new kind: ask for the matching code
            key = "profile.ric_required" if kind == "individual" else "profile.uscc_required"
            if (kind == "individual") != (self.stored_kind == "individual"):
                found["id_code"].append(Problem(key=key, field="id_code"))
        self.confirm_region.setVisible(needs_confirmation)
        found["customs_code"] += prof.check_customs(v["customs_code"])
        found["zone_customs_code"] += prof.check_customs_office(v["zone_customs_code"])
        contact = prof.validate_contact(prof.ContactFacts(
            "-", "other", v["contact_phone"], v["contact_email"]))
        found["contact_phone"] += [p for p in contact if p.field == "phone" and p.is_error]
        found["contact_email"] += [p for p in contact if p.field == "email"]
        for key, row in self.rows.items():
            row.show_problems(found[key], self.lang, ok_id if key == "id_code" else "")
        problems = [p for ps in found.values() for p in ps]
        self.save.setEnabled(not any(p.is_error for p in problems))
        return problems

    def _id_summary(self, result: ident.IdCheck) -> str:
        d = result.details
        if result.kind == "ric":
            return self.tr("Valid resident ID: {place}, born {birth}").format(
                place=(d.get("province", "") + d.get("county", "")) or d.get("region", ""),
                birth=d.get("birth_date", ""))
        place = d.get("province", d.get("region", ""))
        if d.get("place") and d.get("place") != place:
            place += d["place"]
        return self.tr("Valid USCC: {place}, organisation code {org}").format(
            place=place, org=d.get("organisation_code", ""))

    # -- writes -------------------------------------------------------------------------------
    def submit(self) -> None:
        values = self.form_values()
        confirmed = self.confirm_region.isChecked()
        self.saved.clear()
        self.page.ctx.ops.run_write(
            lambda: self.page.ctx.desk.filing.update_profile(identity_confirmed=confirmed,
                                                             **values),
            on_done=self._saved, on_error=self._refused, label="profile")

    def _saved(self, profile: Any) -> None:
        self.saved.setStyleSheet(OK_STYLE)
        self.saved.setText(self.tr("Saved."))
        self.show_profile(profile)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ProblemError):
            by_field: dict[str, list[Problem]] = {}
            for p in exc.problems:
                by_field.setdefault(p.field or "", []).append(p)
            placed = False
            for key, row in self.rows.items():
                if key in by_field:
                    row.show_problems(by_field[key], self.lang)
                    placed = True
            if placed:
                return
        self.page.show_failure(exc)

    def reveal_identity(self) -> None:
        def done(code: str) -> None:
            self.id_current.setText(code)
            self.id_current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.page.ctx.ops.run_write(self.page.ctx.desk.filing.reveal_identity, on_done=done,
                                    on_error=self.page.show_failure, label="reveal")

    def add_contact(self) -> None:
        values = {"name": self.c_name.text(), "role": self.c_role.currentData(),
                  "phone": self.c_phone.text(), "email": self.c_email.text()}
        problems = [p for p in prof.validate_contact(prof.ContactFacts(**values)) if p.is_error]
        if problems:
            self.c_problem.setText("\n".join(message(p, self.lang) for p in problems))
            return
        self.c_problem.clear()
        for w in (self.c_name, self.c_phone, self.c_email):
            w.clear()
        self.page.ctx.ops.run_write(lambda: self.page.ctx.desk.filing.add_contact(**values),
                                    on_error=self.page.show_failure, label="contact")

    def remove_contact(self) -> None:
        row = self.contacts.currentRow()
        if 0 <= row < len(self._contact_ids):
            cid = self._contact_ids[row]
            self.page.ctx.ops.run_write(self.page.ctx.desk.filing.delete_contact, cid,
                                        on_error=self.page.show_failure, label="contact")

    def add_account(self) -> None:
        dialog = FilingBankAccountDialog(self, self.lang)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.page.ctx.ops.run_write(lambda: self.page.ctx.desk.filing.add_bank_account(**values),
                                    on_error=self.page.show_failure, label="account")

    def reveal_account(self) -> None:
        row = self.accounts.currentRow()
        if not 0 <= row < len(self._account_ids):
            return
        aid = self._account_ids[row]

        def done(number: str) -> None:
            item = QTableWidgetItem(number)
            self.accounts.setItem(row, 2, item)

        self.page.ctx.ops.run_write(self.page.ctx.desk.filing.reveal_account, aid, on_done=done,
                                    on_error=self.page.show_failure, label="reveal")

    def remove_account(self) -> None:
        row = self.accounts.currentRow()
        if 0 <= row < len(self._account_ids):
            aid = self._account_ids[row]
            self.page.ctx.ops.run_write(self.page.ctx.desk.filing.delete_bank_account, aid,
                                        on_error=self.page.show_failure, label="account")


# ---------------------------------------------------------------------------------------------
# The page


class FilingPage(BasePage):
    watches = ("filing", "document", "company", "contact", "bank_account", "company_quarter")

    def __init__(self, ctx: Any, info: PageInfo):
        super().__init__(ctx, info)
        self.lang = ctx.lang
        self.current_id: int | None = None
        self.current: Any = None
        layout = QVBoxLayout(self)
        self.heading(layout)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._filings_tab(), self.tr("Filings"))
        self.profile_tab = FilingProfileTab(self)
        self.tabs.addTab(self.profile_tab, self.tr("Profile"))
        self.tabs.addTab(self._requirements_tab(), self.tr("Requirements"))
        self.tabs.addTab(self._quarters_tab(), self.tr("Employees and assets"))

    # -- filings tab --------------------------------------------------------------------------
    def _filings_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        self.reminder_label = QLabel()
        self.reminder_label.setObjectName("filingReminders")
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setVisible(False)
        box.addWidget(self.reminder_label)
        bar = QHBoxLayout()
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in FilingKind:
            self.kind_filter.addItem(message(f"filing.kind.{kind.value}", self.lang), kind.value)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for st in FilingStatus:
            self.status_filter.addItem(message(f"filing.status.{st.value}", self.lang), st.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search store, number, authority…"))
        self.new_button = QPushButton(self.tr("New filing…"))
        self.new_button.setObjectName("newFiling")
        self.check_button = QPushButton(self.tr("Check documents"))
        self.check_button.setToolTip(self.tr("Find attached files that are missing from the "
                                             "company folder or changed since they were attached."))
        for w in (self.kind_filter, self.status_filter, self.search):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.check_button)
        bar.addWidget(self.new_button)
        box.addLayout(bar)
        self.vault_label = QLabel()
        self.vault_label.setObjectName("vaultCheck")
        self.vault_label.setWordWrap(True)
        self.vault_label.setVisible(False)
        box.addWidget(self.vault_label)
        self.check_button.clicked.connect(self.check_documents)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = FilingsModel(self.lang)
        self.proxy = FilingsFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("filings")
        self.table.setModel(self.proxy)
        # newest first until the user sorts by a column
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 170)
        header.setStretchLastSection(True)
        split.addWidget(self.table)
        split.addWidget(self._detail_pane())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 480])
        box.addWidget(split, 1)

        self.kind_filter.currentIndexChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.new_button.clicked.connect(self.new_filing)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        return tab

    def _detail_pane(self) -> QWidget:
        self.pane = FilingDropPane(self.attach_files)
        self.pane.setObjectName("filingDetail")
        self.pane.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.pane)
        self.d_title = QLabel(self.tr("Select a filing"))
        self.d_title.setObjectName("filingTitle")
        self.d_title.setWordWrap(True)
        font = self.d_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.d_title.setFont(font)
        box.addWidget(self.d_title)
        self.d_status = QLabel()
        self.d_status.setObjectName("filingStatus")
        box.addWidget(self.d_status)
        grid = QGridLayout()
        self.d_fields: dict[str, QLabel] = {}
        for i, (key, label) in enumerate((
            ("authority", self.tr("Authority")), ("number", self.tr("Number")),
            ("submitted_on", self.tr("Submitted")), ("approved_on", self.tr("Approved")),
            ("valid", self.tr("Valid")), ("reason", self.tr("Reason")), ("note", self.tr("Note")),
        )):
            name = QLabel(label + "：" if self.lang.startswith("zh") else label + ":")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.d_fields[key] = value
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)
        self.d_warnings = QLabel()
        self.d_warnings.setWordWrap(True)
        self.d_warnings.setStyleSheet(WARNING_STYLE)
        box.addWidget(self.d_warnings)
        actions = QHBoxLayout()
        self.status_button = QPushButton(self.tr("Change status…"))
        self.status_button.setObjectName("changeStatus")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.delete_button = QPushButton(self.tr("Delete draft"))
        for w in (self.status_button, self.edit_button, self.attach_button, self.delete_button):
            w.setEnabled(False)
            actions.addWidget(w)
        actions.addStretch(1)
        box.addLayout(actions)
        box.addWidget(QLabel(self.tr("History")))
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("filingHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Change"), self.tr("Details")])
        FilingProfileTab._table_style(self.history)
        self.history.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.history, 1)
        # the vault's shared pane; the whole detail pane takes drops (FilingDropPane), and
        # Attach… sits with the filing's other actions above
        self.docs_pane = DocumentsPane(self.ctx, show_attach=False)
        self.docs_pane.docs.setObjectName("filingDocuments")
        self.docs = self.docs_pane.docs
        self.preview = self.docs_pane.preview
        self.caption = self.docs_pane.caption
        box.addWidget(self.docs_pane)

        self.status_button.clicked.connect(self.change_status)
        self.edit_button.clicked.connect(self.edit_filing)
        self.attach_button.clicked.connect(self.docs_pane.choose_files)
        self.delete_button.clicked.connect(self.delete_draft)
        return self.pane

    # -- requirements tab ---------------------------------------------------------------------
    def _requirements_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("On")))
        self.req_on = QDateEdit(QDate.currentDate())
        self.req_on.setCalendarPopup(True)
        self.req_on.setDisplayFormat("yyyy-MM-dd")
        bar.addWidget(self.req_on)
        bar.addWidget(QLabel(self.tr("Trade modes")))
        self.mode_boxes: dict[str, QCheckBox] = {}
        for mode in ("9610", "9710", "9810", "1210"):
            cb = QCheckBox(mode)
            cb.setChecked(mode == "9610")
            cb.toggled.connect(self.load_requirements)
            self.mode_boxes[mode] = cb
            bar.addWidget(cb)
        bar.addStretch(1)
        box.addLayout(bar)
        self.req_table = QTableWidget(0, 4)
        self.req_table.setObjectName("requirements")
        self.req_table.setHorizontalHeaderLabels(
            [self.tr("Filing"), self.tr("Need"), self.tr("On record"), self.tr("Why")])
        FilingProfileTab._table_style(self.req_table)
        self.req_table.setWordWrap(True)
        h = self.req_table.horizontalHeader()
        for col in (0, 1, 2):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.req_table, 1)
        self.req_on.dateChanged.connect(self.load_requirements)
        return tab

    # -- quarters tab -------------------------------------------------------------------------
    def _quarters_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        note = QLabel(self.tr("Employees and total assets at the start and end of each quarter: "
                              "the small low-profit enterprise test averages them."))
        note.setWordWrap(True)
        box.addWidget(note)
        self.q_table = QTableWidget(0, 6)
        self.q_table.setObjectName("quarters")
        self.q_table.setHorizontalHeaderLabels([
            self.tr("Year"), self.tr("Quarter"), self.tr("Employees at start"),
            self.tr("Employees at end"), self.tr("Assets at start (CNY)"),
            self.tr("Assets at end (CNY)")])
        FilingProfileTab._table_style(self.q_table)
        box.addWidget(self.q_table, 1)
        row = QHBoxLayout()
        this_year = dt.date.today().year
        self.q_year = QSpinBox()
        self.q_year.setRange(2000, 2100)
        self.q_year.setValue(this_year)
        self.q_quarter = QSpinBox()
        self.q_quarter.setRange(1, 4)
        self.q_emp_start = QSpinBox()
        self.q_emp_start.setRange(0, 1_000_000)
        self.q_emp_end = QSpinBox()
        self.q_emp_end.setRange(0, 1_000_000)
        self.q_assets_start = QLineEdit()
        self.q_assets_start.setPlaceholderText(self.tr("Assets at start"))
        self.q_assets_end = QLineEdit()
        self.q_assets_end.setPlaceholderText(self.tr("Assets at end"))
        self.q_save = QPushButton(self.tr("Save quarter"))
        for label, w in ((self.tr("Year"), self.q_year), (self.tr("Quarter"), self.q_quarter),
                         (self.tr("Employees at start"), self.q_emp_start),
                         (self.tr("Employees at end"), self.q_emp_end),
                         (None, self.q_assets_start), (None, self.q_assets_end),
                         (None, self.q_save)):
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(w)
        box.addLayout(row)
        self.q_problem = QLabel()
        self.q_problem.setStyleSheet(ERROR_STYLE)
        self.q_problem.setWordWrap(True)
        box.addWidget(self.q_problem)
        self.q_save.clicked.connect(self.save_quarter)
        self.q_table.cellClicked.connect(self._quarter_picked)
        return tab

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        desk = self.ctx.desk

        modes = self._modes()

        def load() -> tuple:
            f = desk.filing
            return (f.list_filings(), f.reminders(), f.profile(), f.quarters(),
                    f.missing_filings(trade_modes=modes))

        self.ctx.ops.run_read(load, on_done=self._loaded, on_error=self.show_failure,
                              label="filing")
        self.load_requirements()

    def _loaded(self, result: tuple) -> None:
        filings, reminders, profile, quarters, missing = result
        self.model.set_rows(filings)
        self._show_reminders(reminders, filings, missing)
        self.profile_tab.show_profile(profile)
        self._show_quarters(quarters)
        if self.current_id is not None:
            self.select_filing(self.current_id)
        elif filings:
            self.table.selectRow(0)

    def _show_reminders(self, reminders: list[Any], filings: list[Any],
                        missing: list[Problem] | None = None) -> None:
        """Reminders first (most urgent first), then required filings with no record."""
        missing = missing or []
        if not reminders and not missing:
            self.reminder_label.setVisible(False)
            return
        names = {v.id: v for v in filings}
        lines = []
        for r in reminders[:5]:
            v = names.get(r.filing_id)
            what = message(f"filing.kind.{v.kind}", self.lang) if v else ""
            if v and v.label:
                what += f" · {v.label}"
            lines.append(f"• {what}: {message(r.key, self.lang, **r.params)}")
        if len(reminders) > 5:
            lines.append(self.tr("… and {n} more").format(n=len(reminders) - 5))
        lines += [f"• {message(p, self.lang)}" for p in missing]
        worst = any(r.severity == "error" for r in reminders)
        self.reminder_label.setStyleSheet(
            "background: %s; padding: 6px; border-radius: 4px;"
            % ("#ffdede" if worst else "#fff4d6"))
        self.reminder_label.setText("\n".join(lines))
        self.reminder_label.setVisible(True)

    def _show_quarters(self, quarters: list[Any]) -> None:
        self.q_table.setRowCount(len(quarters))
        for i, q in enumerate(quarters):
            for j, value in enumerate((q.year, q.quarter, q.employees_start, q.employees_end,
                                       f"{q.assets_start_cny:,.2f}", f"{q.assets_end_cny:,.2f}")):
                item = QTableWidgetItem(str(value))
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.q_table.setItem(i, j, item)

    def _modes(self) -> tuple[str, ...]:
        """The trade modes ticked on the Requirements tab (9610 when none)."""
        return tuple(m for m, cb in self.mode_boxes.items() if cb.isChecked()) or ("9610",)

    def load_requirements(self) -> None:
        on = self.req_on.date().toPython()
        modes = self._modes()
        desk = self.ctx.desk
        self.ctx.ops.run_read(lambda: desk.filing.requirements(on=on, trade_modes=modes),
                              on_done=self._show_requirements, on_error=self.show_failure,
                              label="requirements")

    def _show_requirements(self, reqs: list[Any]) -> None:
        self.req_table.setRowCount(len(reqs))
        for i, r in enumerate(reqs):
            req = r.requirement
            need = QTableWidgetItem(ftr(NEED_LABELS[req.need.value]))
            held_text = message(f"filing.status.{r.held_status}", self.lang) if r.held_status else "—"
            held = QTableWidgetItem(held_text)
            if r.held_status:
                bg, fg = STATUS_COLOURS[r.held_status]
                held.setBackground(QColor(bg))
                held.setForeground(QColor(fg))
            elif req.need is Need.REQUIRED:
                need.setForeground(QColor("#b71c1c"))
            for j, item in enumerate((
                QTableWidgetItem(message(f"filing.kind.{req.kind.value}", self.lang)), need, held,
                QTableWidgetItem(message(req.key, self.lang, **req.params)),
            )):
                self.req_table.setItem(i, j, item)
        self.req_table.resizeRowsToContents()

    # -- selection and detail -----------------------------------------------------------------
    def _filter(self) -> None:
        self.proxy.set_filters(self.kind_filter.currentData(), self.status_filter.currentData(),
                               self.search.text())

    def select_filing(self, filing_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            src = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.rows[src.row()].id == filing_id:
                self.table.selectRow(row)
                self._load_detail(filing_id)
                return
        self._show_detail(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_detail(None)
            return
        v = self.model.rows[self.proxy.mapToSource(current).row()]
        self._load_detail(v.id)

    def _load_detail(self, filing_id: int) -> None:
        self.current_id = filing_id
        desk = self.ctx.desk
        self.ctx.ops.run_read(desk.filing.get_filing, filing_id, on_done=self._show_detail,
                              on_error=lambda _e: self._show_detail(None), label="filing detail")

    def _show_detail(self, v: Any) -> None:
        self.current = v
        for w in (self.status_button, self.edit_button, self.attach_button):
            w.setEnabled(v is not None)
        self.delete_button.setEnabled(v is not None and v.status == "draft")
        if v is None:
            self.current_id = None
            self.d_title.setText(self.tr("Select a filing"))
            self.d_status.clear()
            for label in self.d_fields.values():
                label.clear()
            self.d_warnings.clear()
            self.history.setRowCount(0)
            self.docs_pane.set_owner("filing", None)
            return
        self.status_button.setEnabled(bool(TRANSITIONS[FilingStatus(v.status)]))
        title = message(f"filing.kind.{v.kind}", self.lang)
        if v.label:
            title += f" · {v.label}"
        self.d_title.setText(title)
        bg, fg = STATUS_COLOURS[v.effective_status]
        self.d_status.setText(message(f"filing.status.{v.effective_status}", self.lang))
        self.d_status.setStyleSheet(
            f"background: {bg}; color: {fg}; padding: 2px 8px; border-radius: 3px;")
        self.d_status.setSizePolicy(self.d_status.sizePolicy())
        valid = ""
        if v.valid_from or v.valid_until:
            until = _date_text(v.valid_until) or self.tr("indefinitely")
            valid = f"{_date_text(v.valid_from)} – {until}"
        values = {"authority": v.authority or "", "number": v.number or "",
                  "submitted_on": _date_text(v.submitted_on),
                  "approved_on": _date_text(v.approved_on), "valid": valid,
                  "reason": v.reason or "", "note": v.note or ""}
        for key, label in self.d_fields.items():
            label.setText(values[key])
        self.d_warnings.setText("\n".join(message(p, self.lang) for p in v.problems))
        self.history.setRowCount(len(v.history))
        for i, h in enumerate(reversed(v.history)):
            change = message(f"filing.status.{h.to_status}", self.lang)
            if h.from_status:
                change = f"{message(f'filing.status.{h.from_status}', self.lang)} → {change}"
            details = "; ".join(x for x in (h.reason, h.number, h.note) if x)
            for j, text in enumerate((h.on.isoformat(), change, details)):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setForeground(QColor(STATUS_COLOURS[h.to_status][1]))
                self.history.setItem(i, j, item)
        self.docs_pane.set_owner("filing", v.id, list(v.attached))

    # -- documents ----------------------------------------------------------------------------
    def attach_files(self, paths: list[Path]) -> None:
        """Attach each file to the shown filing (files dropped anywhere on the detail pane)."""
        if self.current_id is not None:
            self.docs_pane.attach_files(paths)

    def check_documents(self) -> None:
        desk = self.ctx.desk

        def work() -> tuple[int, list[Any]]:
            return desk.filing.document_count(), desk.filing.verify_documents()

        self.ctx.ops.run_read(work, on_done=self._show_vault_check, on_error=self.show_failure,
                              label="check documents")

    def _show_vault_check(self, result: tuple[int, list[Any]]) -> None:
        total, issues = result
        if issues:
            lines = [message(i.problem(), self.lang) for i in issues[:8]]
            if len(issues) > 8:
                lines.append(self.tr("… and {n} more").format(n=len(issues) - 8))
            self.vault_label.setStyleSheet(ERROR_STYLE)
            self.vault_label.setText("\n".join(lines))
        else:
            self.vault_label.setStyleSheet(OK_STYLE)
            self.vault_label.setText(
                self.tr("All {n} documents are in place and unchanged.").format(n=total))
        self.vault_label.setVisible(True)

    # -- filing writes ------------------------------------------------------------------------
    def new_filing(self) -> None:
        """Ask for the filing; the core rules check it in the dialog, the write runs on the
        writer thread (a refusal there, e.g. a duplicate, comes back as a problems box)."""
        from seller_desk.core.filing import FilingFacts, validate_filing

        profile_kind = self.profile_tab.stored_kind or None
        dialog = NewFilingDialog(self, self.lang, profile_kind)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            dates = {k: _parse_date(values.get(k) or "") for k in
                     ("submitted_on", "approved_on", "valid_until")}
            bad = [Problem(key="io.bad_date", field=k, params={"value": v})
                   for k, v in dates.items() if isinstance(v, str)]
            if not bad:
                facts = FilingFacts(values["kind"], values["status"], values["number"] or None,
                                    dates["submitted_on"], dates["approved_on"], None,  # type: ignore[arg-type]
                                    dates["valid_until"], None, values["label"] or None)  # type: ignore[arg-type]
                if values["status"] == "approved" and facts.approved_on is None:
                    bad = [Problem(key="io.bad_date", field="approved_on", params={"value": ""})]
                else:
                    bad = [p for p in validate_filing(facts, seller_kind=profile_kind)
                           if p.is_error]
            if bad:
                dialog.problem.setText("\n".join(message(p, self.lang) for p in bad))
                continue

            def done(view: Any) -> None:
                self.current_id = view.id
                self.select_filing(view.id)

            self.ctx.ops.run_write(lambda v=values: self.ctx.desk.filing.add_filing(**v),
                                   on_done=done, on_error=self.show_failure, label="new filing")
            return

    def change_status(self) -> None:
        v = self.current
        if v is None:
            return
        dialog = FilingStatusDialog(self, self.lang, v)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        target = values.pop("to")
        self.ctx.ops.run_write(lambda: self.ctx.desk.filing.change_status(v.id, target, **values),
                               on_error=self.show_failure, label="status")

    def edit_filing(self) -> None:
        v = self.current
        if v is None:
            return
        dialog = FilingEditDialog(self, self.lang, v)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.ctx.ops.run_write(lambda: self.ctx.desk.filing.update_filing(v.id, **values),
                               on_error=self.show_failure, label="edit filing")

    def delete_draft(self) -> None:
        v = self.current
        if v is None or v.status != "draft":
            return
        answer = QMessageBox.question(self, self.tr("Delete draft"),
                                      self.tr("Delete this draft filing?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.current_id = None
            self.ctx.ops.run_write(self.ctx.desk.filing.delete_filing, v.id,
                                   on_error=self.show_failure, label="delete")

    # -- quarters -----------------------------------------------------------------------------
    def _quarter_picked(self, row: int, _col: int) -> None:
        cells = [self.q_table.item(row, j).text() for j in range(6)]
        self.q_year.setValue(int(cells[0]))
        self.q_quarter.setValue(int(cells[1]))
        self.q_emp_start.setValue(int(cells[2]))
        self.q_emp_end.setValue(int(cells[3]))
        self.q_assets_start.setText(cells[4])
        self.q_assets_end.setText(cells[5])

    def save_quarter(self) -> None:
        values = {"year": self.q_year.value(), "quarter": self.q_quarter.value(),
                  "employees_start": self.q_emp_start.value(),
                  "employees_end": self.q_emp_end.value(),
                  "assets_start_cny": self.q_assets_start.text(),
                  "assets_end_cny": self.q_assets_end.text()}
        self.q_problem.clear()

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ProblemError):
                self.q_problem.setText("\n".join(message(p, self.lang) for p in exc.problems))
            else:
                self.show_failure(exc)

        self.ctx.ops.run_write(lambda: self.ctx.desk.filing.set_quarter(**values),
                               on_error=refused, label="quarter")

    # -- common -------------------------------------------------------------------------------
    def show_failure(self, exc: BaseException) -> None:
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()


#: the page module's contract (seller_desk.ui.pages.make_page); the class has its own name so
#: its strings get their own translation context ("FilingPage")
Page = FilingPage
