"""The settlement documentation pack: PDF text read back with pdftotext, Excel read back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from seller_desk.core.money import Money
from seller_desk.io.fx_pack import (
    PackOrder,
    PackSeller,
    PackSettlement,
    SettlementPack,
    write_pack_pdf,
    write_pack_xlsx,
)


def make_pack(n_orders: int = 3) -> SettlementPack:
    orders = [PackOrder(f"113-44109{i:02d}-2285031", "Amazon.com", dt.date(2024, 2, 20),
                        dt.date(2024, 2, 21 + i % 5), "Thermobecher 350 ml 保温杯", 2,
                        Money.of("59.80", "USD"), "US", f"1Z999AA1012345678{i}", D("59.80"))
              for i in range(n_orders)]
    return SettlementPack(
        seller=PackSeller("张三", "individual", "110105********002X", "ZJ-9610-000123"),
        period="2024-03",
        settlements=[
            PackSettlement("FX-1", dt.date(2024, 3, 15), "settlement", "worldfirst",
                           Money.of("179.40", "USD"), Money.of("179.40", "USD"), D("1"), "202403",
                           Money.of("1,290.00", "CNY"), True, orders=orders),
            PackSettlement("FX-2", dt.date(2024, 3, 18), "receipt", "amazon",
                           Money.of("1141.18", "EUR"), Money.of("1238.87", "USD"), D("1.0856"),
                           "202403", netting={"gross": Money.of("1275.00", "EUR"),
                                              "storage": Money.of("25.00", "EUR"),
                                              "logistics": Money.of("98.82", "EUR"),
                                              "tax": Money.of("10.00", "EUR"),
                                              "net": Money.of("1141.18", "EUR")}),
        ],
        generated_on=dt.date(2026, 11, 22),
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pack_pdf_has_the_chinese_headings_and_the_evidence(tmp_path):
    path = write_pack_pdf(make_pack(40), tmp_path / "pack.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = "".join(text.split())
    for heading in ("跨境电商结汇材料", "卖家信息", "结汇/收汇记录", "关联订单（交易凭证）", "轧差明细", "说明"):
        assert heading in flat, heading
    assert "110105********002X" in flat and "ZJ-9610-000123" in flat
    assert "113-4410939-2285031" in flat and "1Z999AA10123456789" in flat
    assert "1,238.87USD" in flat and "1,418.27USD" in flat  # the USD total row
    assert "1.0856/202403" in flat and "1,275.00EUR" in flat
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    assert f"第1页/共{len(pages)}页" in "".join(pages[0].split())
    assert "生成日期：2026-11-22" in flat


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pack_pdf_english(tmp_path):
    path = write_pack_pdf(make_pack(1), tmp_path / "pack.pdf", lang="en")
    raw = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    text = " ".join(raw.split())
    assert "CBEC settlement documentation" in text and "Linked orders (trade evidence)" in text
    pages = len(raw.split("\f")) - 1
    assert pages <= 2  # a heading left at a page foot starts the next page
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_pack_xlsx(tmp_path):
    path = write_pack_xlsx(make_pack(2), tmp_path / "pack.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["卖家信息", "结汇_收汇记录", "关联订单（交易凭证）", "轧差明细", "说明"]
    seller = list(wb["卖家信息"].iter_rows(values_only=True))
    assert seller[1][:3] == ("张三", "个人", "110105********002X")
    settle = list(wb["结汇_收汇记录"].iter_rows(values_only=True))
    assert settle[1][0] == "FX-1" and settle[1][4] == 179.4 and settle[2][6] == 1238.87
    orders = list(wb["关联订单（交易凭证）"].iter_rows(values_only=True))
    assert len(orders) == 3 and orders[1][1] == "113-4410900-2285031" and orders[1][10] == 59.8
    net = list(wb["轧差明细"].iter_rows(values_only=True))
    assert net[1] == ("FX-2", 1275, 25, 98.82, 10, 1141.18, "EUR")



def test_pack_xlsx_carries_the_pdfs_notes(tmp_path):
    """The rule notes (which rule applied to which records) are in the workbook as in the PDF."""
    from seller_desk.io.fx_pack import T, pack_notes

    pack = make_pack(1)
    pack.notes.append("FX-1：经综试区备案的外汇结算账户结汇，不占用个人年度 5 万美元额度。")
    wb = load_workbook(write_pack_xlsx(pack, tmp_path / "pack.xlsx"))
    notes = [r[0] for r in wb["说明"].iter_rows(values_only=True)]
    assert notes[0] == "说明"
    assert notes[1:] == [*pack_notes(pack, T["zh_CN"]), T["zh_CN"]["netting_note"]]
    assert pack.notes[-1] in notes
    if shutil.which("pdftotext"):
        path = write_pack_pdf(pack, tmp_path / "pack.pdf")
        flat = "".join(subprocess.run(["pdftotext", str(path), "-"], check=True,
                                      capture_output=True, text=True).stdout.split())
        for note in notes[1:]:
            assert "".join(note.split()) in flat, note
