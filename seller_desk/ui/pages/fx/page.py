"""FX Settlement: how far receipts and payments are from the US$200,000 line (enterprises), or
how much of the US$50,000 结汇 / 购汇 quotas is used (individuals); the ledger with evidence and
netting; the SAFE rate table; the monthly reconciliation; the documentation pack.

The ledger of one year is at most a few thousand records, so it is loaded whole per year
(the big-table paging of orders is not needed here).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from seller_desk.core.fx import EXEMPTION_LIMIT, EXEMPTION_WARNING, INDIVIDUAL_QUOTA
from seller_desk.core.problems import Problem
from seller_desk.i18n import counted
from seller_desk.messages import message
from seller_desk.ui.pages import BasePage, PageInfo, nav_text
from seller_desk.ui.pages.fx.dialogs import (
    FxAddDialog,
    FxEvidenceDialog,
    FxNettingDialog,
    FxRateDialog,
)
from seller_desk.ui.pages.fx.labels import (
    CHANNEL_LABELS,
    KIND_LABELS,
    STATE_LABELS,
    TREATMENT_LABELS,
    _usd,
    label,
)
from seller_desk.ui.pages.fx.widgets import Gauge
from seller_desk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLocale,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.codes import label as code_label
from seller_desk.ui.widgets.documents import DocumentsPane
from seller_desk.ui.widgets.paged_table import Col, PagedTableModel, fit_columns_once
from seller_desk.ui.widgets.rows_model import RowsModel


class FxPage(BasePage):
    watches = ("fx_record", "fx_rate", "setting", "company", "order")

    def __init__(self, ctx: Any, info: PageInfo):
        super().__init__(ctx, info)
        self.year = dt.date.today().year
        self._first_load = True  # an empty current year opens on the newest record's year
        self.data: dict[str, Any] = {}
        self.treatments: dict[int, str] = {}  # individuals: record id → how the quota saw it
        outer = QVBoxLayout(self)
        self.heading(outer)
        blurb = QLabel(nav_text(info.blurb))
        blurb.setWordWrap(True)
        outer.addWidget(blurb)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year")))
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(self.year)
        self.year_box.valueChanged.connect(self._year_changed)
        bar.addWidget(self.year_box)
        self.as_of_on = QCheckBox(self.tr("As of"))
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setEnabled(False)
        self.as_of_on.toggled.connect(self.as_of.setEnabled)
        self.as_of_on.toggled.connect(lambda _on: self.refresh())
        self.as_of.dateChanged.connect(lambda _d: self.refresh() if self.as_of_on.isChecked() else None)
        bar.addWidget(self.as_of_on)
        bar.addWidget(self.as_of)
        bar.addStretch(1)
        self.add_button = QPushButton(self.tr("Add record…"))
        self.add_button.clicked.connect(self.add_record)
        self.import_button = QPushButton(self.tr("Import statement…"))
        self.import_button.clicked.connect(self.import_statement)
        self.pack_button = QPushButton(self.tr("Documentation pack…"))
        self.pack_button.clicked.connect(lambda: self.documentation_pack())  # not clicked(bool)
        for b in (self.add_button, self.import_button, self.pack_button):
            bar.addWidget(b)
        outer.addLayout(bar)

        # -- status: two gauges (enterprise: receipts/payments; individual: 结汇/购汇) ---------
        self.status_box = QFrame()
        self.status_box.setObjectName("companyCard")
        self.status_box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.status_box)
        self.gauge_titles = [QLabel(), QLabel()]
        self.gauge_values = [QLabel(), QLabel()]
        self.gauge_states = [QLabel(), QLabel()]
        self.gauges = [Gauge([]), Gauge([])]
        for i in range(2):
            self.gauge_titles[i].setStyleSheet("font-weight: 600;")
            self.gauge_values[i].setObjectName(f"gaugeValue{i}")
            self.gauge_states[i].setObjectName(f"gaugeState{i}")
            self.gauge_states[i].setWordWrap(True)
            col = i * 2
            grid.addWidget(self.gauge_titles[i], 0, col)
            grid.addWidget(self.gauge_values[i], 0, col + 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(self.gauges[i], 1, col, 1, 2)
            grid.addWidget(self.gauge_states[i], 2, col, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self.advice = QLabel()
        self.advice.setObjectName("fxAdvice")
        self.advice.setWordWrap(True)
        grid.addWidget(self.advice, 3, 0, 1, 4)
        self.estimate_note = QLabel(self.tr(
            "USD equivalents use SAFE's monthly 各种货币对美元折算率 table of each record's month; "
            "they are estimates: SAFE's and the bank's figures prevail."))
        self.estimate_note.setWordWrap(True)
        self.estimate_note.setStyleSheet("color: palette(mid);")
        grid.addWidget(self.estimate_note, 4, 0, 1, 4)
        outer.addWidget(self.status_box)

        # -- tabs ---------------------------------------------------------------------------
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        # the ledger can be 100k records a year: the shared paged model, by date
        self.ledger_model = PagedTableModel(
            ctx.ops, ctx.desk.fx.records_page, self._ledger_columns(), sort="date",
            descending=False, label="fx-ledger",
            foreground=lambda r, c: "#b02a2a" if r.usd is None and c == 6 else None,
            tip=self._ledger_tip)
        self.ledger = self._table(self.ledger_model, "ledger")
        self.ledger.setSortingEnabled(True)
        self.ledger.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.ledger.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns_once(self.ledger, self.ledger_model)
        self.ledger.doubleClicked.connect(lambda _i: self.link_evidence())
        ledger_tab = QWidget()
        lt = QVBoxLayout(ledger_tab)
        lt.setContentsMargins(0, 4, 0, 0)
        actions = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Link evidence…"))
        self.link_button.clicked.connect(self.link_evidence)
        self.netting_button = QPushButton(self.tr("Netting…"))
        self.netting_button.clicked.connect(self.edit_netting)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_record)
        self.warnings = QLabel()
        self.warnings.setObjectName("fxWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #9a6a00;")
        for b in (self.link_button, self.netting_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        lt.addLayout(actions)
        lt.addWidget(self.warnings)
        # the selected record's documents (bank slip, settlement advice, platform statement)
        ledger_split = QSplitter(Qt.Orientation.Horizontal)
        ledger_split.addWidget(self.ledger)
        self.record_docs = DocumentsPane(ctx)
        self.record_docs.setObjectName("recordDocuments")
        self.record_docs.title.setText(self.tr("Documents of the selected record"))
        ledger_split.addWidget(self.record_docs)
        ledger_split.setStretchFactor(0, 4)
        ledger_split.setStretchFactor(1, 1)
        ledger_split.setSizes([900, 320])
        lt.addWidget(ledger_split, 1)
        self.tabs.addTab(ledger_tab, self.tr("Ledger"))
        self.ledger.selectionModel().selectionChanged.connect(self._record_picked)

        rates_tab = QWidget()
        rt = QVBoxLayout(rates_tab)
        rt.setContentsMargins(0, 4, 0, 0)
        ra = QHBoxLayout()
        self.rates_import = QPushButton(self.tr("Import SAFE table…"))
        self.rates_import.clicked.connect(self.import_rates)
        self.rates_set = QPushButton(self.tr("Set a rate…"))
        self.rates_set.clicked.connect(self.set_rate)
        ra.addWidget(self.rates_import)
        ra.addWidget(self.rates_set)
        ra.addStretch(1)
        rt.addLayout(ra)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("fxMissing")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #b02a2a;")
        rt.addWidget(self.missing_label)
        def when(r: dict) -> str:
            b = r["batch"]
            return f"{b[:4]}-{b[4:6]}" + (f"-{b[6:]}" if len(b) == 8 else "")

        self.rates_model = RowsModel([
            (self.tr("Month"), when, False),
            (self.tr("Currency"), lambda r: r["currency"], False),
            (self.tr("Rate"), lambda r: r["rate"], True),
            (self.tr("Table"), lambda r: self.tr("SAFE monthly, USD per unit")
             if r["kind"] == "safe_monthly" else self.tr("CNY central parity, CNY per unit"), False),
            (self.tr("Source"), lambda r: code_label("rate_source", r["source"]), False),
            (self.tr("Entered"), lambda r: r["entered_at"].strftime("%Y-%m-%d %H:%M"), False),
        ])
        self.rates_view = self._table(self.rates_model, "rates")
        rt.addWidget(self.rates_view, 1)
        self.tabs.addTab(rates_tab, self.tr("Rates"))

        recon_tab = QWidget()
        ct = QVBoxLayout(recon_tab)
        ct.setContentsMargins(0, 4, 0, 0)
        note = QLabel(self.tr(
            "Declared exports against receipts per month. Receipts lag shipments, so a gap is a "
            "question to answer; money received with no exports is a risk signal of non-genuine "
            "trade. 9810 variance recorded on receipts is expected."))
        note.setWordWrap(True)
        ct.addWidget(note)
        self.recon_model = RowsModel([
            (self.tr("Month"), lambda r: f"{r['month'][:4]}-{r['month'][4:]}", False),
            (self.tr("Declared exports (USD)"), lambda r: Decimal(r["declared_usd"]), True),
            (self.tr("Received (USD)"), lambda r: Decimal(r["received_usd"]), True),
            (self.tr("Expected variance (USD)"), lambda r: Decimal(r["explained_usd"]), True),
            (self.tr("Unexplained gap (USD)"), lambda r: Decimal(r["gap_usd"]), True),
            (self.tr("Check"), lambda r: self.tr("gap to explain") if r["flagged"] else "", False),
        ])
        self.recon_model.color = lambda r, c: "#b02a2a" if r["flagged"] else None
        self.recon_view = self._table(self.recon_model, "reconciliation")
        ct.addWidget(self.recon_view, 1)
        self.tabs.addTab(recon_tab, self.tr("Reconciliation"))

    # -- building blocks -------------------------------------------------------------------------
    def _table(self, model: Any, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _ledger_columns(self) -> list:
        def rate(r: Any) -> str:
            return f"{r.usd_rate} / {r.usd_batch}" if r.usd_rate is not None else ""

        def evidence(r: Any) -> str:
            if r.evidence:
                text = counted(len(r.evidence), self.tr("{n} order"), self.tr("{n} orders"))
                if r.waybills:
                    text += " · " + counted(len(r.waybills), self.tr("{n} waybill"),
                                            self.tr("{n} waybills"))
                if r.filings:
                    text += " · " + counted(len(r.filings), self.tr("{n} filing"),
                                            self.tr("{n} filings"))
                return text
            return self.tr("yes") if r.trade_evidence else ""

        def netting(r: Any) -> str:
            return self.tr("gross {gross}").format(gross=f"{r.gross.amount:,}") if r.gross else ""

        def number(value: Any) -> str:
            if isinstance(value, Decimal):
                return f"{value:,}"
            return "" if value is None else str(value)

        def decimal(value: Any) -> Any:
            return value if isinstance(value, Decimal) else None

        return [
            Col("#", "id", right=True, raw=lambda record_id: record_id),
            Col(self.tr("Date"), lambda r: r.date.isoformat(), sort="date",
                raw=dt.date.fromisoformat),
            Col(self.tr("Type"), lambda r: label(KIND_LABELS[r.kind])),
            Col(self.tr("Channel"), lambda r: label(CHANNEL_LABELS.get(r.channel, r.channel))),
            Col(self.tr("Amount"), lambda r: r.amount.amount, fmt=number, raw=decimal,
                right=True),
            Col(self.tr("Currency"), lambda r: r.amount.currency),
            Col(self.tr("USD"), lambda r: r.usd.amount if r.usd else self.tr("rate missing"),
                fmt=number, raw=decimal, right=True),
            Col(self.tr("Rate / month"), rate),
            Col(self.tr("CNY"), lambda r: r.cny.amount if r.cny else None, fmt=number,
                raw=decimal, right=True),
            Col(self.tr("Evidence"), evidence),
            Col(self.tr("Netting"), netting),
            Col(self.tr("Counterparty"), "counterparty"),
            Col(self.tr("Person"), lambda r: r.person or ""),
            Col(self.tr("Quota"), lambda r: label(TREATMENT_LABELS[self.treatments[r.id]])
                if r.id in self.treatments else ""),
        ]

    def _ledger_tip(self, r: Any, column: int) -> str | None:
        if r.usd is None:
            return message(r.problems()[0], QLocale().name())
        if r.variance_usd is not None:
            return self.tr("9810 declaration {ref}: variance {v} USD (expected, not an error)").format(
                ref=r.declaration_ref or "", v=f"{r.variance_usd:,}")
        return None

    def selected_record(self) -> Any:
        rows = self.ledger.selectionModel().selectedRows() if self.ledger.selectionModel() else []
        return self.ledger_model.record(rows[0].row()) if rows else None

    def _record_picked(self, *_args: Any) -> None:
        record = self.selected_record()
        # every FX record (receipt, payment, settlement…) keeps its papers under the vault's
        # "receipt" owner kind: the record id is unique across kinds
        self.record_docs.set_owner("receipt", record.id if record is not None else None)

    def as_of_date(self) -> dt.date | None:
        if not self.as_of_on.isChecked():
            return None
        q = self.as_of.date()
        return dt.date(q.year(), q.month(), q.day())

    # -- loading ----------------------------------------------------------------------------------
    def _year_changed(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        desk, year = self.ctx.desk, self.year
        as_of = self.as_of_date()
        if as_of is not None and as_of.year != year:
            as_of = dt.date(year, 12, 31)

        first, self._first_load = self._first_load, False

        def load() -> dict[str, Any]:
            fx = desk.fx
            newest = fx.record_year(year) if first else None
            return {"status": fx.status(year, as_of=as_of),
                    "rates": fx.rates(), "missing": fx.missing_rates(),
                    "recon": fx.reconciliation(year), "newest_year": newest}

        # the ledger's first page read beside the status, not after it (its Quota column,
        # which reads the status's treatments, is read again when the status comes)
        self.ledger_model.set_query(filters={"year": year})
        self._record_picked()  # a reset model has no selection
        self.ctx.ops.run_read(load, on_done=self.show_data, label="fx")

    def show_data(self, data: dict[str, Any]) -> None:
        newest = data.get("newest_year")
        if newest and newest != self.year:  # load that year instead
            if self.year_box.value() != newest:
                self.year_box.setValue(newest)
            else:
                self._year_changed(newest)
            return
        self.data = data
        st = data["status"]
        if st["kind"] == "individual":
            self._show_individual(st)
        else:
            self._show_enterprise(st)
        treatments = {ln["record"]: ln["treatment"] for ln in st.get("lines", [])}
        if treatments != self.treatments:
            self.treatments = treatments
            self.ledger_model.reread()  # (the rows shown already: their Quota column)
        self.rates_model.set_rows(data["rates"])
        self.recon_model.set_rows(data["recon"])
        missing = data["missing"]
        self.missing_label.setText(
            self.tr("Rates missing: {list}. Records of those months are not counted until the "
                    "rate is imported or typed.").format(
                list=", ".join(f"{m['currency']} {m['batch'][:4]}-{m['batch'][4:]}"
                               f" ({m['records']})" for m in missing)) if missing else "")
        self.tabs.setTabText(1, self.tr("Rates") + (f" ⚠{len(missing)}" if missing else ""))

    def _show_enterprise(self, st: dict[str, Any]) -> None:
        warn, limit = (Decimal(st.get("warning_usd", EXEMPTION_WARNING)),
                       Decimal(st.get("limit_usd", EXEMPTION_LIMIT)))
        marks = [(warn, f"{(warn / 1000).normalize():f}k"), (limit, f"{(limit / 1000).normalize():f}k")]
        lang = QLocale().name()
        for i, (side, title) in enumerate((("receipts", self.tr("Receipts (收汇) this year")),
                                           ("payments", self.tr("Payments (付汇) this year")))):
            self.gauges[i].marks = marks
            state = st[f"{side}_state"]
            shown = "registered" if st["state"] == "registered" else state
            self.gauges[i].set_value(Decimal(st[f"{side}_usd"]), shown)
            self.gauge_titles[i].setText(title)
            self.gauge_values[i].setText(_usd(st[f"{side}_usd"]))
            self.gauge_states[i].setText(label(STATE_LABELS[state]))
        crossed = st["crossed"]
        lines = [message(st["advice"], lang)]
        if st["state"] == "registered":
            lines.append(self.tr("Registered since {date}.").format(date=st["registered_since"]))
        if crossed["180000"]:
            lines.append(self.tr("Crossed US$180,000 on {date} (record #{id}).").format(
                date=crossed["180000"], id=st["crossed_records"]["180000"]))
        if crossed["200000"]:
            lines.append(self.tr("Reached US$200,000 on {date} (record #{id}).").format(
                date=crossed["200000"], id=st["crossed_records"]["200000"]))
        if st["missing_rates"]:
            lines.append(counted(
                len(st["missing_rates"]),
                self.tr("Not counted until its rate is entered: {n} record."),
                self.tr("Not counted until their rate is entered: {n} records.")))
        for note in st.get("notes", []):
            lines.append(message(Problem(key=note["key"], params=note.get("params", {})), lang))
        lines.append(self._rules_line(st))
        self.advice.setText("\n".join(lines))
        self.warnings.setText("")
        self.warnings.setVisible(False)

    def _rules_line(self, st: dict[str, Any]) -> str:
        """Which rule rows the figure used, with their sources (Preferences ▸ Rules lists all)."""
        used = st.get("rules_used") or []
        return self.tr("Rules applied: {rules}").format(rules="; ".join(
            f"{r['ref'].split('@')[0]} = {r['value']} ({r['source']})" for r in used) or "—")

    def _show_individual(self, st: dict[str, Any]) -> None:
        quota = Decimal(st.get("quota_usd", INDIVIDUAL_QUOTA))
        marks = [(quota, f"{(quota / 1000).normalize():f}k")]
        for i, (key, title) in enumerate((
                ("settlement", self.tr("结汇 quota used (US$50,000 a year)")),
                ("purchase", self.tr("购汇 quota used (US$50,000 a year)")))):
            used = Decimal(st[f"{key}_quota_used_usd"])
            state = "used_up" if used >= quota else (
                "nearly_used" if used >= quota * Decimal("0.9") else "ok")
            self.gauges[i].marks = marks
            self.gauges[i].set_value(used, state)
            self.gauge_titles[i].setText(title)
            self.gauge_values[i].setText(_usd(used))
            self.gauge_states[i].setText(self.tr("{left} left").format(
                left=_usd(st[f"{key}_quota_remaining_usd"])))
        lines = [label(STATE_LABELS[st["state"]]),
                 self.tr("Settlements backed by trade evidence (outside the quota): {usd}").format(
                     usd=_usd(st["trade_settlements_usd"]))]
        account = st.get("settlement_account")
        if account and account.get("filing"):
            lines.append(self.tr("Settlements through the FX settlement account (外汇结算账户, {bank}, "
                                 "filing {filing}; outside the quota): {usd}").format(
                bank=account.get("bank") or "—", filing=account.get("filing_number") or "—",
                usd=_usd(st.get("settlement_account_usd", "0"))))
        if st["needs_evidence"]:
            lines.append(self.tr("Records over the quota left, needing evidence: {ids}").format(
                ids=", ".join("#" + i for i in st["needs_evidence"])))
        lines.append(self._rules_line(st))
        self.advice.setText("\n".join(lines))
        lang = QLocale().name()

        self.warnings.setText("\n".join(
            "⚠ " + message(Problem(key=w["key"], params=w.get("params", {})), lang)
            for w in st.get("warnings", [])))
        self.warnings.setVisible(bool(self.warnings.text()))

    # -- actions ----------------------------------------------------------------------------------
    def add_record(self) -> FxAddDialog:
        dlg = FxAddDialog(self.ctx, self)
        dlg.open()
        return dlg

    def link_evidence(self) -> FxEvidenceDialog | None:
        record = self.selected_record()
        if record is None or record.kind not in ("receipt", "settlement"):
            return None
        dlg = FxEvidenceDialog(self.ctx, record, self)
        dlg.open()
        return dlg

    def edit_netting(self) -> FxNettingDialog | None:
        record = self.selected_record()
        if record is None or record.kind != "receipt":
            return None
        dlg = FxNettingDialog(self.ctx, record, self)
        dlg.open()
        return dlg

    def set_rate(self) -> FxRateDialog:
        missing = self.data.get("missing") or []
        first = missing[0] if missing else {"currency": "", "batch": ""}
        dlg = FxRateDialog(self.ctx, self, currency=first["currency"], batch=first["batch"])
        dlg.open()
        return dlg

    def delete_record(self) -> None:
        from seller_desk.ui.qt import QMessageBox

        record = self.selected_record()
        if record is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete record"), self.tr(
            "Delete record #{id} ({date}, {amount})?").format(
            id=record.id, date=record.date, amount=f"{record.amount.amount:,} {record.amount.currency}"))
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ops.run_write(self.ctx.desk.fx.delete_record, record.id, label="fx delete")

    def import_rates(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import SAFE rate table"), "",
                                              self.tr("Spreadsheets (*.xlsx *.csv)"))
        if path:
            self.run_import(Path(path), reader="safe_rates")

    def import_statement(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a PayPal, collector or Amazon statement"), "",
            self.tr("Statements (*.csv *.xlsx *.txt)"))
        if path:
            reader = "amazon_payout" if path.lower().endswith(".txt") else None
            self.run_import(Path(path), reader=reader)

    def run_import(self, path: Path, reader: str | None = None) -> None:
        from seller_desk.ui.widgets.progress import run_with_progress

        desk = self.ctx.desk

        def work(progress: Any) -> Any:
            return desk.imports.import_file(path, reader=reader, progress=progress)

        def done(report: Any) -> None:
            from seller_desk.ui.errors import show_problems

            summary = self.tr("{reader}: {imported} imported, {unchanged} unchanged, "
                              "{rejected} rejected").format(
                reader=report.reader, imported=report.imported, unchanged=report.unchanged,
                rejected=report.rejected)
            self.warnings.setText(summary)
            self.warnings.setVisible(True)
            if report.problems:
                show_problems(self, report.problems, title=summary)

        run_with_progress(self, self.ctx.ops, work, on_done=done, label="fx import",
                          text=self.tr("Importing {file}…").format(file=path.name))

    def documentation_pack(self, path: Path | None = None) -> None:
        if not isinstance(path, Path):
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the documentation pack"),
                str(self.ctx.desk.documents_dir / f"fx-pack-{self.year}.pdf"), "PDF (*.pdf)")
            if not name:
                return
            path = Path(name)
        record = self.selected_record()
        desk, year = self.ctx.desk, self.year
        lang = QLocale().name()

        def work() -> dict:
            if record is not None:
                return desk.fx.documentation_pack(record_ids=[record.id], pdf=path,
                                                  xlsx=path.with_suffix(".xlsx"), lang=lang)
            return desk.fx.documentation_pack(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31),
                                              pdf=path, xlsx=path.with_suffix(".xlsx"), lang=lang)

        def done(out: dict) -> None:
            self.warnings.setText(self.tr("Saved {files}").format(
                files=", ".join(str(p) for p in out.values())))
            self.warnings.setVisible(True)
            from seller_desk.ui.widgets import saved

            saved.show_saved(self, [Path(out[k]) for k in ("pdf", "xlsx") if k in out])

        self.ctx.ops.run_read(work, on_done=done, label="fx pack", owner=self)


Page = FxPage
