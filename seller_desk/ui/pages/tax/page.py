"""税务 Tax page: the month's 无票免税 verdicts and list, the 核定征收 calculator, refund summary.

Everything is computed by ``desk.tax`` on the read pool (``ctx.ops.run_read``); the widgets only
show results. Printing the list runs in the background with a progress bar and Cancel.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from seller_desk.core import tax as rules
from seller_desk.services import tax as _tax_service  # noqa: F401  (declares the tax.* settings)
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.pages.tax.models import OnlyIneligible, VerdictModel, _fmt
from seller_desk.ui.pages.tax.widgets import CliffChart, _pct
from seller_desk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)


def rules_rows(book: Any, until: int) -> list[dict[str, str]]:
    """The EIT parameters year by year from the rule book (the rows ``desk.tax`` computes
    with: shipped, typed by the user or pushed by a trainer), years with the same parameters
    in one span, from 2020 (核定 4%) to ``until``; ``origin`` is "platform" / "user" when a
    span rests on such a row, ``statutory`` when no preferential policy is recorded."""
    eit = [r for r in book.rows if r.key.startswith("tax.eit.")]
    until = max([until, *(r.valid_from.year for r in eit),  # every row's start is shown,
                 *(r.valid_to.year + 1 for r in eit if r.valid_to)])  # and what comes after it
    spans: list[tuple[int, int, rules.EitYearRule]] = []
    for year in range(rules.HEDING_FROM_YEAR, until + 1):
        r = rules.eit_rule_for_year(year, book)
        if r is None:
            continue
        same = spans and spans[-1][1] == year - 1 and _params(spans[-1][2]) == _params(r)
        if same:
            spans[-1] = (spans[-1][0], year, spans[-1][2])
        else:
            spans.append((year, year, r))
    out = []
    for first, last, r in spans:
        origins = {ref.rpartition("#")[2] for ref in r.rows if "#" in ref}
        out.append({
            "years": f"{first}" if first == last else f"{first}–{last}",
            "rate": _pct(r.taxable_income_rate),
            "small": _pct(r.small_rate) if r.statutory else
            f"{_pct(r.small_inclusion)} × {_pct(r.small_rate)}",
            "std": _pct(r.standard_rate), "income": f"{r.small_income_limit:,.0f}",
            "employees": f"{r.small_employee_limit:,.0f}", "assets": f"{r.small_asset_limit:,.0f}",
            "docs": "、".join(r.documents), "statutory": "1" if r.statutory else "",
            "origin": "platform" if "platform" in origins else "user" if "user" in origins
            else "", "open": "1" if last == until else ""})
    return out


def _params(r: rules.EitYearRule) -> tuple:
    return (r.statutory, r.rows)  # the same rows in force: the same parameters


class TaxPage(BasePage):
    watches = ("tax_export_line", "tax_eit_year", "company", "company_quarter", "setting", "hs_code",
               "rule")

    def __init__(self, ctx: Any, info: PageInfo):
        super().__init__(ctx, info)
        self.month_list: rules.MonthList | None = None
        self.eit_report: Any = None
        self.refunds: rules.RefundSummary | None = None
        self.print_task: Any = None
        layout = QVBoxLayout(self)
        self.heading(layout)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        self.month = QComboBox()
        self.month.setObjectName("taxMonth")
        self.month.setEditable(True)
        self.month.setMinimumWidth(110)
        self.month.activated.connect(lambda _i: self.load_month())
        self.month.lineEdit().returnPressed.connect(self.load_month)
        bar.addWidget(self.month)
        self.summary = QLabel()
        self.summary.setObjectName("taxSummary")
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._exemption_tab(), self.tr("No-invoice exemption (无票免税)"))
        self.tabs.addTab(self._eit_tab(), self.tr("Income tax (核定征收)"))
        self.tabs.addTab(self._refund_tab(), self.tr("Export refunds"))

    # -- the exemption tab -------------------------------------------------------------------------
    def _exemption_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.only_bad = QCheckBox(self.tr("Only lines that do not qualify"))
        row.addWidget(self.only_bad)
        row.addStretch(1)
        self.print_button = QPushButton(self.tr("Print list (PDF + Excel)…"))
        self.print_button.setObjectName("taxPrint")
        self.print_button.clicked.connect(self._ask_print)
        row.addWidget(self.print_button)
        v.addLayout(row)
        self.interpretation = QLabel(self.tr(
            "9710/9810 (B2B) lines are treated as not eligible: an interpretation of 财税〔2018〕103号, "
            "which a trainer can change in the settings."))
        self.interpretation.setObjectName("taxInterpretation")
        self.interpretation.setWordWrap(True)
        v.addWidget(self.interpretation)
        self.settings_note = QLabel()
        self.settings_note.setObjectName("taxSettingsNote")
        self.settings_note.setWordWrap(True)
        self.settings_note.setStyleSheet("color: #b3261e")
        self.settings_note.setVisible(False)
        v.addWidget(self.settings_note)
        self.model = VerdictModel(self)
        self.proxy = OnlyIneligible(self)
        self.proxy.setSourceModel(self.model)
        self.only_bad.toggled.connect(self.proxy.set_only_bad)
        self.table = QTableView()
        self.table.setObjectName("taxVerdicts")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((70, 150, 90, 95, 200, 60, 110, 100)):
            self.table.setColumnWidth(col, width)
        v.addWidget(self.table, 1)
        prog = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel_print)
        self.print_status = QLabel()
        self.print_status.setObjectName("taxPrintStatus")
        self.print_status.setWordWrap(True)
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)
        v.addLayout(prog)
        v.addWidget(self.print_status)
        return tab

    # -- the EIT tab -------------------------------------------------------------------------------
    def _eit_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        inputs = QGroupBox(self.tr("The year's inputs"))
        form = QFormLayout(inputs)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.calculate())
        form.addRow(self.tr("Year"), self.year)
        self.revenue = QLineEdit()
        self.revenue.setObjectName("taxRevenue")
        self.employees = QLineEdit()
        self.assets = QLineEdit()
        for edit in (self.revenue, self.employees, self.assets):
            edit.returnPressed.connect(self.calculate)
        form.addRow(self.tr("Revenue (收入总额, CNY)"), self.revenue)
        form.addRow(self.tr("Average employees"), self.employees)
        form.addRow(self.tr("Average total assets (CNY)"), self.assets)
        hint = QLabel(self.tr("Leave a field empty to use the company file's figures."))
        hint.setWordWrap(True)
        form.addRow(hint)
        calc = QPushButton(self.tr("Calculate"))
        calc.setObjectName("taxCalculate")
        calc.clicked.connect(self.calculate)
        form.addRow(calc)
        self.input_problems = QLabel()
        self.input_problems.setObjectName("taxInputProblems")
        self.input_problems.setWordWrap(True)
        self.input_problems.setStyleSheet("color: #b3261e")
        form.addRow(self.input_problems)
        grid.addWidget(inputs, 0, 0)

        results = QGroupBox(self.tr("Estimate"))
        rform = QFormLayout(results)
        self.r_revenue = QLabel()
        self.r_taxable_revenue = QLabel()
        self.r_income = QLabel()
        self.r_small = QLabel()
        self.r_tax = QLabel()
        self.r_tax.setObjectName("taxEitTax")
        self.r_rule = QLabel()
        self.r_rule.setWordWrap(True)
        for label, widget in (
            (self.tr("Revenue"), self.r_revenue), (self.tr("Taxable revenue (应税收入额)"), self.r_taxable_revenue),
            (self.tr("Taxable income (× 4%)"), self.r_income), (self.tr("Small low-profit enterprise"), self.r_small),
            (self.tr("Income tax"), self.r_tax), (self.tr("Rule"), self.r_rule),
        ):
            rform.addRow(label, widget)
        self.warnings = QLabel()
        self.warnings.setObjectName("taxWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b3261e")
        rform.addRow(self.warnings)
        grid.addWidget(results, 0, 1)

        self.chart = CliffChart()
        self.chart.setObjectName("taxCliffChart")
        grid.addWidget(self.chart, 1, 0)
        self.quarters = QTableWidget(0, 5)
        self.quarters.setObjectName("taxQuarters")
        self.quarters.setHorizontalHeaderLabels([
            self.tr("Quarter"), self.tr("Cumulative revenue"), self.tr("Small low-profit"),
            self.tr("Cumulative tax"), self.tr("To prepay")])
        self.quarters.verticalHeader().setVisible(False)
        self.quarters.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.quarters.horizontalHeader().setStretchLastSection(True)
        self.quarters.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        right = QVBoxLayout()
        right.addWidget(self.quarters, 1)
        self.quarter_note = QLabel()
        self.quarter_note.setObjectName("taxQuarterNote")
        self.quarter_note.setWordWrap(True)
        right.addWidget(self.quarter_note)
        right.addWidget(QLabel(self.tr("Rules table (which rule applies to which year)")))
        self.rules_label = QLabel()
        self.rules_label.setObjectName("taxRules")
        self.rules_label.setWordWrap(True)
        right.addWidget(self.rules_label)
        right.addWidget(QLabel(self.tr("Years outside these rows have no known rule: nothing is "
                                       "estimated. The rows are in Preferences ▸ Rules.")))
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return tab

    # -- the refund tab ----------------------------------------------------------------------------
    def _refund_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.refund_note = QLabel()
        self.refund_note.setObjectName("taxRefundNote")
        self.refund_note.setWordWrap(True)
        v.addWidget(self.refund_note)
        self.refund_table = QTableWidget(0, 5)
        self.refund_table.setObjectName("taxRefunds")
        self.refund_table.setHorizontalHeaderLabels([
            self.tr("HS code"), self.tr("Refund rate"), self.tr("Lines"), self.tr("Invoice net amount (CNY)"),
            self.tr("Refund estimate (CNY)")])
        self.refund_table.verticalHeader().setVisible(False)
        self.refund_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.refund_table.horizontalHeader().setStretchLastSection(True)
        self.refund_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.addWidget(self.refund_table, 1)
        frame = QFrame()
        v.addWidget(frame)
        return tab

    # -- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.ops.run_read(self.ctx.desk.tax.months, on_done=self._got_months, label="tax months")
        desk, until = self.ctx.desk, max(dt.date.today().year + 1, self.year.value())
        self.ctx.ops.run_read(lambda: rules_rows(desk.rules.book(), until),
                              on_done=self._show_rules, label="tax rules")
        self.calculate()

    def _show_rules(self, rows: list[dict[str, str]]) -> None:
        lines = []
        for row in rows:
            if row["statutory"]:
                text = self.tr("{years}: taxable income rate {rate}; no preferential policy "
                               "recorded: statutory {small} for a small low-profit enterprise "
                               "(otherwise {std}), limits {income} / {employees} / {assets}; "
                               "{docs}").format(**row)
            else:
                text = self.tr("{years}: taxable income rate {rate}; small low-profit {small} "
                               "(otherwise {std}); limits {income} / {employees} / {assets}; "
                               "{docs}").format(**row)
            if row["open"]:
                text = text.replace(row["years"], self.tr("{years} and later").format(
                    years=row["years"].split("–")[0]), 1)
            if row["origin"] == "platform":
                text += " " + self.tr("(pushed by the trainer)")
            elif row["origin"] == "user":
                text += " " + self.tr("(your own row)")
            lines.append(text)
        self.rules_label.setText("\n".join(lines))

    def _got_months(self, months: list[str]) -> None:
        current = self.month.currentText().strip()
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItems(months or [dt.date.today().strftime("%Y-%m")])
        if current:
            self.month.setCurrentText(current)
        self.month.blockSignals(False)
        self.load_month()

    def selected_month(self) -> str:
        return self.month.currentText().strip()

    def load_month(self) -> None:
        month = self.selected_month()
        lang = self.ctx.lang
        desk = self.ctx.desk

        def work() -> tuple[rules.MonthList, list, rules.RefundSummary, bool, list[str]]:
            from seller_desk.messages.tax import reason

            ml = desk.tax.month_list(month)
            sep = "；" if lang.startswith("zh") else "; "
            rows = [(True, v.line, "") for v in ml.eligible]
            rows += [(False, v.line, sep.join(reason(p, lang).rstrip("。.") for p in v.failures))
                     for v in ml.ineligible]
            first, last = rules.month_bounds(month)
            refunds = desk.tax.refund_summary(first, last, applied_on=last)
            notes = [reason(p, lang) for p in desk.tax.settings_problems()]
            return ml, rows, refunds, desk.tax.params().b2b_eligible, notes

        self.ctx.ops.run_read(work, on_done=self._got_month, on_error=self._month_failed, label="tax month")

    def _month_failed(self, exc: BaseException) -> None:
        from seller_desk.core.problems import ProblemError
        from seller_desk.messages import message

        if isinstance(exc, ProblemError):
            self.summary.setText("; ".join(message(p, self.ctx.lang) for p in exc.problems))
            self.model.set_rows([])
            return
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    def _got_month(self, result: tuple[rules.MonthList, list, rules.RefundSummary, bool, list[str]]) -> None:
        from seller_desk.messages import message

        ml, rows, refunds, b2b_eligible, notes = result
        self.month_list = ml
        self.model.set_rows(rows)
        if ml.empty:
            self.summary.setText(message("tax.list.empty_month", self.ctx.lang, month=ml.month))
        else:
            text = self.tr("{0} eligible, {1} not eligible; eligible amount CNY {2}").format(
                len(ml.eligible), len(ml.ineligible), _fmt(ml.amount_cny))
            if ml.missing_cny:
                text += " — " + message("tax.list.missing_cny", self.ctx.lang, count=ml.missing_cny)
            self.summary.setText(text)
        self.interpretation.setVisible(not b2b_eligible)
        self.settings_note.setText("\n".join(notes))
        self.settings_note.setVisible(bool(notes))
        self._show_refunds(refunds)

    # -- printing ----------------------------------------------------------------------------------
    def _ask_print(self) -> None:
        month = self.selected_month()
        start = str(self.ctx.data_dir / f"无票免税清单-{month}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the exemption list"), start, "PDF (*.pdf)")
        if path:
            pdf = Path(path)
            self.print_list(pdf, pdf.with_suffix(".xlsx"))

    def print_list(self, pdf: Path, xlsx: Path | None) -> None:
        """Write the month's list in the background, with progress and Cancel."""
        month, lang, desk = self.selected_month(), self.ctx.lang, self.ctx.desk

        def work(task: Any) -> dict:
            return desk.tax.write_month_list(month, pdf=pdf, xlsx=xlsx, lang=lang, progress=task.progress,
                                             should_abort=lambda: task.cancelled)

        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.print_button.setEnabled(False)
        self.print_status.setText(self.tr("Printing the list of {0}…").format(month))
        self.print_task = self.ctx.ops.run_read(
            work, on_done=self._printed, on_error=self._print_failed,
            on_progress=lambda f, _m: self.progress.setValue(int(f * 1000)), label="tax list")

    def _cancel_print(self) -> None:
        if self.print_task is not None:
            self.print_task.cancel()

    def _print_done(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.print_button.setEnabled(True)
        self.print_task = None

    def _printed(self, summary: dict) -> None:
        self._print_done()
        files = ", ".join(summary[k] for k in ("pdf", "xlsx") if k in summary)
        self.print_status.setText(self.tr("Written: {0} ({1} pages)").format(files, summary.get("pages", 0)))
        from seller_desk.ui.widgets import saved

        # "Print list": the pages are shown at once, with Print…, as well as Open / Open folder
        saved.show_saved(self, [Path(summary[k]) for k in ("pdf", "xlsx") if k in summary],
                         preview=True)

    def _print_failed(self, exc: BaseException) -> None:
        from seller_desk.io.tax_pdf import Aborted

        self._print_done()
        if isinstance(exc, Aborted):
            self.print_status.setText(self.tr("Printing cancelled; no file was written."))
            return
        from seller_desk.ui.errors import show_error

        self.print_status.setText("")
        show_error(self, exc)

    # -- EIT -----------------------------------------------------------------------------------------
    def calculate(self) -> None:
        from seller_desk.messages.tax import reason

        problems = []
        values = {}
        for name, edit in (("revenue", self.revenue), ("employees", self.employees), ("assets", self.assets)):
            value, found = rules.parse_eit_figure(name, edit.text())
            values[name] = value
            problems += found
        self.input_problems.setText("\n".join(reason(p, self.ctx.lang) for p in problems))
        if problems:
            return
        year, desk = self.year.value(), self.ctx.desk
        self.ctx.ops.run_read(lambda: desk.tax.eit(year, **values), on_done=self._got_eit,
                              on_error=self._eit_failed, label="tax eit")

    def _eit_failed(self, exc: BaseException) -> None:
        from seller_desk.core.problems import ProblemError
        from seller_desk.messages.tax import reason

        if isinstance(exc, ProblemError):
            self.warnings.setText("\n".join(reason(p, self.ctx.lang) for p in exc.problems))
            return
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    def _got_eit(self, report: Any) -> None:
        from seller_desk.messages.tax import reason

        self.eit_report = report
        r = report.result
        lang = self.ctx.lang
        sources = {"flag": self.tr("typed above"), "saved": self.tr("saved for the year"),
                   "export_lines": self.tr("the year's export lines"),
                   "company_quarters": self.tr("company quarters"), "missing": self.tr("missing")}
        if report.inputs is not None:
            self.revenue.setPlaceholderText(f"{report.inputs.revenue:,.2f}")
            self.employees.setPlaceholderText("" if report.inputs.employees is None else f"{report.inputs.employees:f}")
            self.assets.setPlaceholderText("" if report.inputs.assets is None else f"{report.inputs.assets:,.2f}")
            self.r_revenue.setText(f"{_fmt(report.inputs.revenue)} ({sources[report.revenue_source]})")
        self.r_taxable_revenue.setText(_fmt(r.taxable_revenue))
        self.r_income.setText(_fmt(r.taxable_income))
        self.r_small.setText("" if r.small_low_profit is None else (self.tr("Yes (25% × 20%)") if r.small_low_profit
                                                                      else self.tr("No (25%)")))
        self.r_tax.setText(_fmt(r.tax))
        self.r_rule.setText(r.rule.label if r.rule else self.tr("No known rule for {0}").format(r.year))
        self.warnings.setText("\n".join(reason(p, lang) for p in r.problems))
        rule = r.rule
        if rule is not None:
            rev = report.inputs.revenue if report.inputs else Decimal(0)
            upto = max(Decimal(100_000_000), rev * Decimal("1.2"))
            points = rules.cliff_curve(r.year, upto.quantize(Decimal(1)), steps=60)
            current = (rev, r.tax) if r.tax is not None else None
            self.chart.set_data(points, rule.cliff_revenue, current,
                                self.tr("Income tax by revenue, {0} (CNY)").format(r.year))
        else:
            self.chart.set_data([], None, None, self.tr("Income tax by revenue, {0} (CNY)").format(r.year))
        if report.quarters or not r.ok:
            self.quarter_note.setText("")
        else:
            self.quarter_note.setText(self.tr(
                "Quarterly prepayments are estimated from the year's export lines; clear the revenue "
                "saved for the year to see them."))
        self.quarters.setRowCount(len(report.quarters))
        for i, q in enumerate(report.quarters):
            cells = (f"Q{q.quarter}", _fmt(q.cumulative_revenue),
                     self.tr("Yes") if q.small_low_profit else self.tr("No"), _fmt(q.cumulative_tax), _fmt(q.payable))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (1, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.quarters.setItem(i, j, item)

    # -- refunds -------------------------------------------------------------------------------------
    def _show_refunds(self, s: rules.RefundSummary) -> None:
        from seller_desk.messages.tax import reason

        self.refunds = s
        self.refund_table.setRowCount(len(s.groups) + (1 if s.groups else 0))
        for i, g in enumerate(s.groups):
            cells = (g.hs_code, "" if g.rate is None else f"{g.rate * 100:g}%", str(g.lines), _fmt(g.basis),
                     _fmt(g.refund))
            for j, text in enumerate(cells):
                self.refund_table.setItem(i, j, QTableWidgetItem(text))
        if s.groups:
            last = len(s.groups)
            self.refund_table.setItem(last, 0, QTableWidgetItem(self.tr("Total")))
            self.refund_table.setItem(last, 3, QTableWidgetItem(_fmt(s.total_basis)))
            self.refund_table.setItem(last, 4, QTableWidgetItem(_fmt(s.total_refund)))
        if s.refund_class:
            note = self.tr("Refund class {0}: the tax office completes a refund within {1} working days "
                           "of accepting the application (estimate: weekends skipped, holidays not).").format(
                s.refund_class, s.working_days)
        else:
            note = self.tr("Set the export refund class (一 to 四) in the settings to see the expected timing.")
        if not s.groups:
            note = self.tr("No invoiced export lines this month.") + " " + note
        extra = [reason(p, self.ctx.lang) for p in s.problems]
        self.refund_note.setText("\n".join([note, *extra]))


Page = TaxPage
