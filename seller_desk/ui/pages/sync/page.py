"""同步: what waits for the platform, what it refused, conflicts to resolve, and a sync run."""

from __future__ import annotations

import json
from typing import Any

from seller_desk.core.changes import Changes
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import describe, message
from seller_desk.ui.pages import BasePage, PageInfo, nav_text
from seller_desk.ui.qt import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)


def _short(data: Any, limit: int = 80) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True) if data is not None else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields(data: dict[str, Any] | None, other: dict[str, Any] | None = None) -> str:
    """One ``field: value`` line per field; ``●`` marks a field whose value differs in ``other``."""
    if not data:
        return ""
    other = other or {}
    return "\n".join(
        ("● " if other.get(k) != v else "  ") + f"{k}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in sorted(data.items()))


#: entity names as the user reads them (context "Page")
ENTITY_LABELS = {
    "profile": QT_TRANSLATE_NOOP("Page", "Company profile"),
    "filing": QT_TRANSLATE_NOOP("Page", "Filing"),
    "product": QT_TRANSLATE_NOOP("Page", "Product"),
    "declaration": QT_TRANSLATE_NOOP("Page", "Declaration"),
    "order": QT_TRANSLATE_NOOP("Page", "Order"),
    "fx_record": QT_TRANSLATE_NOOP("Page", "FX record"),
    "fx_registration": QT_TRANSLATE_NOOP("Page", "FX registration"),
    "tax_record": QT_TRANSLATE_NOOP("Page", "Tax exemption record"),
}


#: customs receipt statuses (ceb.md §5) and the platform's review statuses, as words
CUSTOMS_WORDS = {
    "2": QT_TRANSLATE_NOOP("Page", "declaring"), "120": QT_TRANSLATE_NOOP("Page", "accepted"),
    "399": QT_TRANSLATE_NOOP("Page", "concluded"), "800": QT_TRANSLATE_NOOP("Page", "released"),
    "899": QT_TRANSLATE_NOOP("Page", "closed"),
    "100": QT_TRANSLATE_NOOP("Page", "rejected by customs"),
}
REVIEW_WORDS = {
    "submitted": QT_TRANSLATE_NOOP("Page", "submitted"),
    "approved": QT_TRANSLATE_NOOP("Page", "approved"),
    "rejected": QT_TRANSLATE_NOOP("Page", "rejected"),
    "acknowledged": QT_TRANSLATE_NOOP("Page", "acknowledged"),
    "accepted": QT_TRANSLATE_NOOP("Page", "accepted"),
}


def record_name(entity: str, payload: dict | None, uuid: str) -> str:
    """Which record an issue is about, as the user knows it: a product's SKU, an FX record's
    date and amount, an export line's list number; the uuid when the change carries none
    (a deletion)."""
    data = payload or {}
    if entity == "product" and data.get("sku"):
        return str(data["sku"])
    if entity == "fx_record" and data.get("date"):
        amount = data.get("amount") or {}
        return f"{data['date']} {amount.get('amount', '')} {amount.get('currency', '')}".strip()
    if entity == "tax_record" and (data.get("list_no") or data.get("source_ref")):
        return " ".join(str(x) for x in (data.get("list_no") or data.get("source_ref"),
                                         data.get("goods_name")) if x)
    if entity == "fx_registration" and data.get("registered_on"):
        return str(data["registered_on"])
    if entity == "filing" and data.get("kind"):
        return str(data.get("label") or data["kind"])
    if entity == "declaration" and data.get("cop_no"):
        return str(data["cop_no"])
    return uuid


class Page(BasePage):
    watches = ("outbox", "sync", "company", "setting")

    def __init__(self, ctx, info: PageInfo):
        super().__init__(ctx, info)
        self.task = None
        self.issues: list = []
        layout = QVBoxLayout(self)
        self.heading(layout)
        blurb = QLabel(nav_text(info.blurb))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)

        # -- connection and run -------------------------------------------------------------
        top = QFrame()
        top.setObjectName("syncPanel")
        top.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(top)
        self.server = QLabel()
        self.server.setObjectName("syncServer")
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connect_button = QPushButton(self.tr("Connect…"))
        self.connect_button.setObjectName("syncConnect")
        self.connect_button.clicked.connect(self.open_connect)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # a percentage only while a sync runs
        self.progress_text = QLabel()
        grid.addWidget(QLabel(self.tr("Platform")), 0, 0)
        grid.addWidget(self.server, 0, 1, 1, 3)
        grid.addWidget(self.connect_button, 0, 4)
        grid.addWidget(self.progress, 1, 0, 1, 3)
        grid.addWidget(self.sync_button, 1, 3)
        grid.addWidget(self.cancel_button, 1, 4)
        grid.addWidget(self.progress_text, 2, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        layout.addWidget(top)

        # -- counts -------------------------------------------------------------------------
        counts = QHBoxLayout()
        self.count_labels: dict[str, QLabel] = {}
        for key, label in (("pending", self.tr("Waiting")), ("failed", self.tr("Refused")),
                           ("conflicts", self.tr("Conflicts")), ("sent", self.tr("Sent"))):
            card = QFrame()
            card.setObjectName("countCard")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            value = QLabel("–")
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(caption)
            counts.addWidget(card)
            self.count_labels[key] = value
        layout.addLayout(counts)
        self.last_success = QLabel()
        self.last_success.setObjectName("syncLastSuccess")
        self.last_error = QLabel()
        self.last_error.setObjectName("syncLastError")
        self.last_error.setWordWrap(True)
        self.last_error.setStyleSheet("color: #b00020")
        layout.addWidget(self.last_success)
        layout.addWidget(self.last_error)

        # -- errors and conflicts -----------------------------------------------------------
        self.tabs = QTabWidget()
        self.errors_table = self._table("syncErrors", [
            self.tr("Record"), self.tr("Which"), self.tr("Attempts"),
            self.tr("What the platform said")])
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("syncRetry")
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("Discard…"))
        self.discard_button.setObjectName("syncDiscard")
        self.discard_button.clicked.connect(self.discard_selected)
        self.errors_table.itemSelectionChanged.connect(self._show_error)
        self.error_detail = QLabel()
        self.error_detail.setObjectName("syncErrorDetail")
        self.error_detail.setWordWrap(True)
        self.error_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        errors_page = QWidget()
        ev = QVBoxLayout(errors_page)
        ev.addWidget(self.errors_table, 1)
        ev.addWidget(self.error_detail)
        eb = QHBoxLayout()
        eb.addStretch(1)
        eb.addWidget(self.retry_button)
        eb.addWidget(self.discard_button)
        ev.addLayout(eb)

        self.conflicts_table = self._table("syncConflicts", [
            self.tr("Record"), self.tr("Which"), self.tr("Platform version"), self.tr("Mine")])
        self.conflicts_table.itemSelectionChanged.connect(self._show_conflict)
        self.mine_view = QPlainTextEdit()
        self.mine_view.setObjectName("conflictMine")
        self.mine_view.setReadOnly(True)
        self.theirs_view = QPlainTextEdit()
        self.theirs_view.setObjectName("conflictTheirs")
        self.theirs_view.setReadOnly(True)
        sides = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.tr("My change"), self.mine_view),
                            (self.tr("On the platform"), self.theirs_view)):
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 0, 0)
            bl.addWidget(QLabel(title))
            bl.addWidget(view)
            sides.addWidget(box)
        self.keep_mine_button = QPushButton(self.tr("Keep mine"))
        self.keep_mine_button.setObjectName("syncKeepMine")
        self.keep_mine_button.clicked.connect(self.keep_mine)
        self.take_theirs_button = QPushButton(self.tr("Take the platform's"))
        self.take_theirs_button.setObjectName("syncTakeTheirs")
        self.take_theirs_button.clicked.connect(self.take_theirs)
        conflicts_page = QWidget()
        cv = QVBoxLayout(conflicts_page)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("syncConflictSplit")
        split.addWidget(self.conflicts_table)
        split.addWidget(sides)
        cv.addWidget(split)
        cb = QHBoxLayout()
        cb.addStretch(1)
        cb.addWidget(self.keep_mine_button)
        cb.addWidget(self.take_theirs_button)
        cv.addLayout(cb)
        # what the platform said: the trainer's decisions, customs receipts, scenario events
        self.arrived_table = self._table("syncArrived", [
            self.tr("When (UTC)"), self.tr("Record"), self.tr("Which"), self.tr("Status"),
            self.tr("What the platform said")])
        self.tabs.addTab(errors_page, self.tr("Refused"))
        self.tabs.addTab(conflicts_page, self.tr("Conflicts"))
        self.tabs.addTab(self.arrived_table, self.tr("Arrived"))
        layout.addWidget(self.tabs, 1)

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(len(headers) - 1,
                                                      QHeaderView.ResizeMode.Stretch)
        return table

    # -- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        desk, lang = self.ctx.desk, self.ctx.lang
        sync = desk.sync
        self.ctx.ops.run_read(lambda: (sync.status(), sync.issues(), desk.classroom.arrivals(),
                                       desk.classroom.current(lang)),
                              on_done=self._show, label="sync-status")

    def on_changes(self, changes: Changes) -> None:
        if self.task is None and changes.touches(*self.watches):
            self.refresh()

    def _show(self, result: tuple) -> None:
        status, issues, arrived, classroom = result
        self.status = status
        self._show_arrived(arrived, classroom)
        lang = self.ctx.lang
        if status.server_url:
            from seller_desk import keychain

            in_file = keychain.where() == "file"
            key = (self.tr("{url} (token in SellerDesk's encrypted key file)") if in_file
                   else self.tr("{url} (token in the keychain)")) if status.has_token else \
                self.tr("{url} (no token: connect again)")
            self.server.setText(key.format(url=status.server_url))
        else:
            self.server.setText(self.tr("Not connected"))
        self.sync_button.setEnabled(bool(status.server_url) and self.task is None)
        for key in ("pending", "failed", "conflicts", "sent"):
            self.count_labels[key].setText(str(getattr(status, key)))
        if status.last_success:
            when = _local(status.last_success).strftime("%Y-%m-%d %H:%M:%S")
            self.last_success.setText(self.tr("Last successful sync: {when}").format(when=when))
        else:
            self.last_success.setText(self.tr("Never synced yet."))
        self.last_error.setText(message(status.last_error, lang) if status.last_error else "")
        self.last_error.setVisible(status.last_error is not None)
        self.issues = issues
        failed = [i for i in issues if i.state == "failed"]
        conflicts = [i for i in issues if i.state == "conflict"]
        self._fill(self.errors_table, failed, lambda i: [
            self._entity(i.entity), record_name(i.entity, i.payload, i.entity_uuid),
            str(i.attempts), self._problem_text(i)])
        self._fill(self.conflicts_table, conflicts, lambda i: [
            self._entity(i.entity), record_name(i.entity, i.payload, i.entity_uuid),
            str((i.server or {}).get("version", "")), _short(i.payload)])
        self.tabs.setTabText(0, self.tr("Refused ({n})").format(n=len(failed)))
        self.tabs.setTabText(1, self.tr("Conflicts ({n})").format(n=len(conflicts)))
        if not (failed if self.tabs.currentIndex() == 0 else conflicts) and (failed or conflicts):
            self.tabs.setCurrentIndex(0 if failed else 1)  # bring forward what needs a decision
        self.retry_button.setEnabled(bool(failed))
        self.discard_button.setEnabled(bool(failed))
        self._show_conflict()
        self._show_error()

    def _show_arrived(self, arrived: list[dict], classroom: dict | None) -> None:
        rows = [(a["at"] or "", self._entity(a["entity"]), a["which"],
                 self._status(a["entity"], a["status"]), a["reason"]) for a in arrived]
        for ev in (classroom or {}).get("events", []):
            rows.append((ev.get("at") or "", self.tr("Trainer"), classroom["title"],
                         self.tr("Instruction"), ev["text"]))
        rows.sort(key=lambda r: r[0], reverse=True)
        table = self.arrived_table
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                shown = text[:16].replace("T", " ") if c == 0 else text
                item = QTableWidgetItem(shown)
                if c == len(cells) - 1:
                    item.setToolTip(text)
                table.setItem(r, c, item)
        for c in range(table.columnCount() - 1):
            table.resizeColumnToContents(c)
        self.tabs.setTabText(2, self.tr("Arrived ({n})").format(n=len(rows)))

    def _status(self, entity: str, code: str) -> str:
        if entity == "declaration":
            word = CUSTOMS_WORDS.get(code)
            return f"{code} {self.tr(word)}" if word else code
        word = REVIEW_WORDS.get(code)
        return self.tr(word) if word else code

    def _entity(self, entity: str) -> str:
        return self.tr(ENTITY_LABELS[entity]) if entity in ENTITY_LABELS else entity

    def _show_error(self) -> None:
        issue = self._selected(self.errors_table)
        self.error_detail.setText(self._problem_text(issue).replace("; ", "\n") if issue else "")

    def _problem_text(self, issue) -> str:
        problems = issue.problems
        if not problems:
            return issue.message
        out = []
        for p in problems:
            text = describe(p, self.ctx.lang)
            # name the field when the sentence does not (a money rule, say)
            out.append(f"{p.field}: {text}" if p.field and p.field not in text else text)
        return "; ".join(out)

    def _fill(self, table: QTableWidget, rows: list, cells) -> None:
        table.setRowCount(len(rows))
        for r, issue in enumerate(rows):
            for c, text in enumerate(cells(issue)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, issue.outbox_id)
                if c == len(cells(issue)) - 1:
                    item.setToolTip(text)
                elif c == 1:  # which record: its uuid on hover
                    item.setToolTip(issue.entity_uuid)
                table.setItem(r, c, item)
        for c in range(table.columnCount() - 1):  # the last column stretches (and wraps)
            table.resizeColumnToContents(c)
        if rows and not table.selectedItems():
            table.selectRow(0)

    def _selected(self, table: QTableWidget):
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        if item is None:
            return None
        outbox_id = item.data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.issues if i.outbox_id == outbox_id), None)

    def _show_conflict(self) -> None:
        issue = self._selected(self.conflicts_table)
        server = ((issue.server or {}).get("data") or {}) if issue else {}
        self.mine_view.setPlainText(_fields(issue.payload, server) if issue else "")
        self.theirs_view.setPlainText(_fields(server, issue.payload) if issue else "")
        self.keep_mine_button.setEnabled(issue is not None)
        can_take = issue is not None and self.ctx.desk.sync.can_take_theirs(issue.entity)
        self.take_theirs_button.setEnabled(can_take)
        self.take_theirs_button.setToolTip("" if can_take or issue is None else self.tr(
            "This kind of record cannot take the platform's version yet."))

    # -- decisions ----------------------------------------------------------------------------
    def _decide(self, fn, outbox_id: int) -> None:
        self.ctx.ops.run_write(fn, outbox_id, label="sync-decision")

    def retry_selected(self) -> None:
        issue = self._selected(self.errors_table)
        if issue is not None:
            self._decide(self.ctx.desk.sync.retry, issue.outbox_id)

    def discard_selected(self) -> None:
        issue = self._selected(self.errors_table)
        if issue is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Discard this change?"),
            self.tr("The platform will never receive this change to {entity} {id}. "
                    "Your own copy stays as it is. Discard it?").format(
                entity=issue.entity, id=issue.entity_uuid),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self._decide(self.ctx.desk.sync.discard, issue.outbox_id)

    def keep_mine(self) -> None:
        issue = self._selected(self.conflicts_table)
        if issue is not None:
            self._decide(self.ctx.desk.sync.retry, issue.outbox_id)

    def take_theirs(self) -> None:
        issue = self._selected(self.conflicts_table)
        if issue is not None:
            self._decide(self.ctx.desk.sync.take_theirs, issue.outbox_id)

    # -- running ------------------------------------------------------------------------------
    def open_connect(self) -> None:
        from seller_desk.ui.pages.sync.connect import ConnectDialog

        dialog = ConnectDialog(self.ctx, self)
        dialog.open()
        self.connect_dialog = dialog

    def sync_now(self) -> None:
        if self.task is not None:
            return
        sync = self.ctx.desk.sync

        import datetime as dt

        started = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1)

        def job(task):
            report = sync.run(cancelled=lambda: task.cancelled, progress=task.progress)
            # what the platform turned down in this run, for the summary line
            return report, sync.refusals(since=started)

        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress_text.setText(self.tr("Syncing…"))
        # Network on the pool: the run takes the write lock only for its short transactions,
        # so the user's own writes are not held up behind a slow connection.
        self.task = self.ctx.ops.run_read(job, on_done=self._finished, on_error=self._failed,
                                          on_progress=self._progress, label="sync")

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText(self.tr("Cancelling after the current batch…"))

    def _progress(self, fraction: float, _text: str) -> None:
        self.progress.setValue(int(fraction * 100))

    def _finished(self, result) -> None:
        report, refused = result
        self.task = None
        self.cancel_button.setEnabled(False)
        self.progress.setValue(100 if not report.error else self.progress.value())
        if report.cancelled:
            text = self.tr("Cancelled: {pushed} sent, {pending} still waiting.")
        elif report.error:
            text = self.tr("Stopped: {pushed} sent, {pending} still waiting.")
        else:
            text = self.tr("Done: {pushed} sent, {pulled} updates received, "
                           "{failed} refused, {conflicts} conflicts.")
        text = text.format(**report.to_json())
        if refused:
            items = "; ".join(f"{self._entity(d.entity)} {d.label}: {d.reason or '—'}"
                              for d in refused[:5])
            if len(refused) > 5:
                items += " …"
            text += "\n" + message("sync.summary_refused", self.ctx.lang, count=len(refused),
                                    items=items)
        self.progress_text.setText(text)
        self.progress_text.setWordWrap(True)
        self.refused = refused
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.cancel_button.setEnabled(False)
        lang = self.ctx.lang
        problems = getattr(exc, "problems", None)
        if problems:
            self.progress_text.setText("; ".join(describe(p, lang) for p in problems))
        else:
            from seller_desk.ui.errors import show_error

            show_error(self, exc, context="sync")
        self.refresh()


def _local(utc: Any) -> Any:
    """A stored (naive UTC) moment in this computer's local time."""
    import datetime as dt

    return utc.replace(tzinfo=dt.UTC).astimezone()

