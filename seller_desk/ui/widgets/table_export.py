"""File ▸ Export to Excel for any table on screen: what the user sees, in the order shown.

A model may offer the raw value (a Decimal, a date) under ``Qt.UserRole``; it is written as a
number or date cell then, else the displayed text is written.
"""

from __future__ import annotations

import re
from decimal import Decimal
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


def export_views(path: Path, views: list[tuple[str, QTableView]]) -> Path:
    sheets = []
    for name, view in views:
        names, rows = view_rows(view)
        sheets.append(Sheet(name=name, columns=[Column(header=n) for n in names], rows=rows))
    return write_table(path, sheets)
