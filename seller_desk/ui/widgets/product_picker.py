"""A SKU field for a catalogue of any size: an editable combo box whose choices come from SQL.

Filling a combo box with every product took 2.6 s and 250 MB at 100k products (it blocks the
window while it fills). :class:`ProductPicker` holds the first :data:`LIMIT` products as its
items, and as the user types (after a short pause) asks ``lookup(text, LIMIT)`` for the
products whose SKU starts with the text and shows them in a completer's list, a range on the
SKU index each time (:meth:`seller_desk.services.products.ProductsService.sku_choices`).
:meth:`ProductPicker.sku` is the SKU of what the field shows: a chosen item's, a suggestion's,
or the text typed.
"""

from __future__ import annotations

from collections.abc import Callable

from seller_desk.ui.qt import QComboBox, QCompleter, QStringListModel, Qt, QTimer, QWidget

#: products offered at a time (the items, and each list of suggestions)
LIMIT = 50
#: the typing pause before the suggestions are looked up (ms)
PAUSE_MS = 150

Lookup = Callable[[str, int], list[tuple[str, str]]]


class ProductPicker(QComboBox):
    """An editable SKU combo box over ``lookup(text, limit) -> [(sku, name)]``."""

    def __init__(self, lookup: Lookup, parent: QWidget | None = None, *, separator: str = " · "):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._lookup, self._separator = lookup, separator
        self._skus: dict[str, str] = {}  # every text shown (an item, a suggestion) → its SKU
        self._suggested = QStringListModel(self)
        completer = QCompleter(self._suggested, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.suggest)
        line = self.lineEdit()
        assert line is not None  # editable
        line.textEdited.connect(lambda _text: self._timer.start())
        self.reload()

    def _label(self, sku: str, name: str) -> str:
        text = f"{sku}{self._separator}{name}" if name else sku
        self._skus[text] = sku
        return text

    def reload(self) -> None:
        """The items made again: the first :data:`LIMIT` products by SKU (what the list
        shows before anything is typed)."""
        text = self.currentText()
        self.clear()
        for sku, name in self._lookup("", LIMIT):
            self.addItem(self._label(sku, name), sku)
        self.setEditText(text)

    def suggest(self) -> None:
        """The products whose SKU starts with the text typed, in the completer's list."""
        self._timer.stop()
        text = self.currentText().strip()
        self._suggested.setStringList([self._label(sku, name)
                                       for sku, name in self._lookup(text, LIMIT)])
        completer = self.completer()
        if text and self.hasFocus() and completer is not None:
            completer.complete()

    def suggestions(self) -> list[str]:
        """The texts in the completer's list now."""
        return self._suggested.stringList()

    def sku(self) -> str:
        """The SKU of what the field shows: an item's or a suggestion's, else the text typed."""
        text = self.currentText()
        at = self.findText(text)
        if at >= 0 and self.itemData(at):
            return str(self.itemData(at))
        return self._skus.get(text, text.strip())
