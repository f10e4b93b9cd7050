"""The shared PDF builder: CJK text survives (pdftotext reads it back), header rows repeat,
every page is numbered "第 N 页 / 共 M 页", the font is embedded."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from seller_desk.io.pdf import FONT_FILE, PdfDocument, PdfLabels

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    return out.split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_font_is_shipped_with_its_licence():
    assert FONT_FILE.exists()
    assert FONT_FILE.with_name("wqy-microhei.LICENSE.txt").read_text("utf-8").count(
        "Apache License"
    ) >= 1


def test_multi_page_document(tmp_path):
    doc = PdfDocument(
        tmp_path / "pack.pdf", title="结汇材料", subtitle="2026年3月",
        generated_on=dt.date(2026, 11, 22),
    )
    doc.key_values([("卖家", "张三"), ("身份证号", "110105********002X"), ("备案号", "B-77")])
    doc.heading("结汇记录")
    rows = [[f"2026-03-{(i % 28) + 1:02d}", f"订单{i:04d}", f"{1000 + i:,}.50 USD"] for i in range(90)]
    doc.table(["日期", "订单号", "金额"], rows, widths=[1, 2, 1], align="LLR",
              footer=["合计", "", "94,005.00 USD"])
    doc.paragraph("仓储、物流、税费轧差 <不自动轧差其他费用> & more", note=True)
    path = doc.build()

    pages = pdf_pages(path)
    assert len(pages) >= 2
    m = len(pages)
    for n, page in enumerate(pages, start=1):
        # pdftotext drops the thin spaces between CJK and digits: compare without blanks
        assert f"第{n}页/共{m}页" in "".join(page.split())
        assert "生成日期：2026-11-22" in page
        assert "日期" in page and "订单号" in page  # the header row repeats on every page
    first = pages[0]
    assert "结汇材料" in first and "2026年3月" in first and "结汇记录" in first
    assert "110105********002X" in first and "张三" in first
    text = "\n".join(pages)
    assert "订单0089" in text and "1,089.50 USD" in text
    assert "合计" in pages[-1] and "94,005.00 USD" in pages[-1]
    assert "<不自动轧差其他费用> & more" in pages[-1]  # markup characters are escaped, not eaten

    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(path).pages:
        for f in page["/Resources"]["/Font"].values():
            font = f.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fd = desc.get("/FontDescriptor")
            if fd is not None and "/FontFile2" in fd.get_object():
                fonts.add(str(font["/BaseFont"]))
    assert fonts and all("WenQuanYiMicroHei" in f for f in fonts)  # embedded TrueType subset
    assert path.stat().st_size < 400_000  # a subset, not the whole 5 MB font


def test_english_labels_and_landscape(tmp_path):
    doc = PdfDocument(
        tmp_path / "en.pdf", title="Settlement pack", landscape=True,
        generated_on=dt.datetime(2026, 11, 22, 9, 5), labels=PdfLabels.for_language("en"),
    )
    doc.table(["Date", "Amount"], [["2026-01-05", "10.00"]])
    pages = pdf_pages(doc.build())
    assert len(pages) == 1
    assert "Page 1 of 1" in " ".join(pages[0].split()) and "Generated on 2026-11-22 09:05" in pages[0]


def test_a_heading_is_kept_with_the_table_below_it(tmp_path) -> None:
    """Wherever the text before it ends, a heading starts on the page of its table's first row."""
    import subprocess

    from seller_desk.io.pdf import PdfDocument

    for filler in range(30, 62, 2):  # one of these leaves the heading at the foot of page 1
        doc = PdfDocument(tmp_path / f"keep{filler}.pdf", title="标题")
        for i in range(filler):
            doc.paragraph(f"第 {i} 行说明文字")
        doc.heading("关联备案")
        doc.table(["编号", "名称"], [[f"R{i}", f"备案 {i}"] for i in range(30)])
        path = doc.build()
        pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        heading = next(i for i, p in enumerate(pages) if "关联备案" in p.replace(" ", ""))
        first_row = next(i for i, p in enumerate(pages) if "R0" in p)
        assert heading == first_row, f"{filler} paragraphs: heading on {heading}, table on {first_row}"
