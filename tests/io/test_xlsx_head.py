"""Workbooks are read whole only by the reader that takes them (issue 12): detection looks at
the first rows of each sheet, and a sheet without a ``<dimension>`` is not parsed whole to
learn its size."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from seller_desk.io import tabular
from seller_desk.io.readers import detect
from seller_desk.io.readers.shopee_orders import _IS_HEADER
from seller_desk.io.tabular import has_columns, has_table, read_xlsx, xlsx_has_header

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "shopee-order-all-ph.xlsx"


def _streamed_copy(path: Path, extra: int) -> Path:
    """The sample as a streaming writer leaves it (no ``<dimension>``), with ``extra`` more
    item rows, a blank row and a preamble sheet first."""
    src = load_workbook(SAMPLE, read_only=True)
    rows = [list(r) for r in src.worksheets[0].iter_rows(values_only=True)]
    src.close()
    wb = Workbook(write_only=True)
    notes = wb.create_sheet("notes")
    notes.append(["exported by", "Seller Centre"])
    ws = wb.create_sheet("orders")
    ws.append(["Order.all.20240301_20240331"])
    for r in rows:
        ws.append(r)
    ws.append([])
    for i in range(extra):
        ws.append([f"2403{i:08d}", *rows[1][1:]])
    wb.save(path)
    return path


def test_a_workbook_without_dimension_reads_as_before(tmp_path):
    path = _streamed_copy(tmp_path / "Order.all.xlsx", 150)
    (table,) = read_xlsx(path, _IS_HEADER)
    full = load_workbook(path, data_only=True)["orders"]  # not read-only: every row, as is
    want = [[tabular._cell_text(v) for v in r] for r in full.iter_rows(values_only=True)]
    assert table.sheet == "orders" and len(table.rows) == 1 + 5 + 1 + 150
    assert [r + [""] * (len(want[0]) - len(r)) for r in table.rows] == [
        r + [""] * (len(table.rows[0]) - len(r)) for r in want]
    assert xlsx_has_header(path, _IS_HEADER) and has_table(path, _IS_HEADER)
    reader, _ = detect(path)
    assert reader is not None and reader.name == "shopee-orders"


def test_detection_reads_only_the_head(tmp_path, monkeypatch):
    path = _streamed_copy(tmp_path / "Order.all.xlsx", 400)
    cells = [0]
    real = tabular._cell_text

    def counted(value: object) -> str:
        cells[0] += 1
        return real(value)

    monkeypatch.setattr(tabular, "_cell_text", counted)
    width = 52
    head = tabular.HEADER_SEARCH * width + 2  # the notes sheet, then 60 rows of orders
    assert xlsx_has_header(path, _IS_HEADER) and cells[0] <= head
    cells[0] = 0
    assert read_xlsx(path, has_columns("settlement-id")) == [] and cells[0] <= head
    cells[0] = 0
    assert not has_table(path, has_columns("settlement-id")) and cells[0] <= head
