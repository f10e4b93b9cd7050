"""The one search box (Ctrl+K anywhere, Ctrl+F too): type, see records grouped by area, press
Enter (or double-click) to open the record on its page. Searching runs off the GUI thread
(``desk.search.find`` through ``ctx.ops.run_read``), a moment after the last keystroke."""

from __future__ import annotations

from typing import Any

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.qt import (
    QAction,
    QCoreApplication,
    QDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    Qt,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

GROUP_TITLES = {
    "product": QT_TRANSLATE_NOOP("SearchDialog", "Products"),
    "order": QT_TRANSLATE_NOOP("SearchDialog", "Orders"),
    "declaration": QT_TRANSLATE_NOOP("SearchDialog", "Declarations"),
    "fx": QT_TRANSLATE_NOOP("SearchDialog", "FX records"),
    "filing": QT_TRANSLATE_NOOP("SearchDialog", "Filings"),
    "document": QT_TRANSLATE_NOOP("SearchDialog", "Documents"),
}
ROLE = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    """Search box and grouped results; :attr:`opened` carries (area, kind, ref, label)."""

    opened = Signal(str, str, int, str)

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Find"))
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setPlaceholderText(self.tr(
            "SKU, title, order id, list number, FX record, filing number, document…"))
        self.box.setClearButtonEnabled(True)
        layout.addWidget(self.box)
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setColumnCount(2)
        self.results.setRootIsDecorated(False)
        self.results.itemActivated.connect(self._activated)
        layout.addWidget(self.results, 1)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        layout.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(180)
        self.timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _t: self.timer.start())
        self.box.returnPressed.connect(self._enter)
        self._asked = ""

    def search(self) -> None:
        text = self.box.text().strip()
        self._asked = text
        if not text:
            self.results.clear()
            self.status.setText("")
            return
        desk = self.ctx.desk
        self.ctx.ops.run_read(desk.search.find, text,
                              on_done=lambda data, t=text: self._show(t, data), label="search")

    def _show(self, text: str, data: dict[str, Any]) -> None:
        if text != self._asked:
            return  # an older answer; a newer search is on its way
        self.results.clear()
        first = None
        count = 0
        for group in data["groups"]:
            head = QTreeWidgetItem([QCoreApplication.translate(
                "SearchDialog", GROUP_TITLES.get(group["kind"], group["kind"]))])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addTopLevelItem(head)
            for item in group["items"]:
                row = QTreeWidgetItem(["   " + item["label"], item["detail"]])
                row.setData(0, ROLE, (group["area"], item["kind"], item["ref"], item["label"]))
                head.addChild(row)
                first = first or row
                count += 1
            head.setExpanded(True)
        self.results.resizeColumnToContents(0)
        if first is not None:
            self.results.setCurrentItem(first)
        self.status.setText(self.tr("{n} found").format(n=count) if count
                            else self.tr("Nothing found."))

    def _enter(self) -> None:
        self.timer.stop()
        if self._asked != self.box.text().strip():
            self.search()  # Enter again once the answer is in
            return
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def keyPressEvent(self, event: Any) -> None:
        """Up/Down in the box move through the results; Enter opens the current one."""
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.box.hasFocus():
            self.results.setFocus()
            self.results.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if not data:
            return
        area, kind, ref, label = data
        self.opened.emit(area, kind, int(ref), label)
        self.accept()


def open_record(window: Any, area: str, kind: str, ref: int, label: str) -> None:
    """Show ``area``'s page on the record: the page's ``show_record`` if it has one, else its
    filter box (``search``) set to the record's label."""
    page = window.show_area(area)
    if hasattr(page, "show_record"):
        page.show_record(kind, ref, label)
    elif isinstance(getattr(page, "search", None), QLineEdit):
        page.search.setText(label)


def install(window: Any) -> QAction:
    """Ctrl+K (and Ctrl+F) on ``window`` open the search box."""
    action = QAction(QCoreApplication.translate("SearchDialog", "Find…"), window)
    action.setObjectName("findAction")
    action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def show() -> None:
        dialog = SearchDialog(window.ctx, window)
        dialog.opened.connect(lambda *a: open_record(window, *a))
        window.search_dialog = dialog
        dialog.open()

    action.triggered.connect(show)
    window.addAction(action)
    return action
