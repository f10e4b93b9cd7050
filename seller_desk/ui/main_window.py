"""The main window: navigation of the whole product over one company file."""

from __future__ import annotations

import logging
from pathlib import Path

from seller_desk import __version__
from seller_desk.core.changes import Changes
from seller_desk.ui import presentation
from seller_desk.ui.context import AppContext
from seller_desk.ui.errors import show_error, show_problems
from seller_desk.ui.first_paint import STYLE, StartupWindow  # noqa: F401  (the shell, re-exported)
from seller_desk.ui.pages import PAGES, BasePage, make_page, nav_text
from seller_desk.ui.qt import (
    QAction,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGuiApplication,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSize,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

log = logging.getLogger(__name__)

def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a scroll area: a tall page scrolls instead of growing the window past a
    1366×768 screen."""
    area = QScrollArea()
    area.setObjectName(f"scroll_{page.objectName()}")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class LogDialog(QDialog):
    """The in-app log view (the same lines as the log file, personal data redacted)."""

    line_arrived = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from seller_desk.logs import RING

        self.setWindowTitle(self.tr("Log"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(RING.records))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.line_arrived.connect(self.text.appendPlainText, Qt.ConnectionType.QueuedConnection)
        RING.listeners.append(self.line_arrived.emit)
        self.finished.connect(lambda _r: RING.listeners.remove(self.line_arrived.emit)
                              if self.line_arrived.emit in RING.listeners else None)


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    company_requested = Signal(str)  # "new" | "open" | "demo"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setStyleSheet(STYLE)
        from seller_desk.ui.widgets import polish

        polish.install()  # columns fit content, elided cells tip their text, dates typeable
        self.setAcceptDrops(True)
        self.pages: dict[str, BasePage] = {}
        #: the user said the unsaved edits may go (or the app closes the window itself)
        self.edits_dropped = False
        self.resize(self._fitting(1280, 800))

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMinimumWidth(170)
        for info in PAGES:
            item = QListWidgetItem(nav_text(info.title))
            item.setData(Qt.ItemDataRole.UserRole, info.area)
            item.setToolTip(nav_text(info.blurb))
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.placeholders: dict[str, QWidget] = {}
        for info in PAGES:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(16, 12, 16, 12)
            self.placeholders[info.area] = holder
            self.stack.addWidget(holder)
        # presentation mode: the company's name big above the pages (hidden otherwise)
        self.banner = QLabel()
        self.banner.setObjectName("presentationBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setVisible(False)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.setSpacing(0)
        rv.addWidget(self.banner)
        rv.addWidget(self.stack, 1)
        split = QSplitter()
        split.setObjectName("mainSplit")
        split.addWidget(self.nav)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([200, 1080])
        self.setCentralWidget(split)
        self.nav.currentRowChanged.connect(self.show_page_at)

        self._build_menus()
        self._build_status()
        self.ctx.bus.changed.connect(self._on_changes)
        self.ctx.ops.busy_changed.connect(self._on_busy)
        self.setWindowTitle(self._title())
        self.nav.setCurrentRow(0)
        self.apply_presentation(refresh=False)

    # -- structure ------------------------------------------------------------------------------
    @staticmethod
    def _fitting(width: int, height: int) -> QSize:
        """``width``×``height``, or less on a smaller screen (a 1366×768 laptop, say)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(width, height)
        room = screen.availableGeometry()
        return QSize(min(width, room.width()), min(height, room.height() - 40))

    def _title(self) -> str:
        name = self.ctx.desk.company_name()  # plain SQL: no ORM before the first paint
        return f"{name} — SellerDesk" if name else "SellerDesk"

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("New company…"), lambda: self.request_company("new"),
                     QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("Open company file…"),
                     lambda: self.request_company("open"), QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Open the demo company"),
                     lambda: self.request_company("demo"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Import a report…"), self.import_dialog, "Ctrl+I")
        self._action(file_menu, self.tr("Export table to Excel…"), self.export_tables, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Preferences…"), self.preferences,
                     QKeySequence.StandardKey.Preferences)
        self._action(file_menu, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)

        view = bar.addMenu(self.tr("&View"))
        for i, info in enumerate(PAGES):
            # "&&": the title's "&" is text ("Products & Listings"), not a mnemonic
            self._action(view, nav_text(info.title).replace("&", "&&"),
                         lambda _c=False, r=i: self.nav.setCurrentRow(r),
                         f"Ctrl+{i + 1}")
        view.addSeparator()
        lang_menu = view.addMenu(self.tr("Language"))
        self._action(lang_menu, "中文", lambda: self.request_language("zh_CN"))
        self._action(lang_menu, "English", lambda: self.request_language("en"))
        view.addSeparator()
        self.presentation_action = self._action(
            view, self.tr("Presentation"), self.toggle_presentation, "F11")
        self.presentation_action.setCheckable(True)
        self.presentation_action.setShortcuts([QKeySequence("F11"),
                                               QKeySequence("Ctrl+Shift+P")])
        self.zoom_in_action = self._action(view, self.tr("Zoom in"), lambda: self.zoom(1),
                                           "Ctrl+=")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self._action(view, self.tr("Zoom out"), lambda: self.zoom(-1), "Ctrl+-")
        self._action(view, self.tr("Actual size"), lambda: self.zoom(0), "Ctrl+0")
        view.addSeparator()
        self._action(view, self.tr("Log"), self.show_log, "Ctrl+L")
        self._action(view, self.tr("Refresh"), self.refresh_current, QKeySequence.StandardKey.Refresh)

        from seller_desk.ui.widgets import search  # Ctrl+K / Ctrl+F: one search box

        view.addAction(search.install(self))

        help_menu = bar.addMenu(self.tr("&Help"))
        # F1: the guide on what the current page's "?" opens (the contents when no page has one)
        self.guide_action = self._action(help_menu, self.tr("Guide for this page"),
                                         self.guide_here, "F1")
        self.contents_action = self._action(help_menu, self.tr("Guide contents"),
                                            lambda: self.guide("index"))
        self._action(help_menu, self.tr("About SellerDesk"), self.about)

    # -- presentation mode ------------------------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.ctx.prefs.set("ui.presentation", not presentation.on(self.ctx.prefs))
        self.apply_presentation()

    def zoom(self, step: int) -> None:
        """One zoom step in (1) or out (-1), or back to the actual size (0)."""
        lo, hi = presentation.ZOOM_RANGE
        now = self.ctx.prefs.get("ui.zoom")
        self.ctx.prefs.set("ui.zoom", 0 if step == 0 else max(lo, min(hi, now + step)))
        self.apply_presentation()

    def apply_presentation(self, *, refresh: bool = True) -> None:
        """Fonts, palette and banner from the preferences; pages redrawn so numbers a user
        revealed are masked again."""
        factor = presentation.apply(self.ctx.prefs)
        showing = presentation.on(self.ctx.prefs)
        self.setStyleSheet(presentation.scaled_style(STYLE, factor))
        self.presentation_action.setChecked(showing)
        self.banner.setText(self.ctx.desk.company_name() or "SellerDesk")
        self.banner.setStyleSheet(f"font-size: {round(30 * factor)}px; font-weight: 700; "
                                  "color: white; background: #0033cc; padding: 10px;")
        self.banner.setVisible(showing)
        if refresh:
            for page in self.pages.values():
                page.refresh()

    def _build_status(self) -> None:
        from seller_desk.store.db import shown_url

        status = self.statusBar()
        self.file_label = QLabel(str(self.ctx.desk.path or shown_url(self.ctx.desk.url)))
        self.file_label.setObjectName("statusFile")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("statusSync")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        status.addWidget(self.file_label, 1)
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.sync_label)
        if not self.ctx.ops.holding:  # else the Controller calls it after the first paint
            self.after_first_paint()

    def after_first_paint(self) -> None:
        """What reads the company beyond its name (the ORM models, the settings): the sync
        indicator and auto-sync, once the window is on screen."""
        self.update_sync_state()
        if self.ctx.desk.has_area("sync") and not hasattr(self, "auto_sync"):
            from seller_desk.ui.pages.sync.status import AutoSync

            self.auto_sync = AutoSync(self.ctx, self)  # sync every sync.auto_minutes (0 = off)

    # -- pages ----------------------------------------------------------------------------------
    def page(self, area: str) -> BasePage:
        """The page of ``area``, built on first use."""
        if area not in self.pages:
            info = next(p for p in PAGES if p.area == area)
            page = make_page(self.ctx, info)
            page.navigate.connect(self.show_area)
            self.placeholders[area].layout().addWidget(scrolling(page))
            self.pages[area] = page
            self.ctx.state.restore_children(self, page)
        return self.pages[area]

    def show_page_at(self, row: int) -> None:
        if row < 0:
            return
        area = PAGES[row].area
        page = self.page(area)
        self.stack.setCurrentIndex(row)
        try:
            page.refresh()
        except Exception as exc:  # a page that fails to load must not take the window down
            show_error(self, exc, context=f"page {area}")

    def show_area(self, area: str) -> BasePage:
        row = next(i for i, p in enumerate(PAGES) if p.area == area)
        self.nav.setCurrentRow(row)
        return self.page(area)

    def current_page(self) -> BasePage | None:
        row = self.nav.currentRow()
        return self.pages.get(PAGES[row].area) if row >= 0 else None

    def refresh_current(self) -> None:
        page = self.current_page()
        if page:
            page.refresh()

    def _on_changes(self, changes: Changes) -> None:
        current = self.current_page()
        for page in self.pages.values():
            if page is current:
                page.on_changes(changes)
        if changes.touches("outbox", "sync") or changes:
            self.update_sync_state()

    def _on_busy(self, running: int) -> None:
        self.busy.setVisible(running > 0)

    def update_sync_state(self) -> None:
        if self.ctx.desk.has_area("sync"):  # the sync area's indicator (ui/sync_status.py)
            from seller_desk.ui.pages.sync.status import indicator

            text, tip = indicator(self.ctx.desk)
            self.sync_label.setText(text)
            self.sync_label.setToolTip(tip)
            return
        from sqlalchemy import func, select

        from seller_desk.store.models import OutboxItem

        try:
            with self.ctx.desk.read() as s:
                pending = s.scalar(select(func.count()).select_from(OutboxItem)
                                   .where(OutboxItem.state != "sent")) or 0
        except Exception:  # the indicator must never break the window
            log.exception("sync indicator")
            pending = 0
        url = self.ctx.desk.settings.get("sync.server_url")
        if not url:
            text = self.tr("Sync: not connected · waiting to send: {n}").format(n=pending)
        else:
            text = self.tr("Sync: waiting to send: {n}").format(n=pending)
        self.sync_label.setText(text)

    # -- actions --------------------------------------------------------------------------------
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a report"), str(Path.home()),
            self.tr("Reports (*.csv *.txt *.tsv *.xlsx);;All files (*)"))
        if path:
            self.preview_import([Path(path)])

    def preview_import(self, paths: list[Path]) -> None:
        """Show what the import of each file would do (ui/widgets/import_preview.py) and import
        it, or its good rows only, when the user says so."""
        from seller_desk.services.import_preview import preview
        from seller_desk.ui.widgets.import_preview import GOOD_ROWS, ImportPreviewDialog
        from seller_desk.ui.widgets.progress import run_with_progress

        desk = self.ctx.desk
        queue = list(paths)

        def next_file() -> None:
            if not queue:
                return
            path = queue.pop(0)
            # (a 100k-row report is read and checked for seconds: how far, and a Cancel)
            # (its import held until the user answers: confirmed, it is not written again)
            run_with_progress(self, self.ctx.ops,
                              lambda progress: preview(desk, path, progress=progress, hold=True),
                              text=self.tr("Reading {file}…").format(file=path.name),
                              on_done=show, on_error=failed, on_cancel=next_file,
                              label="import preview", write=False)

        def show(found) -> None:
            try:
                dialog = ImportPreviewDialog(found, self.ctx.lang, self)
                self.import_preview_dialog = dialog
                chosen = bool(dialog.exec()) and dialog.choice is not None
                skip_bad_rows = dialog.choice == GOOD_ROWS
                if found.held is not None:
                    # answered here, on this thread, before the import is queued: a write
                    # waiting in the writer thread for the held lock would hold the queue
                    found.held.answer(chosen and skip_bad_rows == found.held.skip_bad_rows)
                if chosen:
                    # what the preview read is imported (the held import committed; the file
                    # is read again only if it changed)
                    self.import_files([found.path], skip_bad_rows=skip_bad_rows,
                                      reads=[found.read])
            finally:
                found.forget_read()  # (a held import not answered above is rolled back)
            next_file()

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            next_file()

        next_file()

    def import_files(self, paths: list[Path], *, skip_bad_rows: bool = False,
                     reads: list | None = None) -> None:
        """Import dropped or chosen files in the writer thread with a progress dialog
        (``reads``: each file's reading made already, or None, see ``FileRead``)."""
        from seller_desk.ui.widgets.progress import run_with_progress

        reads = list(reads or [None] * len(paths))
        desk = self.ctx.desk

        def work(moved) -> list:
            reports = []
            for i, path in enumerate(paths):
                moved(i / len(paths), path.name)  # (raises once cancelled)

                def progress(fraction: float, text: str, i: int = i, name: str = path.name) -> None:
                    moved((i + fraction) / len(paths), f"{name}: {text}")

                reports.append(desk.imports.import_file(path, progress=progress,
                                                        skip_bad_rows=skip_bad_rows,
                                                        read=reads[i]))
                reads[i] = None  # imported: its records may go
            return reports

        def done(reports: list) -> None:
            from seller_desk.ui.widgets.codes import reader_label

            problems = [p for r in reports for p in r.problems]
            summary = "\n".join(
                self.tr("{reader}: {imported} imported, {updated} updated, {unchanged} unchanged, "
                        "{rejected} rejected").format(**{k: getattr(r, k) for k in (
                            "imported", "updated", "unchanged", "rejected")},
                                                      reader=reader_label(r.reader))
                for r in reports)
            if problems:
                show_problems(self, problems, self.tr("Import"))
            QMessageBox.information(self, self.tr("Import"), summary)

        run_with_progress(self, self.ctx.ops, work, on_done=done, label="import",
                          text=self.tr("Importing…"))

    def export_tables(self) -> None:
        page = self.current_page()
        views = page.export_views() if page else []
        if not views:
            QMessageBox.information(self, self.tr("Export"),
                                    self.tr("This page has no table to export."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"),
            str(Path.home() / f"{_file_name(views[0][0] if len(views) == 1 else nav_text(page.info.title))}.xlsx"),
            self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        from seller_desk.ui.widgets.table_export import export_jobs

        try:
            write = export_jobs(views)  # small tables read here; big ones query on a worker
        except Exception as exc:
            show_error(self, exc, context="export")
            return
        from seller_desk.ui.widgets.progress import run_with_progress

        self.statusBar().showMessage(self.tr("Exporting to {path}…").format(path=path))
        written = self.tr("{rows} rows written")

        def work(progress) -> Path:  # (a year of orders takes seconds: the rows so far)
            return write(Path(path), lambda rows: progress(0.0, written.format(rows=f"{rows:,}")))

        def done(_p: object) -> None:
            from seller_desk.ui.widgets import saved

            self.statusBar().clearMessage()
            saved.show_saved(self, Path(path))

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            show_error(self, exc, context="export")

        run_with_progress(self, self.ctx.ops, work, busy=True, write=False, label="export",
                          text=self.tr("Exporting to {file}…").format(file=Path(path).name),
                          on_done=done, on_error=failed, on_cancel=self.statusBar().clearMessage)

    def preferences(self) -> None:
        from seller_desk.ui.preferences import PreferencesDialog

        before = self.ctx.prefs.get("ui.language")
        if PreferencesDialog(self.ctx, self).exec():
            self.update_sync_state()
            after = self.ctx.prefs.get("ui.language")
            if after != before and not self.request_language(after):
                self.ctx.prefs.set("ui.language", before)  # kept editing: not switched

    def guide(self, topic: str = "index"):
        """Help ▸ Guide contents: the built-in guide (ui/guide.py), in the app's language."""
        from seller_desk.ui.guide import open_guide

        return open_guide(topic or "index", self, self.ctx.lang)

    def guide_here(self):
        """Help ▸ Guide for this page (F1): the topic the current page's "?" opens; the
        contents when there is no page (an unknown topic opens the contents too)."""
        from seller_desk.ui.guide import page_topic

        page = self.current_page()
        return self.guide(page_topic(page.info.area, self.ctx.desk) if page else "index")

    def show_log(self) -> None:
        LogDialog(self).exec()

    def about(self) -> QMessageBox:
        from seller_desk import resources
        from seller_desk.store.db import shown_url
        from seller_desk.ui.branding import logo

        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About SellerDesk"))
        box.setIconPixmap(logo(96))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            self.tr("<h3>SellerDesk {version}</h3><p>The compliance desk of a small cross-border "
                    "e-commerce seller: filing, listings, overseas stock, declarations, FX "
                    "settlement and tax paperwork, offline first.</p><p>Company file: {file}</p>")
            .format(version=__version__, file=self.ctx.desk.path or shown_url(self.ctx.desk.url))
            + "<p><small>" + self.tr("Installed as: {how}").format(how={
                "bundle": self.tr("application bundle"), "wheel": self.tr("Python package"),
                "checkout": self.tr("source checkout")}[resources.where()]) + "</small></p>")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        return box

    # -- drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        from seller_desk.ui.widgets.import_preview import highlight

        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            highlight(self, True)

    def dragLeaveEvent(self, event) -> None:
        from seller_desk.ui.widgets.import_preview import highlight

        highlight(self, False)

    def dropEvent(self, event) -> None:
        from seller_desk.ui.widgets.import_preview import highlight

        highlight(self, False)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.preview_import(paths)

    # -- state ----------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.edits_dropped and not self.may_drop_edits():
            event.ignore()  # kept editing
            return
        self.ctx.state.save(self)
        super().closeEvent(event)

    # -- unsaved edits --------------------------------------------------------------------------
    def unsaved_edits(self) -> list[str]:
        """What the pages built so far hold typed but not saved (a record's name each)."""
        return [name for page in self.pages.values() for name in page.unsaved_edits()]

    def may_drop_edits(self) -> bool:
        """Whether what would rebuild or close this window may: nothing typed is unsaved, or
        the user discards it (then nothing asks again as the window goes)."""
        from seller_desk.ui.widgets.unsaved import confirm_discard

        names = self.unsaved_edits()
        if names and not confirm_discard(self, names):
            return False
        self.edits_dropped = True
        return True

    def request_language(self, lang: str) -> bool:
        """Switch to ``lang`` (the window is rebuilt), unsaved edits asked about first."""
        if lang == self.ctx.lang:
            return True
        if not self.may_drop_edits():
            return False
        self.language_requested.emit(lang)
        return True

    def request_company(self, what: str) -> None:
        """Another company ("new", "open", "demo"), unsaved edits asked about first."""
        if self.may_drop_edits():
            self.edits_dropped = False  # (a file dialog cancelled leaves this window open)
            self.company_requested.emit(what)


def _file_name(text: str) -> str:
    """``text`` made safe as a file name (the table's own name, as the user reads it)."""
    import re

    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip(" .-") or "table"

