"""File ▸ Export to Excel for any table on screen: what the user sees, in the order shown.

A model may offer the raw value (a Decimal, a date) under ``Qt.UserRole``; it is written as a
number or date cell then, else the displayed text is written. A paged table
(:class:`~seller_desk.ui.widgets.paged_table.PagedTableModel`) is written whole: its query runs
again in the background, not only the pages scrolled through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from seller_desk.io.excel import Column, Sheet, write_table
from seller_desk.ui.qt import Qt, QTableView
from seller_desk.ui.widgets.paged_table import PagedTableModel

Job = Callable[[], tuple[list[str], Iterable[list[object]]]]


def view_rows(view: QTableView) -> tuple[list[str], list[list[object]]]:
    """The rows of a (small, in-memory) table as shown: visible columns in their order."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [header.logicalIndex(v) for v in range(header.count())
               if not header.isSectionHidden(header.logicalIndex(v))]
    names = [str(model.headerData(c, Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.DisplayRole) or "") for c in columns]
    rows = []
    for r in range(model.rowCount()):
        row = []
        for c in columns:
            index = model.index(r, c)
            raw = model.data(index, Qt.ItemDataRole.UserRole)
            row.append(raw if raw is not None else _number_or_text(model.data(index)))
        rows.append(row)
    return names, rows


_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")


def _number_or_text(value: object) -> object:
    """A shown number ("1,234.50", "-3") as a number, so Excel can sum it; else the text."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value).strip()
    if _NUMBER.fullmatch(text) and not (len(text) > 1 and text.lstrip("-").startswith("0")
                                        and not text.lstrip("-").startswith("0.")):
        return Decimal(text.replace(",", ""))  # leading zeros (codes like 0501) stay text
    return text


def view_job(view: QTableView) -> Job:
    """On the GUI thread: a function a worker can run to get the view's (headers, rows)."""
    model = view.model()
    if isinstance(model, PagedTableModel):
        job = model.export_job()
        header = view.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())
                 if not header.isSectionHidden(header.logicalIndex(v))]

        def paged() -> tuple[list[str], Iterable[list[object]]]:
            names, rows = job()  # read as the workbook is written, not held whole
            return [names[c] for c in shown], ([row[c] for c in shown] for row in rows)

        return paged
    snapshot = view_rows(view)  # in memory already: read it here, widgets stay on this thread
    return lambda: snapshot


#: rows written between two words to the ``progress`` of an export
PROGRESS_ROWS = 1000


def export_jobs(views: list[tuple[str, QTableView]]) -> Callable[..., Path]:
    """On the GUI thread: a function ``write(path, progress=None)`` that writes the workbook
    (run it on a worker). ``progress(rows)`` is told the rows taken so far, every
    :data:`PROGRESS_ROWS` rows and at the end; an exception it raises (a cancel) stops the
    export, the file the user named not made."""
    jobs = [(name, view_job(view)) for name, view in views]

    def write(path: Path, progress: Callable[[int], None] | None = None) -> Path:
        taken = [0]

        def told(rows: Iterable[list[object]]) -> Iterator[list[object]]:
            for row in rows:
                yield row
                taken[0] += 1
                if taken[0] % PROGRESS_ROWS == 0 and progress is not None:
                    progress(taken[0])

        sheets = []
        for name, job in jobs:
            names, rows = job()
            sheets.append(Sheet(name=name, columns=[Column(header=n) for n in names],
                                rows=told(rows)))
        written = write_table(path, sheets)
        if progress is not None:
            progress(taken[0])
        return written

    return write


def export_views(path: Path, views: list[tuple[str, QTableView]]) -> Path:
    """The same, at once (for scripts and tests)."""
    return export_jobs(views)(path)
