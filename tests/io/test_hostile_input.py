"""Hostile files: every bad cell is a named refusal at its row and column, nothing poisons data.

Issue 15 items 1–6: numbers out of range, wrong signs, control characters, formula injection,
encodings, oversized cells.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from seller_desk.core.problems import ProblemError
from seller_desk.io.readers import get

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples"

BIG_QTY = "9" * 20
BIG_AMOUNT = "9" * 32


def mutate(sample: str, column: str, value: str, *, row: int = 0, tmp_path: Path,
           encoding: str = "utf-8", name: str | None = None) -> Path:
    """``sample`` with the cell of ``column`` in its ``row``-th data row set to ``value``."""
    text = (SAMPLES / sample).read_text("utf-8-sig")
    delim = "\t" if sample.endswith(".txt") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    h = next(i for i, r in enumerate(rows) if column in [c.strip() for c in r])
    col = [c.strip() for c in rows[h]].index(column)
    data = [i for i in range(h + 1, len(rows)) if any(c.strip() for c in rows[i])]
    rows[data[row]][col] = value
    out = io.StringIO()
    csv.writer(out, delimiter=delim, lineterminator="\n").writerows(rows)
    path = tmp_path / (name or sample)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def import_both(desk, path: Path, **kw):
    """(dry-run report, real report): neither may raise anything but a ProblemError."""
    reports = []
    for dry in (True, False):
        try:
            reports.append(desk.imports.import_file(path, dry_run=dry, **kw))
        except ProblemError as exc:
            reports.append(exc)
    return reports


def placed(report, key: str):
    problems = report.problems
    found = [p for p in problems if p.key == key]
    assert found, [p.key for p in problems]
    assert all(p.source and p.source.row and p.source.column for p in found), found
    return found


TIKTOK = ("Order ID,Order Status,SKU ID,Seller SKU,Product Name,Variation,Quantity,"
          "SKU Unit Original Price,SKU Subtotal After Discount,Order Amount,"
          "Order Refund Amount,Created Time,Fulfillment Type,Tracking ID,Recipient,Country\n"
          "576912345678901234,Completed,1729,MUG-350-BLU,Travel Mug,Blue,{qty},$25.00,{sub},"
          "$45.00,$0.00,12/15/2025 9:30:33 AM,Fulfillment by seller,TT1,Jane Roe,United States\n")


# -- 1. huge numbers -----------------------------------------------------------------------------
@pytest.mark.parametrize(("sample", "column", "value"), [
    ("amazon-date-range-us.csv", "quantity", BIG_QTY),
    ("amazon-date-range-us.csv", "total", BIG_AMOUNT),
    ("amazon-settlement-v2-us.txt", "quantity-purchased", BIG_QTY),  # row 0: the summary
    ("amazon-settlement-v2-us.txt", "amount", BIG_AMOUNT),
    ("amazon-settlement-v2-us.txt", "total-amount", BIG_AMOUNT),
    ("amazon-fba-manage-inventory.txt", "afn-warehouse-quantity", BIG_QTY),
    ("amazon-all-listings-en.txt", "quantity", BIG_QTY),
    ("amazon-all-listings-en.txt", "price", BIG_AMOUNT),
])
def test_huge_numbers_are_row_column_problems_in_dry_runs_too(desk, tmp_path, sample, column,
                                                              value):
    row = 1 if sample.startswith("amazon-settlement") and column != "total-amount" else 0
    path = mutate(sample, column, value, row=row, tmp_path=tmp_path)
    dry, real = import_both(desk, path)
    for report in (dry, real):
        (p,) = placed(report, "fields.out_of_range")
        assert p.source.column == column and p.source.value == value
    assert not real.written


@pytest.mark.parametrize(("qty", "sub", "key"), [
    (BIG_QTY, "$45.00", "fields.out_of_range"),
    ("2", "$" + BIG_AMOUNT, "fields.out_of_range"),
    ("0", "$45.00", "fields.must_be_positive"),
])
def test_tiktok_out_of_range_and_zero_quantity(desk, tmp_path, qty, sub, key):
    path = tmp_path / "tiktok.csv"
    path.write_text(TIKTOK.format(qty=qty, sub=sub), "utf-8")
    for report in import_both(desk, path):
        placed(report, key)


def test_skip_bad_rows_never_writes_an_overflowing_row(desk, tmp_path):
    path = mutate("amazon-date-range-us.csv", "quantity", BIG_QTY, tmp_path=tmp_path)
    report = desk.imports.import_file(path, skip_bad_rows=True)
    assert report.rejected == 1 and report.written
    placed(report, "fields.out_of_range")


# -- 2. signs by row type ------------------------------------------------------------------------
def test_negative_quantity_on_a_sale_row_is_refused(desk, tmp_path):
    rows = list(csv.reader((SAMPLES / "amazon-date-range-us.csv").read_text("utf-8-sig")
                           .splitlines()))
    h = next(i for i, r in enumerate(rows) if "quantity" in r)
    first_order = [r[rows[h].index("type")] for r in rows[h + 1:] if r].index("Order")
    path = mutate("amazon-date-range-us.csv", "quantity", "-999999", row=first_order,
                  tmp_path=tmp_path)
    dry, real = import_both(desk, path)
    for report in (dry, real):
        (p,) = placed(report, "fields.must_be_positive")
        assert p.source.column == "quantity" and p.source.value == "-999999"
    assert not real.written


def test_refund_rows_keep_their_sign(tmp_path):
    text = (SAMPLES / "amazon-date-range-us.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    h = next(i for i, r in enumerate(rows) if "quantity" in r)
    ti, qi = rows[h].index("type"), rows[h].index("quantity")
    refunds = [r for r in rows[h + 1:] if r and r[ti] == "Refund"]
    assert refunds
    refunds[0][qi] = "-1"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / "dr.csv"
    path.write_text(out.getvalue(), "utf-8")
    result = get("amazon-date-range").read(path)
    assert not [p for p in result.problems if p.key.startswith("fields.")]


# -- 3. control characters -----------------------------------------------------------------------
def test_nul_in_a_listing_name_is_removed_with_a_warning_and_export_works(desk, tmp_path):
    path = mutate("amazon-all-listings-en.txt", "item-name", "Mug\x00 Blue\x07", row=1,
                  tmp_path=tmp_path)
    report = desk.imports.import_file(path)
    assert report.written
    (p,) = placed(report, "io.control_characters_removed")
    assert p.severity == "warning" and p.source.row == 3 and p.source.column == "A"
    out = tmp_path / "products.xlsx"
    desk.products.export(out)  # openpyxl raised IllegalCharacterError here
    names = [c for ws in load_workbook(out).worksheets for r in ws.iter_rows(values_only=True)
             for c in r if isinstance(c, str) and c.startswith("Mug")]
    assert "Mug Blue" in names


def test_excel_writer_cleans_on_the_way_out(tmp_path):
    from seller_desk.io.excel import Sheet, write_table

    out = write_table(tmp_path / "t.xlsx", Sheet("t", ["a"], [["x\x00y\x1b"]]))
    assert load_workbook(out).active["A2"].value == "xy"


# -- 4. formula injection ------------------------------------------------------------------------
def test_exemption_list_never_writes_a_formula(tmp_path):
    import dataclasses

    from seller_desk.core.tax import build_month_list
    from seller_desk.io.tax_xlsx import write_exemption_list_xlsx
    from tests.io.tax_samples import SELLER, make_lines

    lines = make_lines(3)
    lines[0] = dataclasses.replace(lines[0], goods_name='=HYPERLINK("http://x","y")')
    lines[1] = dataclasses.replace(lines[1], goods_name="@SUM(A1)")
    seller = dataclasses.replace(SELLER, name="+cmd|' /C calc'!A0")
    out = tmp_path / "list.xlsx"
    write_exemption_list_xlsx(build_month_list(lines, seller, "2024-05"), out)
    wb = load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in texts and "'@SUM(A1)" in texts
    assert "'+cmd|' /C calc'!A0" in texts
    assert any(isinstance(c.value, int | float) for c in cells)  # numbers stay numbers


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@x", "\t=1"])
def test_one_helper_neutralises_leading_formula_characters(text):
    from seller_desk.io.excel import safe_text

    assert safe_text(text) == "'" + text
    assert safe_text("plain") == "plain" and safe_text("a=b") == "a=b"


def test_write_table_neutralises_and_import_reads_it_back(tmp_path):
    from seller_desk.io.excel import Sheet, write_table
    from seller_desk.io.tabular import read_table

    out = write_table(tmp_path / "t.xlsx", Sheet("t", ["name", "n"], [["=2+2", -5], ["-x", 3]]))
    ws = load_workbook(out).active
    assert ws["A2"].value == "'=2+2" and ws["B2"].value == -5 and ws["A3"].value == "'-x"
    table = read_table(out, lambda cells: "name" in cells)
    assert table.rows[1][0] == "=2+2" and table.rows[2][0] == "-x"


# -- 5. encodings --------------------------------------------------------------------------------
def test_gbk_file_with_english_headers_is_not_read_as_cp1252(desk, tmp_path):
    path = mutate("amazon-all-listings-en.txt", "item-name", "Résumé Lamp 2×5W", row=1,
                  tmp_path=tmp_path, encoding="gbk")
    report = desk.imports.import_file(path)
    assert report.written and report.extra["encoding"] == "gb18030"
    result = get("amazon-all-listings").read(path)
    assert "Résumé Lamp 2×5W" in [rec.listing.title for rec in result.records]


def test_encoding_is_shown_and_can_be_forced(desk, tmp_path):
    path = mutate("amazon-all-listings-en.txt", "item-name", "Résumés Lamp", row=1,
                  tmp_path=tmp_path, encoding="cp1252")
    report = desk.imports.import_file(path, dry_run=True)
    assert report.extra["encoding"] == "cp1252"
    forced = desk.imports.import_file(path, dry_run=True, options={"encoding": "gb18030"})
    assert forced.extra["encoding"] == "gb18030"
    result = get("amazon-all-listings").read(path, options={"encoding": "gb18030"})
    assert result.records and "Résumés Lamp" not in [rec.listing.title for rec in result.records]
    with pytest.raises(ProblemError) as exc:
        desk.imports.import_file(path, dry_run=True, options={"encoding": "no-such-codec"})
    assert exc.value.problems[0].key == "io.unknown_encoding"


def test_cli_import_encoding_flag(tmp_path, capsys):
    from seller_desk.cli import main

    db = f"sqlite:///{tmp_path / 'co.sqlite'}"
    assert main(["init", "--kind", "enterprise", "--name", "示例", "--id", "91330110MA2H3K7Q8X",
                 "--db", db]) == 0
    path = mutate("amazon-all-listings-en.txt", "item-name", "Résumé", row=1,
                  tmp_path=tmp_path, encoding="gbk")
    capsys.readouterr()
    assert main(["import", str(path), "--db", db, "--dry-run", "--json",
                 "--encoding", "gb18030"]) == 0
    assert '"encoding": "gb18030"' in capsys.readouterr().out


# -- 6. an oversized cell ------------------------------------------------------------------------
@pytest.mark.parametrize(("sample", "column"), [
    ("amazon-all-listings-en.txt", "item-name"),
    ("amazon-date-range-us.csv", "description"),
    ("amazon-fba-manage-inventory.txt", "product-name"),
])
def test_a_one_megabyte_cell_is_a_row_column_problem(desk, tmp_path, sample, column):
    path = mutate(sample, column, "x" * 1_000_000, tmp_path=tmp_path)
    dry, real = import_both(desk, path)
    for report in (dry, real):
        assert not isinstance(report, ProblemError), report.problems
        (p,) = placed(report, "io.cell_too_long")
        assert p.is_error
    assert not real.written


@pytest.mark.parametrize(("lang", "family"), [("ja_JP.UTF-8", "shift_jis"),
                                              ("de_DE.UTF-8", "cp1252"),
                                              ("zh_CN.UTF-8", "gb18030"), ("C", "gb18030")])
def test_plausibility_decides_and_the_locale_family_only_breaks_ties(monkeypatch, lang, family):
    """A Shift_JIS file on a Chinese desktop and a GBK file on a Japanese one are each read in
    their own encoding (the misreading is full of rare hanzi / odd kana); the user's locale
    family is only the tie-break."""
    from seller_desk.io.tabular import _most_plausible, locale_family

    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", lang)
    assert locale_family() == family
    candidates = ("gb18030", "shift_jis")
    japanese = "sku,name\nA-1,東京\nA-2,大阪\n".encode("shift_jis")
    chinese = "sku,name\nA-1,蓝牙耳机 黑色\nA-2,不锈钢保温杯\n".encode("gb18030")
    for data, want in ((japanese, "shift_jis"), (chinese, "gb18030")):
        texts = {e: data.decode(e, errors="replace") for e in candidates}
        assert _most_plausible(data, texts) == want
