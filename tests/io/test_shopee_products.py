from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from seller_desk.core.money import Money
from seller_desk.io.readers import detect, get

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ORDERS = SHARED / "samples" / "shopee-order-all-ph.xlsx"

KEYS = ["et_title_product_id", "et_title_product_name", "et_title_variation_id",
        "et_title_variation_name", "et_title_parent_sku", "et_title_variation_sku",
        "et_title_variation_price", "ps_gtin_code", "et_title_variation_stock", "et_title_reason"]


def sales_info(path: Path, rows: list[list[object]]) -> Path:
    """A Mass Update → Sales info export: machine keys, then sales_info, labels, required
    markers and blank rows before the data (the layout Shopee Seller Centre downloads)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(KEYS)
    ws.append(["sales_info", "35b74571", "0", "231505269", '{"search_condition":{}}'])
    ws.append(["Product ID", "Product Name", "Variation ID", "Variation Name", "Parent SKU",
               "SKU", "Price", "GTIN", "Stock", "Reason"])
    ws.append(["", "", "", "", "", "", "Required", "", "Required", ""])
    ws.append([])
    ws.append([])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_order_export_is_not_claimed_but_gives_listings_on_request():
    reader, _tried = detect(ORDERS)
    assert reader is None or reader.area != "products"  # the orders area's reader takes it
    assert get("shopee-products").detect(ORDERS) == "a Shopee order export, not a product export"
    result = get("shopee-order-listings").read(ORDERS)
    assert result.problems == []
    assert result.meta["store"] == "Shopee PH" and result.meta["currency"] == "PHP"
    got = [(r.row, r.listing.msku, r.listing.title, r.listing.price, r.extra["parent_sku"])
           for r in result.records]
    assert got == [
        (2, "MUG-350-BLU", "Stainless Steel Travel Mug, 12 oz (Blue,350ml)", Money.of("699", "PHP"), "MUG-350"),
        (3, "LAMP-USB-WHT", 'USB Desk Lamp "Mini" 5W (White)', Money.of("319", "PHP"), "LAMP-USB"),
        (4, "TENT-4P-GRN", "Family Tent 4 Person, Waterproof (Green)", Money.of("4599", "PHP"), "TENT-4P"),
    ]
    assert all(r.fields == {"platform", "store", "msku", "title", "price"} for r in result.records)


def test_sales_info_export(tmp_path):
    path = sales_info(tmp_path / "mass_update_sales_info_231505269_20240301.xlsx", [
        [24030212345, "Stainless Steel Travel Mug", 1001, "Blue", "MUG-350", "MUG-350-BLU", 699, "", 40, ""],
        [24030212345, "Stainless Steel Travel Mug", 1002, "Green", "", "MUG-350-GRN", "649.50", "", 0, ""],
        [24030254321, "Family Tent 4 Person", 0, "", "TENT-4P", "", "4,599", "", 3, ""],
    ])
    reader, _ = detect(path)
    assert reader is not None and reader.name == "shopee-products"
    result = reader.read(path, options={"site": "PH"})
    assert result.problems == []
    got = [(r.row, r.listing.store, r.listing.msku, r.listing.external_id, r.listing.title,
            r.listing.price, r.listing.quantity, r.extra["parent_sku"]) for r in result.records]
    assert got == [
        (7, "Shopee PH", "MUG-350-BLU", "24030212345:1001", "Stainless Steel Travel Mug (Blue)",
         Money.of("699", "PHP"), 40, "MUG-350"),
        # the parent SKU is only on the first variation row: filled down
        (8, "Shopee PH", "MUG-350-GRN", "24030212345:1002", "Stainless Steel Travel Mug (Green)",
         Money.of("649.50", "PHP"), 0, "MUG-350"),
        # no variations: the parent SKU is the listing's SKU
        (9, "Shopee PH", "TENT-4P", "24030254321", "Family Tent 4 Person",
         Money.of("4599", "PHP"), 3, "TENT-4P"),
    ]


def test_sales_info_without_site_keeps_prices_out(tmp_path):
    path = sales_info(tmp_path / "s.xlsx", [
        [1, "Mug", 0, "", "MUG", "", 699, "", 4, ""]])
    result = get("shopee-products").read(path)
    assert [(p.key, p.severity) for p in result.problems] == [("products.import.no_currency", "warning")]
    record = result.records[0]
    assert record.listing.price is None and "price" not in record.fields
    assert record.listing.store == "Shopee"


def test_sales_info_bad_rows(tmp_path):
    path = sales_info(tmp_path / "s.xlsx", [
        [1, "Mug", 11, "Blue", "MUG", "MUG-B", "six", "", 4, ""],
        [1, "Mug", 12, "Red", "", "MUG-B", 5, "", "2.5", ""],
    ])
    result = get("shopee-products").read(path, options={"currency": "MYR"})
    assert [(p.key, p.source.row, p.source.column) for p in result.problems] == [
        ("money.not_a_number", 7, "et_title_variation_price"),
        ("products.not_a_quantity", 8, "et_title_variation_stock"),
        ("products.import.duplicate_msku", 8, "et_title_variation_sku"),
    ]
    assert result.records == []


def test_damaged_xlsx(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(ORDERS.read_bytes()[:2000])
    result = get("shopee-products").read(path)
    assert [p.key for p in result.problems] == ["file.unreadable"]
