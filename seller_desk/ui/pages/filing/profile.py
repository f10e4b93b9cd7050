"""The Profile tab: the seller's form with live validation, contacts and bank accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seller_desk.core import identity as ident
from seller_desk.core import profile as prof
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.messages import message
from seller_desk.ui import presentation
from seller_desk.ui.pages.filing.dialogs import FilingBankAccountDialog
from seller_desk.ui.pages.filing.labels import (
    ERROR_STYLE,
    OK_STYLE,
    PURPOSE_LABELS,
    ROLE_LABELS,
    SELLER_KINDS,
    ftr,
)
from seller_desk.ui.pages.filing.widgets import FilingFieldRow
from seller_desk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from seller_desk.ui.pages.filing.page import FilingPage


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
        # the user typed since the profile was shown: a change elsewhere (a filing, a
        # document, sync) then refreshes the tables below and leaves the form as typed
        self.dirty = False
        for editor in self._form_widgets():
            if isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self._edited)
            else:
                editor.textChanged.connect(self._edited)

    def _form_widgets(self) -> tuple[QWidget, ...]:
        return (self.kind, self.name_zh, self.name_en, self.id_code, self.customs_code,
                self.zone, self.zone_customs_code, self.address, self.contact_name,
                self.contact_phone, self.contact_email)

    def _edited(self, *_: Any) -> None:
        self.dirty = True

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
        if not self.dirty:  # (typed edits stay: see ``dirty``)
            self._show_form(p)
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

    def _show_form(self, p: Any) -> None:
        widgets = self._form_widgets()
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
        self.dirty = False
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
        if presentation.on(self.page.ctx.prefs):  # never on a projector
            return

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
        if presentation.on(self.page.ctx.prefs):  # never on a projector
            return
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
