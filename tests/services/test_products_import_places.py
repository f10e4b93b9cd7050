"""Where a products import places the problems it finds while writing (not while reading): the
record's row, and its sheet in a workbook of several (made only for a record with a problem)."""

from __future__ import annotations

from pathlib import Path

from seller_desk.core.products import HsEntry, ListingData, ProductData
from seller_desk.io.excel import write_table
from seller_desk.io.products_table import export_sheet


def test_problems_found_on_writing_name_their_sheet_and_row(desk, tmp_path: Path):
    desk.products.save_hs(HsEntry(code="9617001100", legal_unit1="035"))
    products = [
        ProductData(sku="MUG-1", name_zh="杯", hs_code="9617001100", declared_name="保温杯"),
        # its legal unit is not the HS table's: found by the write's check only
        ProductData(sku="MUG-2", name_zh="杯", hs_code="9617001100", declared_name="保温杯",
                    legal_unit1="007"),
    ]
    listings = [
        ListingData(platform="amazon", store="Amazon US", msku="M-1", sku="MUG-1", title="Mug"),
        ListingData(platform="amazon", store="Amazon US", msku="M-2", sku="NOPE", title="Mug"),
    ]
    path = tmp_path / "both.xlsx"
    write_table(path, [export_sheet("products", products), export_sheet("listings", listings)])
    report = desk.imports.import_file(path, skip_bad_rows=True)
    assert report.written and (report.imported, report.rejected) == (2, 2)
    assert sorted((p.key, p.source.sheet, p.source.row) for p in report.problems
                  if p.is_error) == [
        ("products.legal_unit_mismatch", "Products", 3),
        ("products.not_found", "Listings", 3),
    ]
