"""Window state (geometry, splitters, table headers), kept apart from preferences.

Stored with QSettings in ``window-state.ini`` of the user's config folder, per window and per
widget ``objectName``, so every window, splitter and table comes back as the user left it.

A widget whose default layout changed in a release sets the ``sdLayout`` property to a new
number: the state saved for the older layout is then left unused, and the new defaults show
(once; the user's changes to them are kept under the new number).
"""

from __future__ import annotations

from pathlib import Path

from seller_desk.ui.qt import QHeaderView, QMainWindow, QSettings, QSplitter, QTableView, QWidget

#: the widget property naming the version of its default layout (see the module's doc)
LAYOUT_VERSION = "sdLayout"


class WindowState:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.settings = QSettings(str(path), QSettings.Format.IniFormat)

    def _key(self, window: QWidget, widget: QWidget, what: str) -> str:
        # The named ancestors too: two pages may both have a view called "ledger" (Stock and
        # FX), and one's header state restored on the other asked for sections it lacks.
        names = []
        w = widget
        while w is not None and w is not window:
            if w.objectName():
                names.append(w.objectName())
            w = w.parentWidget()
        path = "/".join(reversed(names)) or widget.objectName()
        version = widget.property(LAYOUT_VERSION)
        if version:
            what = f"{what}.v{version}"
        return f"{window.objectName() or type(window).__name__}/{path}/{what}"

    def save(self, window: QWidget) -> None:
        s = self.settings
        s.setValue(self._key(window, window, "geometry"), window.saveGeometry())
        if isinstance(window, QMainWindow):
            s.setValue(self._key(window, window, "state"), window.saveState())
        for split in window.findChildren(QSplitter):
            if split.objectName():
                s.setValue(self._key(window, split, "splitter"), split.saveState())
        for view in window.findChildren(QTableView):
            if view.objectName():
                s.setValue(self._key(window, view, "header"), view.horizontalHeader().saveState())
        s.sync()

    def restore(self, window: QWidget) -> bool:
        s = self.settings
        geometry = s.value(self._key(window, window, "geometry"))
        if geometry is not None:
            window.restoreGeometry(geometry)
        if isinstance(window, QMainWindow):
            state = s.value(self._key(window, window, "state"))
            if state is not None:
                window.restoreState(state)
        self.restore_children(window)
        return geometry is not None

    def restore_children(self, window: QWidget, root: QWidget | None = None) -> None:
        """Restore splitters and headers below ``root`` (a page built after the window)."""
        s = self.settings
        for split in (root or window).findChildren(QSplitter):
            value = s.value(self._key(window, split, "splitter")) if split.objectName() else None
            if value is not None:
                split.restoreState(value)
        for view in (root or window).findChildren(QTableView):
            value = s.value(self._key(window, view, "header")) if view.objectName() else None
            if value is not None:
                header: QHeaderView = view.horizontalHeader()
                header.restoreState(value)
