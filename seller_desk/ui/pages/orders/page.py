"""Orders & Declarations: orders, refunds and fees; payouts reconciled to the cent; export
declarations with their three-document match and customs status; the month's CEB messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from seller_desk.core.changes import Changes
from seller_desk.core.problems import Problem
from seller_desk.i18n import QT_TRANSLATE_NOOP, counted
from seller_desk.messages import describe, message
from seller_desk.messages import orders as _orders_messages  # noqa: F401  (customs.* settings)
from seller_desk.ui.errors import show_error, show_problems
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.pages.orders.dialogs import DeclareDialog, SkuMappingDialog
from seller_desk.ui.pages.orders.models import AMBER, GREEN, RED
from seller_desk.ui.pages.orders.widgets import _fill, _table
from seller_desk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QLocale,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.codes import label as code_label
from seller_desk.ui.widgets.documents import DocumentsPane
from seller_desk.ui.widgets.paged_table import Col, PagedTableModel, paged_view

PAGE_SIZE = 200


class Page(BasePage):
    watches = ("order", "order_event", "settlement", "declaration", "waybill", "product")

    def __init__(self, ctx, info: PageInfo):
        super().__init__(ctx, info)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.heading(layout)
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        self.month = QComboBox()
        self.month.setObjectName("monthFilter")
        self.month.addItem(self.tr("All months"), None)
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.month)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter: order, SKU, status…"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.import_button = QPushButton(self.tr("Import report…"))
        self.import_button.clicked.connect(self.choose_report)
        self.receipts_button = QPushButton(self.tr("Read receipts…"))
        self.receipts_button.clicked.connect(self.choose_receipts)
        self.generate_button = QPushButton(self.tr("Generate messages…"))
        self.generate_button.setObjectName("generateMessages")
        self.generate_button.clicked.connect(self.generate_messages)
        self.with_receipts = QCheckBox(self.tr("With collection documents (CEB403)"))
        self.with_receipts.setToolTip(self.tr(
            "Optional since 2024-12-15 (GACC announcement 2024 No. 167)."))
        self.declare_button = QPushButton(self.tr("Declare order…"))
        self.declare_button.setObjectName("declareOrder")
        self.declare_button.clicked.connect(self.declare_selected)
        for b in (self.import_button, self.receipts_button, self.declare_button,
                  self.with_receipts, self.generate_button):
            bar.addWidget(b)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        # orders, refunds and fees can be a million rows: read a page at a time, filtered in SQL
        desk = ctx.desk
        self.orders_model = PagedTableModel(
            ctx.ops, desk.orders.orders_page, self._order_columns(), sort="date",
            page_size=PAGE_SIZE, color=lambda o: None if o["mapped"] else AMBER, label="orders")
        self.orders_view = paged_view(self.orders_model, "orders")
        self.refunds_model = PagedTableModel(
            ctx.ops, desk.orders.events_page, self._event_columns(), sort="date",
            page_size=PAGE_SIZE, label="refunds")
        self.refunds_view = paged_view(self.refunds_model, "refunds")
        self.fees_model = PagedTableModel(
            ctx.ops, desk.orders.events_page, self._event_columns(), sort="date",
            page_size=PAGE_SIZE, label="fees")
        self.fees_view = paged_view(self.fees_model, "fees")
        self.decl_model = PagedTableModel(
            ctx.ops, desk.orders.declarations_page, self._declaration_columns(), sort="date",
            page_size=PAGE_SIZE, label="declarations",
            color=_decl_colour)  # by outcome: a list customs rejected is red
        self.decl_view = paged_view(self.decl_model, "declarations")
        self.paged = [self.orders_model, self.refunds_model, self.fees_model, self.decl_model]
        for model in self.paged:
            model.failed.connect(lambda exc: show_error(self, exc))
        self.settlements_view, self.settlements_model, p4 = _table("settlements")
        self.proxies = [p4]  # payouts: a small table, filtered on screen
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._reload_orders)
        self.search.textChanged.connect(self._on_search)
        # the selected order's documents (invoices, proof of shipment) beside the table
        orders_split = QSplitter(Qt.Orientation.Horizontal)
        orders_split.addWidget(self.orders_view)
        self.order_docs = DocumentsPane(ctx)
        self.order_docs.setObjectName("orderDocuments")
        self.order_docs.title.setText(self.tr("Documents of the selected order"))
        orders_split.addWidget(self.order_docs)
        orders_split.setStretchFactor(0, 4)
        orders_split.setStretchFactor(1, 1)
        orders_split.setSizes([900, 320])
        self.tabs.addTab(orders_split, self.tr("Orders"))
        self.tabs.addTab(self.refunds_view, self.tr("Refunds"))
        self.tabs.addTab(self.fees_view, self.tr("Fees"))
        pay_split = QSplitter(Qt.Orientation.Vertical)
        pay_split.addWidget(self.settlements_view)
        self.breakdown = QLabel(self.tr("Select a payout to see what makes it up."))
        self.breakdown.setObjectName("payoutBreakdown")
        self.breakdown.setWordWrap(True)
        self.breakdown.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        pay_split.addWidget(self.breakdown)
        pay_split.setSizes([500, 120])
        self.tabs.addTab(pay_split, self.tr("Payouts"))
        self._settlements: list[dict[str, Any]] = []
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.decl_view)
        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        self.problems_title = QLabel(self.tr("Problems of the selected declaration"))
        from seller_desk.ui.guide import help_button

        self._decl_topic = "ceb#match"
        title_row = QHBoxLayout()
        title_row.addWidget(self.problems_title, 1)
        self.decl_guide = help_button(lambda: self._decl_topic, self)
        self.decl_guide.setObjectName("declarationGuide")
        title_row.addWidget(self.decl_guide)
        pane_layout.addLayout(title_row)
        self.problems = QListWidget()
        self.problems.setObjectName("declarationProblems")
        self.problems.setWordWrap(True)
        self.problems.itemDoubleClicked.connect(  # a problem's own section of the guide
            lambda item: self._open_guide(item.data(Qt.ItemDataRole.UserRole)
                                          or self._decl_topic))
        pane_layout.addWidget(self.problems)
        self.decl_docs = DocumentsPane(ctx)
        self.decl_docs.setObjectName("declarationDocuments")
        self.decl_docs.title.setText(self.tr("Documents of the order"))
        pane_layout.addWidget(self.decl_docs)
        split.addWidget(pane)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 300])
        self.tabs.addTab(split, self.tr("Declarations"))
        layout.addWidget(self.tabs, 1)
        self.decl_view.selectionModel().selectionChanged.connect(self._show_problems)
        self.decl_model.reloaded.connect(self._show_problems)
        self.decl_model.reloaded.connect(self._select_pending_declaration)
        self.orders_view.selectionModel().selectionChanged.connect(self._order_picked)
        self.settlements_view.selectionModel().selectionChanged.connect(self._show_breakdown)
        unmapped_row = QHBoxLayout()
        self.unmapped = QLabel()
        self.unmapped.setWordWrap(True)
        unmapped_row.addWidget(self.unmapped, 1)
        self.map_button = QPushButton(self.tr("Map SKUs…"))
        self.map_button.setObjectName("mapSkus")
        self.map_button.clicked.connect(self.open_sku_mapping)
        self.map_button.hide()
        unmapped_row.addWidget(self.map_button)
        layout.addLayout(unmapped_row)

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        desk = self.ctx.desk
        today = dt.date.today()

        self._reload_orders()

        def load() -> dict[str, Any]:
            svc = desk.orders
            return {
                "settlements": svc.list_settlements(),
                "countdowns": svc.summary_countdowns(today),
                "unmapped": svc.unmapped_skus(),
                "months": svc.order_months(),
            }

        self.ctx.ops.run_read(load, on_done=self._show, label="orders")

    def show_month(self, month: str | None) -> None:
        """Filter the page to ``month`` (YYYY-MM; None: all months), e.g. from the Dashboard."""
        i = self.month.findData(month)
        if i < 0:
            self.month.blockSignals(True)
            self.month.addItem(month, month)
            self.month.blockSignals(False)
            i = self.month.count() - 1
        self.month.setCurrentIndex(i)

    def show_record(self, kind: str, ref: int, label: str) -> None:
        """Open a search hit: an order by its number, a declaration selected in its tab."""
        self._pending_declaration = label if kind == "declaration" else None
        self.tabs.setCurrentIndex(self.tabs.count() - 1 if kind == "declaration" else 0)
        self.search.setText(label)  # the filter box narrows orders and declarations alike
        if self.month.currentIndex() != 0:
            self.month.setCurrentIndex(0)  # all months (refreshes)
        else:
            self.refresh()

    def _select_pending_declaration(self) -> None:
        """Select the declaration a search hit asked for, after each reload of its table
        (the filter box's own reload comes a moment later) while the filter still names it."""
        cop_no = getattr(self, "_pending_declaration", None)
        if not cop_no or self.search.text() != cop_no:
            self._pending_declaration = None
            return
        view = self.decl_view
        model = view.model()
        for row in range(model.rowCount()):
            if model.index(row, 1).data() == cop_no:
                view.selectRow(row)
                view.scrollTo(model.index(row, 1))
                return

    def _show(self, data: dict[str, Any]) -> None:
        current = self.month.currentData()
        known = {self.month.itemData(i) for i in range(self.month.count())}
        self.month.blockSignals(True)
        for m in data["months"]:
            if m not in known:
                self.month.addItem(m, m)
        self.month.blockSignals(False)
        if current is not None:
            self.month.setCurrentIndex(max(0, self.month.findData(current)))
        s_rows = self._settlements = data["settlements"]
        _fill(self.settlements_model,
              [self.tr("Payout"), self.tr("Deposit date"), self.tr("Period"), self.tr("Total"),
               self.tr("Lines total"), self.tr("Difference"), self.tr("Currency"),
               self.tr("Reconciled")],
              [[s["settlement_id"], s["deposit_date"], f"{s['start']} – {s['end']}", s["total"],
                s["lines_total"], s["difference"], s["currency"],
                self.tr("Yes") if s["reconciles"] else self.tr("Difference confirmed")
                if s["confirmed_difference"] is not None else self.tr("No")] for s in s_rows],
              [GREEN if s["reconciles"] else RED for s in s_rows], right={3, 4, 5})
        lines = []
        for c in data["countdowns"]:
            if c.overdue:
                lines.append(self.tr("Summary declaration of {month} was due on {due}: "
                                     "{days} days overdue.").format(
                    month=c.month, due=c.due.isoformat(), days=-c.days_left))
            else:
                lines.append(self.tr("Summary declaration of {month} is due on {due} "
                                     "({days} days left).").format(
                    month=c.month, due=c.due.isoformat(), days=c.days_left))
        overdue = any(c.overdue for c in data["countdowns"])
        self.banner.setText("\n".join(lines) or self.tr("No summary declaration is due."))
        self.banner.setStyleSheet(
            "QLabel{background:#f8d7d7;padding:6px;border-radius:4px}" if overdue else
            "QLabel{background:#fff1c9;padding:6px;border-radius:4px}" if lines else "")
        self.unmapped.setText(
            self.tr("SKUs to map to a product: {skus}").format(skus=", ".join(data["unmapped"]))
            if data["unmapped"] else "")
        self.map_button.setVisible(bool(data["unmapped"]))
        self._show_problems()

    # -- the orders table, a page at a time ----------------------------------------------------
    def _on_search(self, text: str) -> None:
        for p in self.proxies:
            p.setFilterFixedString(text)
        self._search_timer.start()

    def _order_columns(self) -> list[Col]:
        return [Col(self.tr("Date"), "date", sort="date", raw=_day),
                Col(self.tr("Marketplace"), "marketplace"),
                Col(self.tr("Order"), "order_id", sort="order"),
                Col(self.tr("SKUs"), "skus"),
                Col(self.tr("Quantity"), "quantity", right=True, raw=_same),
                Col(self.tr("Product sales"), "product_sales", right=True, raw=_amount),
                Col(self.tr("Currency"), "currency"),
                Col(self.tr("Status"), lambda o: code_label("order_status", o["status"]),
                    sort="status")]

    def _event_columns(self) -> list[Col]:
        return [Col(self.tr("Date"), "day", sort="date", raw=_day),
                Col(self.tr("Marketplace"), "marketplace"),
                Col(self.tr("Order"), "order_id"), Col(self.tr("Description"), "description"),
                Col(self.tr("Amount"), "total", right=True, raw=_amount),
                Col(self.tr("Currency"), "currency")]

    def _declaration_columns(self) -> list[Col]:
        zh = self.ctx.lang.startswith("zh")
        return [
            Col(self.tr("Export date"), lambda d: d.ie_date.isoformat(), sort="date", raw=_day),
            Col(self.tr("List"), "cop_no"), Col(self.tr("Mode"), "trade_mode"),
            Col(self.tr("Order"), "order_no"), Col(self.tr("Waybill"), "logistics_no"),
            Col(self.tr("Value"), "goods_value", right=True, raw=_amount),
            Col(self.tr("Currency"), "currency"),
            Col(self.tr("Match"), lambda d: self.tr("Agrees") if d.match_ok
                else self.tr("Mismatch")),
            Col(self.tr("Customs status"),
                lambda d: (f"{d.status_code} {d.status_zh if zh else d.status_en}"
                           if d.status_code else self.tr("Not sent"))),
            Col(self.tr("List number"), "invt_no"),
            Col(self.tr("Channel"), lambda d: self.tr("List") if d.channel == "list"
                else self.tr("Full declaration")),
        ]

    @property
    def _declarations(self) -> list[Any]:
        """The declarations loaded so far (the table's pages)."""
        return self.decl_model.records

    def _reload_orders(self) -> None:
        """The paged tables again, for the month and the filter now set (latest wins)."""
        month, search = self.month.currentData(), self.search.text()
        self.orders_model.set_query(search=search, filters={"month": month})
        self.refunds_model.set_query(search=search, filters={"kind": "refund", "month": month})
        self.fees_model.set_query(search=search, filters={"kind": "fee", "month": month})
        self.decl_model.set_query(search=search, filters={"month": month})

    KIND_LABELS = {
        "order": QT_TRANSLATE_NOOP("Page", "Sales"), "refund": QT_TRANSLATE_NOOP("Page", "Refunds"),
        "fee": QT_TRANSLATE_NOOP("Page", "Fees"),
        "adjustment": QT_TRANSLATE_NOOP("Page", "Adjustments"),
        "transfer": QT_TRANSLATE_NOOP("Page", "Transfers"), "other": QT_TRANSLATE_NOOP("Page", "Other"),
    }

    def _show_breakdown(self, *_args: Any) -> None:
        rows = self.settlements_view.selectionModel().selectedRows()
        if not rows:
            return
        src = self.settlements_view.model().mapToSource(rows[0])
        st = self._settlements[src.row()]
        desk = self.ctx.desk

        def done(parts: list[dict[str, Any]]) -> None:
            lines = [self.tr("Payout {settlement}:").format(settlement=st["settlement_id"])]
            lines += [counted(
                p["lines"], self.tr("{kind}: {amount} {currency} ({n} line)"),
                self.tr("{kind}: {amount} {currency} ({n} lines)"),
                kind=self.tr(self.KIND_LABELS.get(p["kind"], p["kind"])), amount=p["amount"],
                currency=p["currency"]) for p in parts]
            lines.append(self.tr("Lines total {lines} = payout {total} {currency}").format(
                lines=st["lines_total"], total=st["total"], currency=st["currency"])
                if st["reconciles"] else self.tr(
                "Lines total {lines} ≠ payout {total} {currency}: difference {difference}").format(
                lines=st["lines_total"], total=st["total"], currency=st["currency"],
                difference=st["difference"]))
            self.breakdown.setText("\n".join(lines))

        self.ctx.ops.run_read(desk.orders.settlement_breakdown, st["settlement_id"],
                              st["marketplace"], on_done=done, label="breakdown", owner=self)

    def _order_picked(self, *_args: Any) -> None:
        """Show the documents of the order selected in the Orders table."""
        picked = self.selected_order()
        if picked is None:
            self.order_docs.set_owner("order", None)
            return
        desk = self.ctx.desk
        self.ctx.ops.run_read(desk.orders.find_order, *picked,
                              on_done=lambda oid: self.order_docs.set_owner("order", oid),
                              label="order documents", owner=self)

    def _show_problems(self, *_args: Any) -> None:
        self.problems.clear()
        rows = self.decl_view.selectionModel().selectedRows()
        if not rows:
            self.decl_docs.set_owner("order", None)
            return
        d = self.decl_model.record(rows[0].row())
        if d is None:
            return
        self.ctx.ops.run_read(self.ctx.desk.orders.declaration_order, d.id,
                              on_done=lambda oid: self.decl_docs.set_owner("order", oid),
                              label="declaration documents", owner=self)
        from seller_desk.services.orders import _problem_from_dict

        found = [_problem_from_dict(p) for p in d.problems]
        refused = _customs_refused(d)
        from seller_desk.ui.guide import problem_topic, problems_topic

        self._decl_topic = ("ceb#receipts" if refused else
                            problems_topic(found, "ceb#match"))
        if d.status_code and d.status_info:
            self.problems.addItem(self.tr("Customs ({code} {meaning}): {info}").format(
                code=d.status_code,
                meaning=d.status_zh if self.ctx.lang.startswith("zh") else d.status_en,
                info=d.status_info))
        if refused:
            self.problems.addItem(self.tr("Next step: fix what customs names, then declare "
                                          "the list again."))
        elif not found:
            self.problems.addItem(self.tr("Order, list and waybill agree."))
        for p in found:
            self.problems.addItem(describe(p, self.ctx.lang))
            self.problems.item(self.problems.count() - 1).setData(
                Qt.ItemDataRole.UserRole, problem_topic(p))

    def _open_guide(self, topic: str) -> None:
        from seller_desk.ui.guide import open_guide

        open_guide(topic, self)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()

    # -- actions ------------------------------------------------------------------------------
    def choose_report(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a report"), str(Path.home()),
            self.tr("Reports (*.csv *.txt *.tsv *.xlsx);;All files (*)"))
        if path:
            self.import_report(Path(path))

    def import_report(self, path: Path, *, confirm: bool = False) -> None:
        from seller_desk.ui.widgets.progress import run_with_progress

        desk = self.ctx.desk

        def work(progress: Any) -> Any:  # (an orders report: a payout's difference confirmed)
            return desk.imports.import_file(path, progress=progress, apply_options={
                "confirm_difference": True} if confirm else None)

        def done(report: Any) -> None:
            diffs = report.extra.get("settlement_differences")
            if diffs and not report.written:
                text = "\n".join(self.tr("Payout {settlement}: total {total}, lines {lines}, "
                                         "difference {difference}.").format(
                    settlement=d["settlement"], total=d["total"], lines=d["lines_total"],
                    difference=d["difference"]) for d in diffs)
                answer = QMessageBox.question(
                    self, self.tr("Payout does not add up"),
                    text + "\n\n" + self.tr("Import it anyway with this difference recorded?"))
                if answer == QMessageBox.StandardButton.Yes:
                    self.import_report(path, confirm=True)
                return
            problems = [p for p in report.problems if p.key != "orders.settlement_unbalanced"
                        or not report.written]
            if problems:
                show_problems(self, problems, self.tr("Import"))

        run_with_progress(self, self.ctx.ops, work, on_done=done, label="import",
                          text=self.tr("Importing {file}…").format(file=path.name))

    def selected_order(self) -> tuple[str, str] | None:
        rows = self.orders_view.selectionModel().selectedRows()
        record = self.orders_model.record(rows[0].row()) if rows else None
        if record is None:
            return None
        return record["marketplace"], record["order_id"]

    def open_sku_mapping(self) -> SkuMappingDialog:
        """The in-page SKU-mapping dialog (non-modal, so tests and the user can keep working)."""
        dialog = SkuMappingDialog(self)
        dialog.show()
        return dialog

    def declare_selected(self) -> None:
        picked = self.selected_order()
        if picked is None:
            self.tabs.setCurrentIndex(0)
            QMessageBox.information(self, self.tr("Declare order"),
                                    self.tr("Select an order in the Orders table first."))
            return
        dialog = DeclareDialog(self, picked[1])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.declare(picked, dialog.values())

    def declare(self, picked: tuple[str, str], values: dict[str, Any]) -> None:
        desk = self.ctx.desk

        def work() -> int:
            order_id = desk.orders.find_order(*picked)
            if values.pop("add_waybill") and values["logistics_no"]:
                desk.orders.add_waybill(values["logistics_code"], values["logistics_name"],
                                        values["logistics_no"])
            return desk.orders.declare_order(order_id, **values)

        def done(_id: int) -> None:
            self.tabs.setCurrentIndex(4)

        self.ctx.ops.run_write(work, on_done=done, on_error=lambda e: show_error(self, e),
                               label="declare")

    def choose_receipts(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with customs receipts"))
        if folder:
            self.read_receipts([Path(folder)])

    def read_receipts(self, paths: list[Path]) -> None:
        desk = self.ctx.desk

        def done(out: dict[str, Any]) -> None:
            if out["problems"]:
                show_problems(self, out["problems"], self.tr("Receipts"))
            QMessageBox.information(self, self.tr("Receipts"), self.tr(
                "Receipts read: {n}.").format(n=len(out["receipts"])))

        self.ctx.ops.run_write(lambda: desk.orders.import_receipts(paths), on_done=done,
                               on_error=lambda e: show_error(self, e), label="receipts")

    def generate_messages(self) -> None:
        month = self.month.currentData()
        if month is None:
            month = dt.date.today().replace(day=1).strftime("%Y-%m")
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the customs messages of {month}").format(month=month))
        if folder:
            self.write_month(month, Path(folder))

    def write_month(self, month: str, folder: Path) -> None:
        desk = self.ctx.desk
        with_receipts = self.with_receipts.isChecked()
        from seller_desk.ui.widgets.progress import run_with_progress

        def work(progress) -> dict[str, Any]:
            # (Cancel stops it before any file is written)
            return desk.orders.export_month(month, folder, progress=progress,
                                            with_receipts=with_receipts)

        def done(out: dict[str, Any]) -> None:
            problems: list[Problem] = out["problems"]
            text = counted(len(out["files"]), self.tr("{n} file written to {folder}."),
                           self.tr("{n} files written to {folder}."), folder=folder)
            if out["skipped"]:
                text += "\n" + self.tr("Not written because of problems: {lists}").format(
                    lists=", ".join(out["skipped"]))
            lang = QLocale().name()
            if out.get("note") == "nothing_new":
                text += "\n" + message("customs.export_nothing_new", lang, month=month,
                                       sent=len(out.get("already_sent", [])))
            for f in out.get("full_declaration", []):
                if f.get("problem"):
                    text += "\n" + f["cop_no"] + ": " + message(
                        f["problem"]["key"], lang, **f["problem"].get("params", {}))
            text += "\n\n" + self.tr(
                "The messages are unsigned: sign and send them with your E-port card and client, "
                "or give them to your customs broker.")
            if problems:
                show_problems(self, problems, self.tr("Messages"))
            from seller_desk.ui.widgets import saved

            if out["files"]:
                saved.show_saved(self, [Path(f) for f in out["files"]], folder=folder)
            QMessageBox.information(self, self.tr("Messages"), text)

        run_with_progress(self, self.ctx.ops, work, text=self.tr("Generating messages…"),
                          on_done=done, label="ceb")

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        receipts = [p for p in paths if p.suffix.lower() == ".xml"]
        if receipts:
            self.read_receipts(receipts)
        for p in paths:
            if p.suffix.lower() != ".xml":
                self.import_report(p)


def _customs_refused(d: Any) -> bool:
    from seller_desk.core.customs import ReceiptOutcome, receipt_status

    return bool(d.status_code) and \
        receipt_status(d.status_code).outcome is ReceiptOutcome.REJECTED


def _decl_colour(d: Any) -> Any:
    """Coloured by outcome: a list customs rejected is red whatever the match said."""
    if _customs_refused(d) or not d.match_ok:
        return RED
    return AMBER if d.problems else GREEN


# -- what Excel gets of the tables' cells (a number or a date, not their text) ---------------------
def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _amount(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _same(value: Any) -> Any:
    return value
