"""Warehouse stock readers: Amazon Manage FBA Inventory and the mapped 3PL stock list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seller_desk.core.stock import Balance, reconcile
from seller_desk.io import readers
from seller_desk.io.readers.amazon_fba_inventory import AmazonFbaInventoryReader
from seller_desk.io.readers.warehouse_stock import WarehouseStockReader

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FBA_SAMPLE = SHARED / "samples" / "amazon-fba-manage-inventory.txt"

HEADER = ("sku\tfnsku\tasin\tproduct-name\tcondition\tyour-price\tmfn-listing-exists\t"
          "mfn-fulfillable-quantity\tafn-listing-exists\tafn-warehouse-quantity\t"
          "afn-fulfillable-quantity\tafn-unsellable-quantity\tafn-reserved-quantity\t"
          "afn-total-quantity\tper-unit-volume\tafn-inbound-working-quantity\t"
          "afn-inbound-shipped-quantity\tafn-inbound-receiving-quantity")


def fba_rows(result):
    return [(r.sku, r.on_hand, r.available, r.unsellable, r.reserved, r.in_transit, r.row)
            for r in result.records]


def test_fba_sample_is_detected_and_read():
    reader, _tried = readers.detect(FBA_SAMPLE)
    assert reader is not None and reader.name == "amazon_fba_inventory"
    result = reader.read(FBA_SAMPLE, options={"as_of": "2026-03-31"})
    assert result.problems == []
    assert fba_rows(result) == [
        ("MUG-350-BLU", 57, 48, 3, 6, 40, 2),
        ("LAMP-USB-WHT", 0, 0, 0, 0, 0, 3),
        ("TENT-4P-GRN", 2, 0, 2, 0, 0, 4),
        ("mug-350-blu-used", 1, 1, 0, 0, 0, 5),
        ("00123", 310, 300, 0, 10, 100, 6),  # leading zeros kept: a SKU is text
    ]
    tent = result.records[2]
    assert tent.name == "Family Tent 4 Person – Waterproof, Green"
    assert (tent.fnsku, tent.asin, tent.condition) == ("X001ZZ0P9A", "B09Q8W7E6R", "New")
    assert result.records[3].condition == "Used - Very Good"
    assert result.meta["report_date"] == dt.date(2026, 3, 31)
    assert result.meta["skipped_mfn"] == 0


def test_fba_sample_reconciled_against_a_ledger():
    result = AmazonFbaInventoryReader().read(FBA_SAMPLE)
    ledger = {"MUG-350-BLU": Balance(60, 40), "LAMP-USB-WHT": Balance(0, 25),
              "TENT-4P-GRN": Balance(2, 0), "mug-350-blu-used": Balance(1, 0),
              "SOCK-01": Balance(12, 0)}
    lines, problems = reconcile(ledger, result.records, known_skus=ledger.keys())
    assert [(ln.sku, ln.status, ln.difference) for ln in lines] == [
        ("MUG-350-BLU", "differs", -3), ("LAMP-USB-WHT", "match", 0),
        ("TENT-4P-GRN", "match", 0), ("mug-350-blu-used", "match", 0),
        ("00123", "unknown_sku", 310), ("SOCK-01", "not_in_report", -12)]
    assert [p.params["sku"] for p in problems] == ["00123"]
    assert result.meta["report_date"] is None


def test_fba_cp1252_file_without_warehouse_column(tmp_path):
    # An EU download: Windows-1252, the warehouse quantity left out of the chosen fields
    head = HEADER.replace("afn-warehouse-quantity\t", "")
    body = "CAFÉ-MUG\tX1\tB1\tTasse à café\tNew\t9,99\tNo\t\tYes\t5\t1\t2\t8\t0.1\t0\t3\t4"
    path = tmp_path / "inv.txt"
    path.write_bytes(f"{head}\n{body}\n".encode("cp1252"))
    result = AmazonFbaInventoryReader().read(path)
    assert result.problems == []
    assert fba_rows(result) == [("CAFÉ-MUG", 8, 5, 1, 2, 7, 2)]
    assert result.records[0].name == "Tasse à café"
    assert result.meta["encoding"] == "cp1252"


def test_fba_bad_quantity_is_a_problem_at_row_and_column(tmp_path):
    rows = [HEADER,
            "A\tX\tB\tA\tNew\t1\tNo\t\tYes\t1,204\t1200\t0\t4\t1204\t0.1\t0\t0\t0",
            "B\tX\tB\tB\tNew\t1\tNo\t\tYes\t7.5\t7\t0\t0\t7\t0.1\t0\t0\t0",
            "\tX\tB\tC\tNew\t1\tNo\t\tYes\t1\t1\t0\t0\t1\t0.1\t0\t0\t0",
            "D\tX\tB\tD\tNew\t1\tYes\t5\tNo\t\t\t\t\t\t\t\t\t",
            ""]
    path = tmp_path / "inv.txt"
    path.write_text("\n".join(rows), encoding="utf-8")
    result = AmazonFbaInventoryReader().read(path)
    assert [(p.key, p.source.row, p.source.column, p.source.value) for p in result.problems] == [
        ("stock.report_bad_quantity", 3, "afn-warehouse-quantity", "7.5"),
        ("stock.report_sku_missing", 4, "sku", None)]
    assert [(r.sku, r.on_hand) for r in result.records] == [("A", 1204)]
    assert result.meta["skipped_mfn"] == 1
    assert not result.ok


def test_fba_xlsx_save_of_the_report(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Exported from Seller Central"])  # a preamble row: header is found by content
    ws.append(HEADER.split("\t"))
    ws.append(["00123", "X", "B", "Lid", "New", 12.0, "No", None, "Yes", 310, 300, 0, 10, 410,
               0.05, 0, 100, 0])
    path = tmp_path / "inv.xlsx"
    wb.save(path)
    result = AmazonFbaInventoryReader().read(path)
    assert result.problems == []
    assert fba_rows(result) == [("00123", 310, 300, 0, 10, 100, 3)]


# -- generic 3PL ---------------------------------------------------------------------------
def test_goodcang_style_csv_with_several_warehouses(tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text(
        "product_sku,warehouse_code,onway,pending,sellable,unsellable,reserved\n"
        "MUG-350-BLU,DE-FRA,20,5,100,2,3\n"
        "LAMP-USB-WHT,DE-FRA,0,0,0,0,0\n"
        "MUG-350-BLU,UK-LON,0,0,7,0,0\n", encoding="utf-8")
    reader, _ = readers.detect(path)
    assert reader is not None and reader.name == "warehouse_stock"
    result = reader.read(path, options={"as_of": "2026-03-31"})
    assert result.problems == []
    assert [(r.sku, r.warehouse, r.on_hand, r.in_transit, r.available, r.row)
            for r in result.records] == [
        ("MUG-350-BLU", "DE-FRA", 105, 25, 100, 2), ("LAMP-USB-WHT", "DE-FRA", 0, 0, 0, 3),
        ("MUG-350-BLU", "UK-LON", 7, 0, 7, 4)]
    assert result.meta["warehouses"] == ["DE-FRA", "UK-LON"]
    assert result.meta["mapping"]["available"] == "sellable"


def test_chinese_gbk_export_with_on_hand_column(tmp_path):
    path = tmp_path / "库存.csv"
    text = ("海外仓库存报表 2026-03-31\n"
            "产品SKU,品名,仓库,在库,可用库存,在途\n"
            '00123,硅胶盖六件套,DE,"1,200","1,180",50\n')
    path.write_bytes(text.encode("gb18030"))
    result = WarehouseStockReader().read(path)
    assert result.problems == []
    [r] = result.records
    assert (r.sku, r.name, r.warehouse, r.on_hand, r.available, r.in_transit, r.row) == (
        "00123", "硅胶盖六件套", "DE", 1200, 1180, 50, 3)
    assert result.meta["encoding"] == "gb18030"


def test_user_mapping_for_unknown_headers(tmp_path):
    path = tmp_path / "x.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Item code", "Qty OK", "Qty damaged"])
    ws.append(["A-1", 10, 2])
    ws.append(["A-2", "ten", 0])
    wb.save(path)
    assert WarehouseStockReader().detect(path) is not None  # unknown headers: not claimed
    bare = WarehouseStockReader().read(path)
    assert [(p.key, dict(p.params)) for p in bare.problems] == [
        ("stock.mapping_incomplete", {"field": "sku", "columns": "Item code, Qty OK, Qty damaged"})]
    mapped = WarehouseStockReader().read(path, options={"mapping": {
        "sku": "Item code", "available": "Qty OK", "unsellable": "Qty damaged"}})
    assert [(r.sku, r.on_hand, r.in_transit) for r in mapped.records] == [("A-1", 12, None)]
    assert [(p.key, p.source.sheet, p.source.row, p.source.column)
            for p in mapped.problems] == [("stock.report_bad_quantity", "Sheet", 3, "Qty OK")]


@pytest.mark.parametrize("name", ["amazon_fba_inventory", "warehouse_stock"])
def test_readers_are_registered_for_the_stock_area(name):
    assert readers.get(name).area == "stock"
