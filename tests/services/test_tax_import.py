"""Importing export lines from a spreadsheet: all or nothing, skip bad rows, re-import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from seller_desk.core.problems import ProblemError
from seller_desk.io import readers
from seller_desk.services import tax as _tax_settings  # noqa: F401  (declares the tax.* settings)

HEADER = ["清单编号", "项号", "出口日期", "商品编码", "货物名称", "计量单位", "数量", "单价", "币种", "金额",
          "申报海关", "监管方式", "汇率"]
GOOD = [
    ["292920240000000001", "1", "2024-05-03", "8518300000", "蓝牙耳机", "个", "2", "12.50", "USD", "25.00",
     "2992", "9610", "7.1"],
    ["292920240000000001", "2", "2024/05/03", "9617001100", "保温杯", "个", "1", "1,088.80", "CNY",
     "1,088.80", "2992", "", ""],
    ["292920240000000002", "", "20240504", "6109100010", "T恤", "", "3", "5.00", "USD", "15.00", "2200",
     "9710", "7.1"],
]
BAD = [["292920240000000003", "", "2024-13-01", "6109100010", "T恤", "件", "x", "5.00", "USD", "15.00",
        "2992", "9610", "7.1"]]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="gb18030", newline="") as fh:  # the platform's export: GB18030
        fh.write("出口记录导出 2024年5月\n")
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
        w.writerow(["合计"] + [""] * 12)
    return path


@pytest.fixture
def ready(desk):
    desk.company.update(zone="杭州", zone_customs_code="2900")
    desk.settings.set("tax.zone_registered_from", "2020-01-01")
    desk.settings.set("tax.platform_filed_from", "2020-01-01")
    return desk


def test_reader_is_detected_and_reads_chinese_gb18030(tmp_path):
    path = write_csv(tmp_path / "lines.csv", GOOD + BAD)
    reader, _tried = readers.detect(path)
    assert reader is not None and reader.name == "tax-export-lines"
    result = reader.read(path)
    assert result.meta["encoding"] == "gb18030"
    assert [r.source_ref for r in result.records] == [
        "292920240000000001/1", "292920240000000001/2", "292920240000000002/1"]
    assert result.records[1].amount.amount == D("1088.80") and result.records[1].cny_rate is None
    assert [(p.key, p.source.row, p.source.column, p.source.value) for p in result.problems] == [
        ("io.bad_date", 6, "出口日期", "2024-13-01"), ("money.not_a_number", 6, "数量", "x")]


def test_english_headers_in_xlsx(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["List no.", "Export date", "HS code", "Goods name", "Unit", "Quantity", "Unit price",
               "Currency", "Amount", "Customs"])
    ws.append(["L-1", dt.date(2024, 5, 3), "8518300000", "Earbuds", "pc", 2, 12.5, "usd", 25, "2992"])
    wb.save(tmp_path / "lines.xlsx")
    reader, _ = readers.detect(tmp_path / "lines.xlsx")
    result = reader.read(tmp_path / "lines.xlsx")
    [rec] = result.records
    assert (rec.export_date, rec.amount.currency, rec.amount.amount, rec.trade_mode) == (
        dt.date(2024, 5, 3), "USD", D("25"), "9610")


def test_import_all_or_nothing(ready, tmp_path):
    path = write_csv(tmp_path / "lines.csv", GOOD + BAD)
    report = ready.imports.import_file(path)
    assert not report.written and report.rejected == 1 and ready.tax.count_lines() == 0


def test_import_skip_bad_rows_then_reimport(ready, tmp_path):
    path = write_csv(tmp_path / "lines.csv", GOOD + BAD)
    report = ready.imports.import_file(path, skip_bad_rows=True)
    assert (report.written, report.imported, report.rejected) == (True, 3, 1)
    rejected = load_workbook(report.rejected_file).active
    assert [c.value for c in rejected[2]][:3] == [6, "出口日期", "2024-13-01"]
    ml = ready.tax.month_list("2024-05")
    assert [v.line.list_no for v in ml.eligible] == ["292920240000000001"] * 2
    assert ml.amount_cny == D("177.50") + D("1088.80")
    assert ml.ineligible[0].reason_keys == (
        "tax.exempt.field_missing", "tax.exempt.wrong_customs", "tax.exempt.b2b_mode")
    again = ready.imports.import_file(write_csv(tmp_path / "again.csv", GOOD))
    assert (again.written, again.imported, again.updated) == (True, 0, 3)
    assert ready.tax.count_lines() == 3


def test_dry_run_writes_nothing(ready, tmp_path):
    report = ready.imports.import_file(write_csv(tmp_path / "lines.csv", GOOD), dry_run=True)
    assert (report.written, report.imported) == (False, 3) and ready.tax.count_lines() == 0


def test_unknown_file_is_not_ours(ready, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ProblemError):
        ready.imports.import_file(path)
