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

from seller_desk.core.changes import Changes
from seller_desk.core.filing import TRANSITIONS, FilingKind, FilingStatus, Need
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.i18n import counted
from seller_desk.messages import message
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.pages.filing.dialogs import (
    FilingEditDialog,
    FilingStatusDialog,
    NewFilingDialog,
)
from seller_desk.ui.pages.filing.labels import (
    ERROR_STYLE,
    NEED_LABELS,
    OK_STYLE,
    STATUS_COLOURS,
    WARNING_STYLE,
    _date_text,
    _parse_date,
    ftr,
)
from seller_desk.ui.pages.filing.models import FilingsFilter, FilingsModel
from seller_desk.ui.pages.filing.profile import FilingProfileTab
from seller_desk.ui.pages.filing.widgets import FilingDropPane
from seller_desk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QColor,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QModelIndex,
    QPushButton,
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
from seller_desk.ui.widgets.documents import DocumentsPane

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
        for col in (3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # the long text columns (kind, store, number) are fitted to their content up to 140 px
        # (polish.py) and elided on one line past it, whole text in the tooltip: status and
        # validity stay in view at 1366 px in both languages
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.table.setProperty("sdMaxColumn", 140)
        # layout 2 (status and validity in view at 1366 px): widths saved before are not restored
        self.table.setProperty("sdLayout", 2)
        self.table.setWordWrap(False)
        header.setStretchLastSection(True)
        split.addWidget(self.table)
        split.addWidget(self._detail_pane())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([860, 380])
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
        # two rows of two: the pane's least width is two buttons, so the table keeps room for
        # its status and validity columns at 1366 px
        actions = QGridLayout()
        self.status_button = QPushButton(self.tr("Change status…"))
        self.status_button.setObjectName("changeStatus")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.delete_button = QPushButton(self.tr("Delete draft"))
        for i, w in enumerate((self.status_button, self.edit_button, self.attach_button,
                               self.delete_button)):
            w.setEnabled(False)
            actions.addWidget(w, i // 2, i % 2)
        actions.setColumnStretch(2, 1)
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
        # typed into the entry row and not saved: a quarter picked in the table asks first
        self._q_dirty = False
        self._q_filling = False
        for box in (self.q_year, self.q_quarter, self.q_emp_start, self.q_emp_end):
            box.valueChanged.connect(self._quarter_edited)
        for line in (self.q_assets_start, self.q_assets_end):
            line.textChanged.connect(self._quarter_edited)
        return tab

    def _quarter_edited(self, *_: Any) -> None:
        if not self._q_filling:
            self._q_dirty = True

    def _quarter_name(self) -> str:
        return self.tr("{year} Q{quarter}").format(year=self.q_year.value(),
                                                   quarter=self.q_quarter.value())

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        desk = self.ctx.desk

        modes = self._modes()

        def load() -> tuple:
            f = desk.filing
            refused = {d.entity_uuid: d.reason for d in desk.sync.refusals()
                       if d.entity == "filing"}
            return (f.list_filings(), f.reminders(), f.profile(), f.quarters(),
                    f.missing_filings(trade_modes=modes), refused)

        self.ctx.ops.run_read(load, on_done=self._loaded, on_error=self.show_failure,
                              label="filing")
        self.load_requirements()

    def _loaded(self, result: tuple) -> None:
        filings, reminders, profile, quarters, missing, refused = result
        self.model.set_rows(filings, refused)
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

    def show_record(self, kind: str, ref: int, label: str) -> None:
        """Open a search hit: a filing selected (a document: the page itself)."""
        if kind == "filing":
            self.select_filing(ref)

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
                              on_error=lambda _e: self._show_detail(None), label="filing detail",
                              owner=self)

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
        refused = self.model.refused.get(v.uuid)
        bg, fg = STATUS_COLOURS[self.model.status_of(v)]
        self.d_status.setText(
            self.tr("Rejected by the platform: {reason}").format(reason=refused or "—")
            if refused is not None else message(f"filing.status.{v.effective_status}", self.lang))
        self.d_status.setWordWrap(True)
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
                  "reason": refused or v.reason or "", "note": v.note or ""}
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
                counted(total, self.tr("The document is in place and unchanged."),
                        self.tr("All {n} documents are in place and unchanged.")))
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
        """The quarter clicked in the table, into the entry row (what was typed there and not
        saved is asked about first)."""
        from seller_desk.ui.widgets.unsaved import confirm_discard

        if self._q_dirty and not confirm_discard(self, [self._quarter_name()]):
            return
        cells = [self.q_table.item(row, j).text() for j in range(6)]
        self._q_filling = True
        try:
            self.q_year.setValue(int(cells[0]))
            self.q_quarter.setValue(int(cells[1]))
            self.q_emp_start.setValue(int(cells[2]))
            self.q_emp_end.setValue(int(cells[3]))
            self.q_assets_start.setText(cells[4])
            self.q_assets_end.setText(cells[5])
        finally:
            self._q_filling = False
        self._q_dirty = False

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

        def saved(_result: Any) -> None:
            self._q_dirty = False

        self.ctx.ops.run_write(lambda: self.ctx.desk.filing.set_quarter(**values),
                               on_done=saved, on_error=refused, label="quarter")

    # -- common -------------------------------------------------------------------------------
    def show_failure(self, exc: BaseException) -> None:
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()

    def unsaved_edits(self) -> list[str]:
        """The company profile and the quarter entry row, when they hold edits not saved yet
        (the window asks before a language switch or closing drops them)."""
        return ([self.tr("Profile")] if self.profile_tab.dirty else []) + (
            [self._quarter_name()] if self._q_dirty else [])


#: the page module's contract (seller_desk.ui.pages.make_page); the class has its own name so
#: its strings get their own translation context ("FilingPage")
Page = FilingPage
