"""File ▸ Export to Excel for any table on screen: what the user sees, in the order shown.

A model may offer the raw value (a Decimal, a date) under ``Qt.UserRole``; it is written as a
number or date cell then, else the displayed text is written.
"""

from __future__ import annotations

from pathlib import Path

from seller_desk.io.excel import Column, Sheet, write_table
from seller_desk.ui.qt import Qt, QTableView


def view_rows(view: QTableView) -> tuple[list[str], list[list[object]]]:
    model = view.model()
    header = view.horizontalHeader()
    columns = [header.logicalIndex(v) for v in range(header.count())
               if not header.isSectionHidden(header.logicalIndex(v))]
    while model.canFetchMore(view.rootIndex()):
        model.fetchMore(view.rootIndex())
    names = [str(model.headerData(c, Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.DisplayRole) or "") for c in columns]
    rows = []
    for r in range(model.rowCount()):
        row = []
        for c in columns:
            index = model.index(r, c)
            raw = model.data(index, Qt.ItemDataRole.UserRole)
            row.append(raw if raw is not None else (model.data(index) or ""))
        rows.append(row)
    return names, rows


def export_views(path: Path, views: list[tuple[str, QTableView]]) -> Path:
    sheets = []
    for name, view in views:
        names, rows = view_rows(view)
        sheets.append(Sheet(name=name, columns=[Column(header=n) for n in names], rows=rows))
    return write_table(path, sheets)
