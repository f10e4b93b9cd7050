from __future__ import annotations

import datetime as dt
import os
import re
import stat
import warnings
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from seller_desk.core.money import Money
from seller_desk.io.excel import Column, Sheet, decimal_format, display_width, write_table


def test_cells_keep_their_types_and_formats(tmp_path):
    path = write_table(
        tmp_path / "out.xlsx",
        [
            Sheet(
                "商品",
                [
                    Column("SKU"),
                    Column("HS", kind="text"),
                    Column("barcode", kind="text"),
                    "price",
                    "cost",
                    "qty",
                    "opened",
                    "formula-looking",
                ],
                [
                    ["MUG-1", "8523491000", 6971234567890, Decimal("39.90"),
                     Money.of("12.5", "CNY"), 3, dt.date(2024, 3, 2), "=SUM(A1)"],
                    {"SKU": "LAMP", "HS": "0012", "price": Decimal("1234567.123")},
                ],
            )
        ],
    )
    wb = load_workbook(path)
    ws = wb["商品"]
    assert [c.value for c in ws[1]] == [
        "SKU", "HS", "barcode", "price", "cost", "qty", "opened", "formula-looking"]
    row = ws[2]
    assert row[1].value == "8523491000" and row[1].data_type == "s" and row[1].number_format == "@"
    assert row[2].value == "6971234567890" and row[2].data_type == "s"
    assert row[3].value == pytest.approx(39.9) and row[3].data_type == "n"
    assert row[3].number_format == "#,##0.00"
    assert row[4].number_format == '#,##0.0 "CNY"'
    assert row[5].value == 3
    assert row[6].value == dt.datetime(2024, 3, 2)
    assert row[6].number_format == "yyyy-mm-dd"
    assert row[7].value == "'=SUM(A1)" and row[7].data_type == "s"  # OWASP: never a formula
    assert ws["B3"].value == "0012"
    # a text column is text whole, its empty cells too (C3: no barcode); a number column not
    assert [ws.column_dimensions[c].number_format for c in "ABCD"] == ["General", "@", "@",
                                                                        "General"]
    assert ws["C3"].value is None
    assert ws["D3"].number_format == "#,##0.000"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H3"
    assert ws["A1"].font.b is True
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    # the number's own digits in the file (a number cell: no type, or t="n")
    assert re.search(r'<c r="D3" s="\d+"( t="n")?><v>1234567.123</v></c>', xml)
    assert re.search(r'<c r="D2" s="\d+"( t="n")?><v>39.90?</v></c>', xml)


def test_decimal_beyond_excel_precision_is_text(tmp_path):
    path = write_table(tmp_path / "p.xlsx", Sheet("s", ["v"], [[Decimal("12345678901234567.89")]]))
    cell = load_workbook(path)["s"]["A2"]
    assert cell.value == "12345678901234567.89" and cell.data_type == "s"


def shown_width(ws, column: str) -> int:
    """A column's width as Excel shows it (characters): the file keeps a little more, the
    cell's padding (14 shows as 14, kept as 14.7109375)."""
    return int(ws.column_dimensions[column].width)


def test_widths_count_cjk_double_and_are_capped(tmp_path):
    path = write_table(tmp_path / "w.xlsx", Sheet("s", ["名称", "x"], [["不锈钢保温杯", "a" * 200]]))
    ws = load_workbook(path)["s"]
    assert shown_width(ws, "A") == display_width("不锈钢保温杯") + 2 == 14
    assert shown_width(ws, "B") == 60


def test_floats_refused_and_nothing_left_behind(tmp_path):
    target = tmp_path / "f.xlsx"
    with pytest.raises(TypeError):
        write_table(target, Sheet("s", ["price"], [[0.1]]))
    assert list(tmp_path.iterdir()) == []


def test_sheet_names_made_legal_and_unique(tmp_path):
    path = write_table(tmp_path / "n.xlsx", [Sheet("a/b", ["x"]), Sheet("A_B", ["x"]), Sheet("x" * 40, ["x"])])
    assert load_workbook(path).sheetnames == ["a_b", "A_B (2)", "x" * 31]


def test_decimal_format():
    assert decimal_format(Decimal("5")) == "#,##0"
    assert decimal_format(Decimal("5.00")) == "#,##0.00"
    assert decimal_format(Decimal("5E+2")) == "#,##0"


