"""File ▸ Export to Excel of the paged tables of every page, over the demo company: a column
whose rows show dates is written as dates, a right-aligned column of plain numbers as numbers
(Excel sorts, filters and sums them), never as their text."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from seller_desk.ui.pages import PAGES
from tests.ui.pages import shown_page

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")


@pytest.fixture
def pages(qtbot, demo_desk, tmp_path):
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context

    ui_i18n.install("en")
    ctx = build_context(demo_desk, tmp_path, "en")
    yield [shown_page(ctx, qtbot, info.area, (1366, 768)) for info in PAGES]
    ctx.ops.shutdown()
    ui_i18n.install("zh_CN")


def test_dates_and_numbers_are_exported_as_dates_and_numbers(pages):
    from seller_desk.ui.qt import Qt, QTableView
    from seller_desk.ui.widgets.paged_table import PagedTableModel

    checked: list[str] = []
    wrong: list[str] = []
    for page in pages:
        for view in page.findChildren(QTableView):
            model = view.model()
            if not isinstance(model, PagedTableModel) or not model.rowCount():
                continue
            names, rows = model.export_job()()
            exported = [row for row, _ in zip(rows, range(model.rowCount()), strict=False)]
            for c, name in enumerate(names):
                shown = [model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) or ""
                         for r in range(len(exported))]
                written = [row[c] for row in exported]
                filled = [(s, w) for s, w in zip(shown, written, strict=True) if s]
                if not filled:
                    continue
                where = f"{page.info.area}/{view.objectName()}/{name}"
                if all(DAY.fullmatch(s) for s, _ in filled):
                    checked.append(where)
                    if not all(isinstance(w, dt.date) and w.isoformat()[:10] == s
                               for s, w in filled):
                        wrong.append(f"{where}: {filled[0]!r}")
                elif model.columns[c].right and all(NUMBER.fullmatch(s) for s, _ in filled):
                    checked.append(where)
                    if not all(isinstance(w, int | Decimal) and not isinstance(w, bool)
                               and Decimal(s.replace(",", "")) == w for s, w in filled):
                        wrong.append(f"{where}: {filled[0]!r}")
    assert wrong == []
    # (the tables that show dates and numbers were there to check)
    assert {w.split("/")[0] for w in checked} >= {"orders", "fx", "stock"}, checked
