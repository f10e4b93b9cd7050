"""Preferences ▸ Rules: every dated rule row (shipped and this file's own) with its source and
dates; a trainer adds a row (a new notice) that takes effect from its date (issue 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from seller_desk.core.problems import ProblemError
from seller_desk.messages import message
from seller_desk.ui.context import AppContext
from seller_desk.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QLocale,
    QPushButton,
    QStandardItem,
    QStandardItemModel,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class RulesPanel(QWidget):
    """The rule rows as a table, filtered by key; "Add row…" and "Remove my rows"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RulesPanel")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Every limit, rate and date the app applies, with the document it comes from. A row "
            "applies from its start date; a row of this company file wins over a shipped one."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setObjectName("rulesFilter")
        self.filter.setPlaceholderText(self.tr("Filter by key, e.g. fx. or calendar."))
        self.filter.textChanged.connect(self.reload)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setObjectName("rulesOn")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.dateChanged.connect(self.reload)
        self.add_button = QPushButton(self.tr("Add row…"))
        self.add_button.setObjectName("rulesAdd")
        self.add_button.clicked.connect(self.add_row)
        self.reset_button = QPushButton(self.tr("Remove this file's rows"))
        self.reset_button.setObjectName("rulesReset")
        self.reset_button.clicked.connect(self.reset_rows)
        bar.addWidget(self.filter, 1)
        bar.addWidget(QLabel(self.tr("In force on")))
        bar.addWidget(self.on)
        bar.addWidget(self.add_button)
        bar.addWidget(self.reset_button)
        layout.addLayout(bar)
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Rule"), self.tr("Value"), self.tr("From"), self.tr("To"), self.tr("Source"),
            self.tr("Whose"), self.tr("Note")])
        self.view = QTableView()
        self.view.setObjectName("rulesTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.rows: list[dict[str, Any]] = []
        self.reload()

    def _on(self) -> dt.date:
        d = self.on.date()
        return dt.date(d.year(), d.month(), d.day())

    def reload(self) -> None:
        text = self.filter.text().strip()
        rows = self.ctx.desk.rules.list(on=self._on())
        if text:
            rows = [r for r in rows if text.lower() in r["key"].lower()
                    or text.lower() in r["source"].lower()]
        self.rows = rows
        self.model.setRowCount(0)
        whose = {"core": self.tr("shipped"), "user": self.tr("this file"),
                 "platform": self.tr("class (platform)")}
        for r in rows:
            items = [QStandardItem(x) for x in (
                r["key"], r["value"], r["valid_from"], r["valid_to"] or "", r["source"],
                whose.get(r["origin"], r["origin"]) + (self.tr(" (off)") if r["disabled"] else ""),
                r["note"])]
            if r["in_force"]:
                for it in items:
                    font = it.font()
                    font.setBold(True)
                    it.setFont(font)
                items[0].setToolTip(self.tr("In force on the chosen day"))
            self.model.appendRow(items)
        for col, width in ((0, 230), (1, 110), (2, 90), (3, 90), (4, 300), (5, 80)):
            self.view.setColumnWidth(col, width)

    def add_row(self) -> None:
        dialog = AddRuleDialog(self.ctx, sorted({r["key"] for r in self.ctx.desk.rules.list()}),
                               self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def reset_rows(self) -> None:
        self.ctx.desk.rules.reset()
        self.reload()


class AddRuleDialog(QDialog):
    """A new rule row: key, value, from, to (optional), source (required), note."""

    def __init__(self, ctx: AppContext, keys: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AddRuleDialog")
        self.setWindowTitle(self.tr("Add a rule row"))
        self.ctx = ctx
        form = QFormLayout(self)
        self.key = QComboBox()
        self.key.setObjectName("ruleKey")
        self.key.setEditable(True)
        self.key.addItems(keys)
        self.value = QLineEdit()
        self.value.setObjectName("ruleValue")
        self.valid_from = QDateEdit(QDate.currentDate())
        self.valid_from.setObjectName("ruleFrom")
        self.valid_from.setCalendarPopup(True)
        self.valid_from.setDisplayFormat("yyyy-MM-dd")
        self.valid_to = QLineEdit()
        self.valid_to.setObjectName("ruleTo")
        self.valid_to.setPlaceholderText(self.tr("YYYY-MM-DD, empty: open-ended"))
        self.source = QLineEdit()
        self.source.setObjectName("ruleSource")
        self.source.setPlaceholderText(self.tr("document number, e.g. 财政部 税务总局公告2028年第1号"))
        self.note = QLineEdit()
        self.note.setObjectName("ruleNote")
        self.problems = QLabel()
        self.problems.setObjectName("ruleProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        form.addRow(self.tr("Rule"), self.key)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("From"), self.valid_from)
        form.addRow(self.tr("To"), self.valid_to)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 260)

    def save(self) -> None:
        d = self.valid_from.date()
        try:
            self.ctx.desk.rules.set(
                self.key.currentText(), self.value.text(), dt.date(d.year(), d.month(), d.day()),
                valid_to=self.valid_to.text().strip() or None, source=self.source.text(),
                note=self.note.text())
        except ProblemError as exc:  # shown in the dialog, nothing written
            lang = QLocale().name()
            self.problems.setText("\n".join(message(p, lang) for p in exc.problems))
            return
        self.accept()