def test_rows_from_a_generator_streamed_widths_from_the_first_rows(tmp_path, monkeypatch):
    from seller_desk.io import excel

    monkeypatch.setattr(excel, "WIDTH_ROWS", 3)
    taken = []

    def rows():
        for i in range(6):
            taken.append(i)
            yield [f"r{i}", "x" * (30 if i == 4 else 8), Decimal(i)]

    path = write_table(tmp_path / "g.xlsx", Sheet("s", ["id", "text", "n"], rows()))
    assert taken == list(range(6))  # each row taken once
    ws = load_workbook(path)["s"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [f"r{i}" for i in range(6)]
    assert ws.auto_filter.ref == "A1:C7" and ws.freeze_panes == "A2"
    assert shown_width(ws, "B") == 10  # row 5's 30 characters come after the 3 measured


def test_a_table_longer_than_a_sheet_goes_on_in_the_next(tmp_path, monkeypatch):
    """Excel's sheet holds 1,048,576 rows: past them, the file opened only "repaired", the
    rows past it gone. A longer table goes on in a sheet of the same name and a number, under
    the same header, each sheet with its filter; nothing is lost or written twice."""
    from seller_desk.io import excel

    monkeypatch.setattr(excel, "WIDTH_ROWS", 2)
    monkeypatch.setattr(excel, "EXCEL_ROWS", 5)  # a header and 4 rows a sheet
    rows = ([f"o{i}", Decimal(i)] for i in range(11))
    path = write_table(tmp_path / "long.xlsx", [Sheet("Orders", ["order", "n"], rows),
                                                Sheet("Orders (2)", ["x"], [["other"]])])
    wb = load_workbook(path)
    # (the next table's own name, taken by then, gets a number of its own)
    assert wb.sheetnames == ["Orders", "Orders (2)", "Orders (3)", "Orders (2) (2)"]
    parts = [wb[name] for name in ("Orders", "Orders (2)", "Orders (3)")]
    got = []
    for ws in parts:
        values = list(ws.iter_rows(values_only=True))
        assert values[0] == ("order", "n") and len(values) <= 5
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:B{len(values)}"
        got += [v[0] for v in values[1:]]
    assert got == [f"o{i}" for i in range(11)]
    assert [r[0].value for r in wb["Orders (2) (2)"].iter_rows()] == ["x", "other"]


def test_a_big_sheet_is_written_in_flat_memory(tmp_path, monkeypatch):
    """The cells are not held until the save (openpyxl's ordinary workbook held them all:
    542 MB for an export of 96k orders): 20,000 rows peak where 2,000 do."""
    import gc
    import tracemalloc

    from seller_desk.io import excel

    monkeypatch.setattr(excel, "WIDTH_ROWS", 100, raising=False)
    peaks = {}
    for n in (2000, 2000, 20_000):
        rows = ([f"ORDER-{i:08d}", "不锈钢保温杯 350ml", Decimal(i) / 100, dt.date(2024, 1, 1), i]
                for i in range(n))
        gc.collect()
        tracemalloc.start()
        write_table(tmp_path / f"big{n}.xlsx", Sheet("orders", ["no", "goods", "amount",
                                                                 "date", "n"], rows))
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    written = load_workbook(tmp_path / "big20000.xlsx", read_only=True)["orders"]
    assert sum(1 for _ in written.iter_rows(values_only=True)) == 20_001
    assert peaks[20_000] < peaks[2000] * 1.5, peaks


def test_an_export_stopped_midway_leaves_nothing_and_says_nothing(tmp_path, monkeypatch):
    """Rows that stop coming (a cancelled export) end the writing with their error: no
    workbook, no half file beside it, the sheets' scratch files closed and removed at once
    (not at the app's exit), and nothing said by a file left open."""
    import gc
    import sys
    import tempfile

    class Stop(Exception):
        pass

    def rows():
        for i in range(5000):
            if i == 3000:
                raise Stop
            yield [f"ORDER-{i}", Decimal(i)]

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out = tmp_path / "out"
    unraisable: list = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            with pytest.raises(Stop):
                write_table(out / "out.xlsx", [Sheet("a", ["order", "n"], [["x", Decimal(1)]]),
                                               Sheet("b", ["order", "n"], rows())])
            gc.collect()
    finally:
        sys.unraisablehook = hook
    assert unraisable == []
    assert [str(w.message) for w in warned] == []  # (an unclosed file is a ResourceWarning)
    assert list(out.iterdir()) == []
    assert list(temp.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_export_has_the_permissions_of_any_new_file(tmp_path):
    """Not the owner-only mode of a temporary file: a workbook exported to share is readable
    as any file the user makes there (the umask decides)."""
    mask = os.umask(0o022)
    try:
        path = write_table(tmp_path / "out.xlsx", Sheet("s", ["a"], [["x"]]))
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
