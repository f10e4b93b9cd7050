"""The monthly exemption list as PDF and Excel: headings, totals, reasons, embedded font."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from seller_desk.core.money import Money
from seller_desk.core.tax import ExportLine, build_month_list
from seller_desk.io.tax_pdf import Aborted, cjk_font_path, write_exemption_list_pdf
from seller_desk.io.tax_xlsx import write_exemption_list_xlsx
from tests.io.tax_samples import SELLER, make_lines

WHEN = dt.datetime(2024, 6, 3, 9, 30)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    """pdftotext's spacing between CJK and digits varies: compare without blanks."""
    return "".join(text.split())


def small_month():
    lines = [
        ExportLine("a", dt.date(2024, 5, 3), "蓝牙耳机", "个", D("2"), Money.of("12.50", "USD"),
                   Money.of("25.00", "USD"), list_no="292920240000000001", hs_code="8518300000",
                   customs_code="2992", cny_rate=D("7.1")),
        ExportLine("b", dt.date(2024, 5, 4), "保温杯", "个", D("1"), Money.of("88.80", "CNY"),
                   Money.of("88.80", "CNY"), list_no="292920240000000002", hs_code="9617001100",
                   customs_code="2992"),
        ExportLine("c", dt.date(2024, 5, 5), None, "件", D("3"), Money.of("5.00", "USD"),
                   Money.of("15.00", "USD"), list_no="292920240000000003", hs_code="6109100010",
                   trade_mode="9710", customs_code="2992", cny_rate=D("7.1")),
    ]
    return build_month_list(lines, SELLER, "2024-05")


@needs_poppler
def test_small_month_pdf_text(tmp_path):
    out = tmp_path / "list.pdf"
    stats = write_exemption_list_pdf(small_month(), out, generated=WHEN)
    assert (stats.pages, stats.eligible, stats.ineligible) == (1, 2, 1)
    text = pdftext(out)
    for expected in ("跨境电子商务零售出口无票免税货物清单", "出口企业：杭州示例跨境电商有限公司",
                     "统一社会信用代码：91330100MA2B3C4D5E", "所属期：2024-05", "免税出口货物明细",
                     "不符合免税条件的出口明细", "人民币合计", "266.30", "共 2 条", "第 1 页 / 共 1 页",
                     "292920240000000002", "1. 平台登记缺少“货物名称”。"):
        assert squash(expected) in squash(text), expected
    # USD total 25.00 and CNY total 88.80 each on its own total line
    lines = [ln.split() for ln in text.splitlines()]
    assert ["合计", "共2条", "CNY", "88.80"] in [[w for w in ln if w] for ln in lines] \
        or ["合计", "共", "2", "条", "CNY", "88.80"] in lines
    assert ["USD", "25.00"] in lines
    assert ["人民币合计", "266.30"] in lines
    assert squash("监管方式 9710 属于 B2B") in squash(text)


@needs_poppler
def test_english_pdf(tmp_path):
    out = tmp_path / "list.pdf"
    write_exemption_list_pdf(small_month(), out, lang="en", generated=WHEN)
    text = pdftext(out)
    assert "Exemption list of retail exports without purchase invoices" in text
    assert "Page 1 of 1" in text and "Total (CNY)" in text and "266.30" in text


@needs_poppler
def test_empty_month_pdf_has_a_note(tmp_path):
    ml = build_month_list([], SELLER, "2024-07")
    out = tmp_path / "empty.pdf"
    assert write_exemption_list_pdf(ml, out, generated=WHEN).pages == 1
    text = pdftext(out)
    assert squash("2024-07 没有出口记录：清单为空。") in squash(text) and "0.00" in text


