"""What every table and date editor of the window gets, without each page asking for it:

* a table's columns are sized to their content (headers included, capped) the first time it
  has rows, so an English header is not cut to "Appr";
* a cell whose text is cut off (elided) shows the whole text as its tooltip;
* a date editor shows ``yyyy-MM-dd``, so a date can be typed digit by digit.

One application event filter (:func:`install`), installed by the main window.
"""

from __future__ import annotations

from seller_desk.ui.qt import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QEvent,
    QHeaderView,
    QObject,
    Qt,
    QTableView,
    QToolTip,
)

MAX_COLUMN = 420  # px: a long note does not push every other column off the screen
# a view may ask for a smaller cap with the dynamic property "sdMaxColumn" (px)
_FLAG = "sdPolished"


def fit_columns(view: QTableView) -> bool:
    """Size ``view``'s interactive columns to their content once it has rows (True when done)."""
    model = view.model()
    if model is None or model.rowCount() == 0:
        return False
    header = view.horizontalHeader()
    cap = int(view.property("sdMaxColumn") or MAX_COLUMN)
    for c in range(header.count()):
        if header.isSectionHidden(c) or \
                header.sectionResizeMode(c) != QHeaderView.ResizeMode.Interactive:
            continue
        view.resizeColumnToContents(c)
        if header.sectionSize(c) > cap:
            header.resizeSection(c, cap)
    return True


def fits_itself(view: QTableView) -> None:
    """``view`` sizes its own columns (a paged table measures its first page's texts itself,
    :func:`seller_desk.ui.widgets.paged_table.fit_columns_once`): not sized here again, the
    slow way (Qt asking every cell of the first page through Python: 33-47 ms on the GUI
    thread as the Orders, FX or Products page showed its first rows)."""
    view.setProperty(_FLAG, True)


def _watch(view: QTableView) -> None:
    model = view.model()
    if model is None or fit_columns(view):
        return

    def later() -> None:
        try:
            done = fit_columns(view)
        except RuntimeError:  # the view was closed and deleted before its model
            done = True
        if done:
            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                try:
                    signal.disconnect(later)
                except (RuntimeError, TypeError):
                    pass

    for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
        signal.connect(later)


def elided_tip(view: QAbstractItemView, pos) -> str | None:  # type: ignore[no-untyped-def]
    """The whole text of the cell at ``pos`` when the cell shows less of it, else None."""
    index = view.indexAt(pos)
    if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
        return None
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or str(text) == "":
        return None
    text = str(text)
    room = view.visualRect(index).width() - 8
    return text if view.fontMetrics().horizontalAdvance(text) > room else None


class Polish(QObject):
    def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
        kind = event.type()
        if kind == QEvent.Type.ToolTip:
            view = obj.parent()
            if isinstance(view, QAbstractItemView) and obj is view.viewport():
                tip = elided_tip(view, event.pos())
                if tip:
                    QToolTip.showText(event.globalPos(), tip, view)
                    return True
        elif kind == QEvent.Type.Show and not obj.property(_FLAG):
            if isinstance(obj, QDateEdit):
                obj.setProperty(_FLAG, True)
                obj.setDisplayFormat("yyyy-MM-dd")
            elif isinstance(obj, QTableView):
                obj.setProperty(_FLAG, True)
                _watch(obj)
        return False


_polish: Polish | None = None


def install() -> None:
    global _polish
    app = QApplication.instance()
    if app is not None and _polish is None:
        _polish = Polish(app)
        app.installEventFilter(_polish)
