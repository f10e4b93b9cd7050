"""商品与刊登: the product master with its customs data, and the marketplace listings.

Two tables (products, listings) fetched page by page as the user scrolls (keyset pages from
``desk.products``; filters and sorting run in SQL), a detail editor that validates as the user
types, bulk edit of the selected rows, import by drag-and-drop with a progress bar (and a
column-mapping dialog with saved presets for sheets SellerDesk does not know), and export.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from seller_desk.core.changes import Changes
from seller_desk.core.money import MoneyError
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.core.products import (
    LIST_KINDS,
    LISTING_STATUSES,
    PLATFORMS,
)
from seller_desk.i18n import counted
from seller_desk.messages import describe
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QModelIndex,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
)

if TYPE_CHECKING:
    pass


from seller_desk.ui.pages.products.dialogs import BulkEditDialog, EntryDialog, MappingDialog
from seller_desk.ui.pages.products.labels import KIND_LABELS, PLATFORM_LABELS, STATUS_LABELS, tr
from seller_desk.ui.pages.products.listing import ListingEditor
from seller_desk.ui.pages.products.models import (
    HS_COLUMNS,
    LIST_COLUMNS,
    LISTING_COLUMNS,
    PAGE_SIZE,
    PRODUCT_COLUMNS,
    ListModel,
    shared_columns,
)
from seller_desk.ui.pages.products.widgets import ProductEditor
from seller_desk.ui.widgets.paged_table import PagedTableModel, fit_columns_once

# -- the page -----------------------------------------------------------------------------------------


class Page(BasePage):
    watches = ("product", "listing", "negative_list", "hs_code")

    def __init__(self, ctx: Any, info: PageInfo):
        super().__init__(ctx, info)

        self.setAcceptDrops(True)
        #: refused input pops up a dialog; tests turn it off and read the status line
        self.modal_problems = True
        self.last_report: Any = None
        layout = QVBoxLayout(self)
        self.heading(layout)
        # filters
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("productSearch")
        self.search.setPlaceholderText(self.tr("Search SKU, name, HS code, MSKU or ASIN"))
        self.search.setClearButtonEnabled(True)
        self.platform = QComboBox()
        self.platform.setObjectName("filterPlatform")
        self.platform.addItem(self.tr("All marketplaces"), None)
        for p in PLATFORMS:
            self.platform.addItem(tr(PLATFORM_LABELS[p]), p)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filterStatus")
        self.status_filter.addItem(self.tr("Any status"), None)
        for s in LISTING_STATUSES:
            self.status_filter.addItem(tr(STATUS_LABELS[s]), s)
        self.hit_filter = QComboBox()
        self.hit_filter.setObjectName("filterHit")
        self.hit_filter.addItem(self.tr("All products"), None)
        self.hit_filter.addItem(self.tr("On any list"), "any")
        self.hit_filter.addItem(self.tr("On no list"), "none")
        for k in LIST_KINDS:
            self.hit_filter.addItem(tr(KIND_LABELS[k]), k)
        bar.addWidget(self.search, 3)
        for w in (self.platform, self.status_filter, self.hit_filter):
            bar.addWidget(w, 1)
        layout.addLayout(bar)
        # actions
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New product"))
        self.bulk_button = QPushButton(self.tr("Bulk edit…"))
        self.bulk_button.setObjectName("bulkEdit")
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.add_entry_button = QPushButton(self.tr("Add entry…"))
        self.add_entry_button.setObjectName("addEntry")
        self.delete_entry_button = QPushButton(self.tr("Delete entry"))
        self.count_label = QLabel()
        self.count_label.setObjectName("productCount")
        for b in (self.new_button, self.bulk_button, self.add_entry_button,
                  self.delete_entry_button, self.import_button, self.export_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout.addLayout(actions)
        # import progress
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setVisible(False)
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        # tables and editor
        split = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        desk = ctx.desk
        # products and listings: the shared paged model, read on the pool, sorted in SQL
        self.products_model = PagedTableModel(
            ctx.ops, desk.products.products_page, shared_columns(PRODUCT_COLUMNS), sort="sku",
            descending=False, page_size=PAGE_SIZE, label="products")
        self.listings_model = PagedTableModel(
            ctx.ops, desk.products.listings_page, shared_columns(LISTING_COLUMNS), sort="msku",
            descending=False, page_size=PAGE_SIZE, label="listings")
        for model in (self.products_model, self.listings_model):
            model.failed.connect(lambda exc: self._show_error(exc))
            model.reloaded.connect(self._first_rows)
        self.products_view = self._view(self.products_model, "products")
        self.listings_view = self._view(self.listings_model, "listings")
        for view, model in ((self.products_view, self.products_model),
                            (self.listings_view, self.listings_model)):
            fit_columns_once(view, model)  # (its first page's texts measured, once)
        self.hs_model = ListModel(HS_COLUMNS, desk.products.hs_entries)
        self.lists_model = ListModel(LIST_COLUMNS, desk.products.list_entries)
        self.hs_view = self._view(self.hs_model, "hs_codes")
        self.lists_view = self._view(self.lists_model, "negative_lists")
        self.tabs.addTab(self.products_view, self.tr("Products"))
        self.tabs.addTab(self.listings_view, self.tr("Listings"))
        self.tabs.addTab(self.hs_view, self.tr("HS table"))
        self.tabs.addTab(self.lists_view, self.tr("Negative lists"))
        split.addWidget(self.tabs)
        self.editor = ProductEditor(self)
        self.listing_editor = ListingEditor(self)
        # the products tab edits a product, the listings tab a listing (listing.py)
        self.editors = QStackedWidget()
        for editor in (self.editor, self.listing_editor):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(editor)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.editors.addWidget(scroll)
        split.addWidget(self.editors)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.status = QLabel(self.tr("Drop an Amazon, Shopee or Excel file here to import it."))
        self.status.setObjectName("productsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # wiring
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for box in (self.platform, self.status_filter, self.hit_filter):
            box.currentIndexChanged.connect(self.apply_filters)
        self.products_view.selectionModel().currentRowChanged.connect(self._product_selected)
        self.listings_view.selectionModel().currentRowChanged.connect(self._listing_selected)
        self.new_button.clicked.connect(self.new_product)
        self.add_entry_button.clicked.connect(lambda: self.add_entry())
        self.delete_entry_button.clicked.connect(self.delete_entry)
        self.bulk_button.clicked.connect(self.bulk_edit)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.tabs.currentChanged.connect(lambda _i: self._update_count())
        self.tabs.currentChanged.connect(lambda _i: self._first_rows())
        self.tabs.currentChanged.connect(
            lambda i: self.editors.setCurrentIndex(1 if i == 1 else 0))
        self._loaded = False
        self._restoring = False  # (a row selected again after the user kept editing)
        self._tables_sized = False  # the HS and list tables' columns fit their rows
        self._counting = 0  # (the latest count asked for)
        self._sized: set[str] = set()  # views whose first row was opened

    def _view(self, model: Any, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # The model starts sorted by its first column ascending; say so before sorting is on,
        # or Qt asks for its own default order (descending) on the first column.
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        return view

    # -- loading ------------------------------------------------------------------------------------
    def query(self) -> Any:
        from seller_desk.services.products import ProductQuery

        return ProductQuery(text=self.search.text(), platform=self.platform.currentData(),
                            status=self.status_filter.currentData(),
                            hit=self.hit_filter.currentData())

    def apply_filters(self) -> None:
        """The products and listings the search and filters find: read in SQL off this thread,
        their count too (the HS table and the negative lists are not searched)."""
        q = self.query()
        self.products_model.set_query(filters={"query": q})
        self.listings_model.set_query(filters={"query": q})
        self._update_count()

    @staticmethod
    def _size_columns(view: QTableView) -> None:
        view.resizeColumnsToContents()  # the first page only: a few hundred rows at most
        for c in range(view.model().columnCount()):
            view.setColumnWidth(c, min(view.columnWidth(c), 260))

    def _first_rows(self) -> None:
        """A first page of products or listings is on screen: open the shown tab's first row,
        once, not an empty "New product" (the listings' when their tab is first shown: a
        record opened in an editor no one sees cost the page's opening ~50 ms)."""
        tab = self.tabs.currentIndex()
        if tab not in (0, 1):
            return
        view = (self.products_view, self.listings_view)[tab]
        if view.objectName() not in self._sized and view.model().rowCount():
            self._sized.add(view.objectName())
            if not view.selectionModel().hasSelection():
                view.selectRow(0)

    def _show_error(self, exc: BaseException) -> None:
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    def _update_count(self) -> None:
        tab = self.tabs.currentIndex()
        self._counting += 1
        ticket = self._counting
        if tab in (0, 1):
            # (counted off this thread: a search of 100k products held the window 0.2-0.5 s)
            products = self.ctx.desk.products
            count, one, many = ((products.count_products, self.tr("{n} product"),
                                 self.tr("{n} products")) if tab == 0
                                else (products.count_listings, self.tr("{n} listing"),
                                      self.tr("{n} listings")))

            def shown(n: int) -> None:
                if ticket == self._counting:  # the latest search's count only
                    self.count_label.setText(counted(n, one, many, n=f"{n:,}"))

            self.ctx.ops.run_read(count, self.query(), on_done=shown, label="products count",
                                  owner=self)
        elif tab == 2:
            self.count_label.setText(counted(self.hs_model.rowCount(), self.tr("{n} HS code"),
                                             self.tr("{n} HS codes")))
        else:
            self.count_label.setText(counted(self.lists_model.rowCount(),
                                             self.tr("{n} list entry"), self.tr("{n} list entries")))
        self.bulk_button.setEnabled(tab in (0, 1))
        self.add_entry_button.setVisible(tab in (2, 3))
        self.delete_entry_button.setVisible(tab == 3)

    def refresh(self) -> None:
        products = self.ctx.desk.products
        self.ctx.ops.run_read(lambda: (products.hs_entries(), products.list_entries()),
                              on_done=self._show_tables, label="products tables", owner=self)
        self.apply_filters()
        self._loaded = True

    def _show_tables(self, tables: tuple[list[Any], list[Any]]) -> None:
        """The HS table and the negative lists, read on the pool."""
        hs, lists = tables
        self.hs_model.set_rows(hs)
        self.lists_model.set_rows(lists)
        if not self._tables_sized:
            self._tables_sized = True
            for view in (self.hs_view, self.lists_view):
                self._size_columns(view)
        if self.tabs.currentIndex() in (2, 3):
            self._update_count()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.refresh()

    def _product_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._restoring:
            return
        pid = self.products_model.row_at(current.row()).id
        if pid == self.editor.product_id and self.editor.dirty:
            return  # the row of the product being edited: its edits stay
        if self._may_drop(self.editor):
            self.open_product(pid)
        else:
            self._reselect(self.products_view, self.products_model, self.editor.product_id)

    def new_product(self) -> None:
        """An empty product form (edits typed into the one shown are asked about first)."""
        if self._may_drop(self.editor):
            self.editor.load(None)

    def unsaved_edits(self) -> list[str]:
        """A product's SKU, a listing's store · MSKU, when its editor holds unsaved edits."""
        out = []
        if self.editor.dirty:
            out.append(self.editor.title.text())
        if self.listing_editor.dirty and self.listing_editor.listing is not None:
            out.append(self.listing_editor.title.text())
        return out

    def _may_drop(self, editor: Any) -> bool:
        """Whether the edits in ``editor`` may go: none were typed, or the user discards them."""
        from seller_desk.ui.widgets.unsaved import confirm_discard

        return not editor.dirty or confirm_discard(self, [editor.title.text()])

    def _reselect(self, view: QTableView, model: Any, record_id: int | None) -> None:
        """Select the edited record's row again (kept editing), or none if it is not shown:
        once the click that asked is done (the view selects the clicked row after telling its
        current row changed; selected at once, the clicked row would end up highlighted)."""
        QTimer.singleShot(0, self, lambda: self._select_record(view, model, record_id))

    def _select_record(self, view: QTableView, model: Any, record_id: int | None) -> None:
        self._restoring = True
        try:
            row = next((r for r in range(model.rowCount()) if model.row_at(r).id == record_id),
                       None)
            if row is None:
                view.clearSelection()
                view.setCurrentIndex(QModelIndex())
            else:
                view.selectRow(row)
        finally:
            self._restoring = False

    def open_product(self, product_id: int) -> None:
        self.editor.load(self.ctx.desk.products.get(product_id))

    def _listing_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._restoring:
            return
        lid = self.listings_model.row_at(current.row()).id
        shown = self.listing_editor.listing
        if shown is not None and lid == shown.id and self.listing_editor.dirty:
            return
        if self._may_drop(self.listing_editor):
            self.open_listing(lid)
        else:
            self._reselect(self.listings_view, self.listings_model,
                           shown.id if shown is not None else None)

    def open_listing(self, listing_id: int) -> None:
        self.listing_editor.load(self.ctx.desk.products.listing(listing_id))

    # -- bulk edit ----------------------------------------------------------------------------------
    def selected_ids(self) -> tuple[bool, list[int]]:
        listings = self.tabs.currentIndex() == 1
        view = self.listings_view if listings else self.products_view
        model = view.model()
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return listings, [model.row_at(r).id for r in rows]

    def bulk_edit(self, *, values: dict[str, Any] | None = None) -> None:
        listings, ids = self.selected_ids()
        if not ids:
            self.status.setText(self.tr("Select the rows to change first."))
            return
        if values is None:
            dialog = BulkEditDialog(self, listings, len(ids))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            try:
                values = dialog.values()
            except MoneyError as exc:
                self.show_failure(ProblemError([exc.problem]))
                return
        if not values:
            return
        desk = self.ctx.desk

        def work() -> Changes:
            if listings:
                return desk.products.bulk_edit_listings(ids, **values)
            return desk.products.bulk_edit(ids, **values)

        def done(_changes: Changes) -> None:
            self.status.setText(counted(len(ids), self.tr("Changed {n} row."),
                                        self.tr("Changed {n} rows.")))

        self.ctx.ops.run_write(work, on_done=done, on_error=self.show_failure, label="bulk edit")

    # -- the HS table and the negative lists ---------------------------------------------------------
    def add_entry(self, values: dict[str, Any] | None = None) -> Any:
        """Add an HS code (HS tab) or a list entry (lists tab); ``values`` fill the dialog and
        accept it without showing it (tests, scripted use)."""
        hs = self.tabs.currentIndex() == 2
        dialog = EntryDialog(self, hs)
        if values is not None:
            dialog.set(**values)
        elif dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            entry = dialog.entry()
        except MoneyError as exc:
            self.show_failure(ProblemError([exc.problem]))
            return None
        desk = self.ctx.desk
        work = (lambda: desk.products.save_hs(entry)) if hs else (
            lambda: desk.products.save_list_entry(entry))
        return self.ctx.ops.run_write(work, on_error=self.show_failure, label="add entry")

    def delete_entry(self) -> Any:
        rows = sorted({i.row() for i in self.lists_view.selectionModel().selectedRows()})
        refs = [int(self.lists_model.row_at(r).ref) for r in rows]
        if not refs:
            self.status.setText(self.tr("Select the rows to change first."))
            return None
        desk = self.ctx.desk

        def work() -> None:
            for ref in refs:
                desk.products.delete_list_entry(ref)

        return self.ctx.ops.run_write(work, on_error=self.show_failure, label="delete entry")

    # -- import and export --------------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            for path in paths:
                self.import_file(path)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import products or listings"), str(Path.home()),
            self.tr("Reports (*.csv *.txt *.tsv *.xlsx);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, *, skip_bad_rows: bool = False, reader: str | None = None,
                    options: dict[str, Any] | None = None, ask_mapping: bool = True) -> Any:
        """Import ``path`` in the writer thread, the progress bar following it. A file no reader
        knows opens the column-mapping dialog (unless ``ask_mapping`` is False)."""
        from seller_desk.io import readers

        desk = self.ctx.desk
        if reader is None:
            found, _tried = readers.detect(path)
            if found is None and ask_mapping:
                return self.map_and_import(path)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Importing {name}…").format(name=path.name))

        def work(task: Any) -> Any:
            def progress(fraction: float, text: str) -> None:
                task.progress(fraction, text)
                task.check()

            return desk.imports.import_file(path, reader=reader, skip_bad_rows=skip_bad_rows,
                                            progress=progress, options=options)

        def done(report: Any) -> None:
            self.progress.setValue(100)
            self.progress.setVisible(False)
            text = self.tr("{name}: {imported} imported, {updated} updated, {unchanged} unchanged, "
                           "{rejected} rejected.").format(
                name=path.name, imported=report.imported, updated=report.updated,
                unchanged=report.unchanged, rejected=report.rejected)
            if report.rejected_file:
                text += " " + self.tr("Rejected rows: {file}").format(file=report.rejected_file)
            errors = [p for p in report.problems if p.is_error]
            if errors and not report.written:
                text += " " + self.tr("Nothing was written.")
            self.status.setText(text)
            self.last_report = report
            if errors and not report.written and self.modal_problems:
                from seller_desk.ui.errors import show_problems

                show_problems(self, errors, self.tr("Import"))

        def failed(exc: BaseException) -> None:
            self.progress.setVisible(False)
            self.show_failure(exc)

        return self.ctx.ops.run_write(
            work, on_done=done, on_error=failed, label="import",
            on_progress=lambda f, _t: self.progress.setValue(int(f * 100)))

    def map_and_import(self, path: Path) -> None:
        from seller_desk.io.tabular import TableError, read_table

        try:
            table = read_table(path, lambda cells: sum(1 for c in cells if c.strip()) >= 2)
        except TableError as exc:
            self.show_failure(ProblemError([exc.problem]))
            return
        if table is None:
            self.show_failure(ProblemError([Problem(key="io.unknown_format", params={
                "file": path.name, "tried": "-"})]))
            return
        header = table.rows[table.header_index(lambda cells: sum(1 for c in cells if c.strip()) >= 2) or 0]
        dialog = MappingDialog(self, header, self.ctx.desk.products.presets(), self.ctx.lang)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target, mapping = dialog.target.currentData(), dialog.mapping()
        if dialog.save_as.text().strip():
            try:
                self.ctx.desk.products.save_preset(dialog.save_as.text().strip(), target, mapping)
            except ProblemError as exc:
                self.show_failure(exc)
                return
        self.import_file(path, reader="products-table", skip_bad_rows=dialog.skip_bad.isChecked(),
                         options={"target": target, "mapping": mapping,
                                  "currency": dialog.currency.text().strip().upper() or None,
                                  "encoding": dialog.encoding.currentData()})

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export products"), str(Path.home() / "products.xlsx"),
            self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Any:
        desk, lang = self.ctx.desk, self.ctx.lang

        def done(counts: dict[str, int]) -> None:
            self.status.setText(self.tr("Saved {products} and {listings} to {path}.").format(
                products=counted(counts["products"], self.tr("{n} product"),
                                 self.tr("{n} products")),
                listings=counted(counts["listings"], self.tr("{n} listing"),
                                 self.tr("{n} listings")), path=path))
            from seller_desk.ui.widgets import saved

            saved.show_saved(self, path)

        from seller_desk.ui.widgets.progress import run_with_progress

        # (100k products and listings: half a minute; how far, and a Cancel)
        return run_with_progress(
            self, self.ctx.ops, lambda progress: desk.products.export(path, lang=lang,
                                                                      progress=progress),
            text=self.tr("Exporting to {file}…").format(file=path.name), on_done=done,
            on_error=self.show_failure, label="export products", write=False)

    # -- errors -------------------------------------------------------------------------------------
    def show_failure(self, exc: BaseException) -> None:
        from seller_desk.ui.ops import Cancelled

        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled."))
            return
        if isinstance(exc, ProblemError):
            lines = [describe(p, self.ctx.lang) for p in exc.problems]
            self.status.setText("\n".join(lines[:5]))
            if self.modal_problems:
                from seller_desk.ui.errors import show_problems

                show_problems(self, exc.problems)
            return
        from seller_desk.ui.errors import show_error

        show_error(self, exc)