@needs_poppler
@pytest.mark.slow
def test_ten_thousand_line_pdf(tmp_path):
    ml = build_month_list(make_lines(10_000), SELLER, "2024-05")
    assert (len(ml.eligible), len(ml.ineligible)) == (9751, 249)
    out = tmp_path / "big.pdf"
    seen: list[float] = []
    stats = write_exemption_list_pdf(ml, out, generated=WHEN, progress=lambda f, m: seen.append(f))
    reader = PdfReader(out)
    assert len(reader.pages) == stats.pages and stats.pages > 300
    assert seen[-1] == 1.0 and seen == sorted(seen)
    text = pdftext(out)
    total = sum((v.line.amount_cny.amount for v in ml.eligible), D(0))
    assert f"{total:,.2f}" == f"{ml.amount_cny:,.2f}"
    for expected in ("跨境电子商务零售出口无票免税货物清单", "免税出口货物明细", "不符合免税条件的出口明细",
                     "人民币合计", "共 9751 条", "共 249 条", f"{ml.amount_cny:,.2f}",
                     f"{ml.ineligible_amount_cny:,.2f}", f"第 {stats.pages} 页 / 共 {stats.pages} 页"):
        assert squash(expected) in squash(text), expected
    assert squash(text).count("统一社会信用代码：91330100MA2B3C4D5E") == stats.pages
    # the last eligible line is numbered 9751, with its list number beside it
    last = ml.eligible[-1].line.list_no
    assert any(ln.split()[:2] == ["9751", last] for ln in text.splitlines() if ln.strip())
    # the font is embedded (a subset), never referenced
    fonts = set()
    for page in reader.pages[:3]:
        for f in page["/Resources"]["/Font"].values():
            obj = f.get_object()
            desc = obj.get("/FontDescriptor")
            fonts.add((str(obj["/BaseFont"]), desc is not None and "/FontFile2" in desc.get_object()))
    assert all(embedded for _, embedded in fonts) and fonts


def test_abort_leaves_nothing(tmp_path):
    out = tmp_path / "list.pdf"
    with pytest.raises(Aborted):
        write_exemption_list_pdf(small_month(), out, should_abort=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_font_lookup_honours_the_override(monkeypatch, tmp_path):
    path, _ = cjk_font_path()
    assert Path(path).is_file()
    monkeypatch.setenv("SELLER_DESK_CJK_FONT", str(tmp_path / "nope.ttf"))
    with pytest.raises(RuntimeError, match="does not exist"):
        cjk_font_path()


def test_shipped_font_covers_the_list_and_is_taken_without_parsing_it_twice():
    from seller_desk.io.tax_pdf import SHIPPED_FONT, _covers

    assert Path(SHIPPED_FONT).is_file() and _covers(SHIPPED_FONT, 0)
    assert cjk_font_path() == (SHIPPED_FONT, 0)


def test_xlsx(tmp_path):
    out = tmp_path / "list.xlsx"
    write_exemption_list_xlsx(small_month(), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["免税出口货物明细", "不符合免税条件的出口明细"]
    ws = wb["免税出口货物明细"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:4] == ("出口企业", "杭州示例跨境电商有限公司", "统一社会信用代码", "91330100MA2B3C4D5E")
    assert rows[4][:3] == ("序号", "清单编号", "出口日期")
    assert rows[5][:2] == (1, "292920240000000001") and rows[5][10] == 177.5
    assert ws.cell(row=6, column=3).number_format == "yyyy-mm-dd"
    assert ws.cell(row=6, column=11).number_format == "#,##0.00"
    assert rows[7][1] == "合计" and rows[7][8:10] == ("CNY", 88.8)
    assert rows[8][8:10] == ("USD", 25)
    assert rows[9][1] == "人民币合计" and rows[9][10] == 266.3
    bad = list(wb["不符合免税条件的出口明细"].iter_rows(values_only=True))
    assert bad[5][1] == "292920240000000003"
    assert bad[5][7] == "平台登记缺少“货物名称”；监管方式 9710 属于 B2B：适用凭进货发票退税，不适用无票免税（此为解释性设定，培训人员可以修改）"
    assert bad[6][1] == "人民币合计" and bad[6][6] == 106.5


def test_xlsx_missing_rate_note(tmp_path):
    ml = small_month()
    line = dataclasses.replace(ml.eligible[0].line, cny_rate=None)
    ml = build_month_list([line], SELLER, "2024-05")
    out = tmp_path / "list.xlsx"
    write_exemption_list_xlsx(ml, out, lang="en")
    rows = list(load_workbook(out)["Eligible export lines"].iter_rows(values_only=True))
    assert rows[-1][0] == "1 eligible lines have no CNY exchange rate: the CNY total leaves them out."
