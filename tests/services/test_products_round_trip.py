"""Export → import into an empty company → export: the same workbook cell by cell and the same
store rows, starting from Amazon All Listings reports in English and Chinese (issue #4: "a round
trip is lossless"), including the report's listing details kept in ``Listing.extra``."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from seller_desk.core.money import Money
from seller_desk.store.models import Product
from seller_desk.store.models.products import Listing, Store
from tests.io.test_amazon_listings import write_zh

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
AMAZON_EN = SHARED / "samples" / "amazon-all-listings-en.txt"
SHOPEE = SHARED / "samples" / "shopee-order-all-ph.xlsx"


def cells(path: Path) -> dict[str, list[list[object]]]:
    wb = load_workbook(path)
    return {name: [[c.value for c in r] for r in wb[name].iter_rows()] for name in wb.sheetnames}


def store_rows(desk) -> dict[str, list[tuple]]:
    """Every stored product, listing and store field, by natural keys (ids and uuids differ
    between companies; versions, timestamps and import digests are not data)."""
    with desk.read() as s:
        skus = {p.id: p.sku for p in s.scalars(select(Product))}
        stores = {st.id: st.name for st in s.scalars(select(Store))}
        products = sorted(
            tuple(getattr(p, c.key) for c in Product.__table__.columns
                  if c.key not in ("id", "uuid", "version", "updated_at", "remote_status",
                                   "remote_reason", "created_at", "import_digest"))
            for p in s.scalars(select(Product)))
        listings = sorted(
            (stores[li.store_id], li.msku, skus.get(li.product_id), li.external_id, li.title,
             li.price_amount, li.price_currency, li.quantity, li.status, li.fulfilment,
             sorted((li.extra or {}).items()))
            for li in s.scalars(select(Listing)))
        store_list = sorted((st.platform, st.name, st.site, st.currency)
                            for st in s.scalars(select(Store)))
    return {"products": products, "listings": listings, "stores": store_list}


def round_trip(make_desk, first: Path, tmp_path: Path, lang: str) -> tuple[dict, dict, dict]:
    source = make_desk()
    exported = tmp_path / f"first-{lang}.xlsx"
    source.products.export(exported, lang=lang)
    empty = make_desk()
    report = empty.imports.import_file(exported)
    assert (report.reader, report.rejected, report.written) == ("products-table", 0, True)
    assert report.extra["products_created"] == 0
    again = tmp_path / f"second-{lang}.xlsx"
    empty.products.export(again, lang=lang)
    return cells(exported), cells(again), {"source": store_rows(source), "copy": store_rows(empty)}


@pytest.fixture
def new_desk(tmp_path, template_db):
    """Fresh empty companies (copies of the migrated template), each in its own folder."""
    import shutil

    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    opened: list = []
    n = iter(range(100))

    def make() -> Desk:
        folder = tmp_path / f"company-{next(n)}"
        folder.mkdir()
        shutil.copy(template_db, folder / "company.sqlite")
        desk = Desk.open(url_for_path(folder / "company.sqlite"), data_dir=folder)
        opened.append(desk)
        return desk

    yield make
    for d in opened:
        d.close()


def test_listing_details_are_exported(desk, tmp_path):
    desk.imports.import_file(AMAZON_EN)
    path = tmp_path / "en.xlsx"
    desk.products.export(path)
    sheet = cells(path)["Listings"]
    assert sheet[0] == ["Marketplace", "Store", "Marketplace SKU", "SKU", "Item ID / ASIN", "Title",
                        "Price", "Currency", "Quantity", "Status", "Fulfilment", "Listing ID",
                        "Product ID", "Product ID type", "Open date", "Other details"]
    # the sample's rows (LAMP, MUG, TENT sorted by MSKU); listing-id, product-id, its type and
    # the open date come straight from the report
    assert [r[2:4] + r[11:] for r in sheet[1:]] == [
        ["LAMP-USB-WHT", "LAMP-USB-WHT", "0302Z7LMP02", "6971234567890", "4",
         "2024-03-14 19:33:18 PDT", None],
        ["MUG-350-BLU", "MUG-350-BLU", "0302Z7MUG01", "B0C1K2M3N4", "1",
         "2024-03-02 10:22:41 PST", None],
        ["TENT-4P-GRN", "TENT-4P-GRN", "0110Z7TNT03", "012345678905", "3",
         "2024-01-10 08:00:00 PST", None],
    ]
    assert cells(path)["Products"][0][-1] == "Notes"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_english_report_round_trip_is_lossless(new_desk, tmp_path, lang, monkeypatch):
    monkeypatch.setattr("seller_desk.services.products.EXPORT_PART", 2)  # parts of 2 rows
    def make():
        d = new_desk()
        if not getattr(make, "seeded", False):
            make.seeded = True  # type: ignore[attr-defined]
            assert d.imports.import_file(AMAZON_EN).written
            assert d.imports.import_file(SHOPEE, reader="shopee-order-listings").written
            # a note, and an unmapped listing (its product deleted): both must survive
            detail = d.products.get("MUG-350-BLU")
            d.products.save(detail.data, product_id=detail.id, notes="随货附说明书\nmanual inside")
            d.products.delete([d.products.get("TENT-4P-GRN").id])
        return d

    a, b, rows = round_trip(make, AMAZON_EN, tmp_path, lang)
    assert a == b
    assert rows["source"] == rows["copy"]
    listing_sheet = a["Listings" if lang == "en" else "listing"]
    assert len(listing_sheet) == 1 + 6  # header + 3 Amazon US + 3 Shopee PH
    tent = next(r for r in listing_sheet if r[2] == "TENT-4P-GRN" and r[1] == "Amazon US")
    assert tent[3] in (None, "")  # unmapped, and still unmapped after the trip
    stores = rows["copy"]["stores"]
    assert stores == [("amazon", "Amazon US", "US", "USD"), ("shopee", "Shopee PH", "PH", "PHP")]
    mug = next(li for li in rows["copy"]["listings"] if li[:2] == ("Amazon US", "MUG-350-BLU"))
    assert mug[10] == [("listing_id", "0302Z7MUG01"), ("open_date", "2024-03-02 10:22:41 PST"),
                       ("product_id", "B0C1K2M3N4"), ("product_id_type", "1")]
    products = {p[0]: p for p in rows["copy"]["products"]}
    assert "TENT-4P-GRN" not in products
    assert products["MUG-350-BLU"][-1] == "随货附说明书\nmanual inside"


def test_chinese_report_round_trip_is_lossless(new_desk, tmp_path):
    report = write_zh(tmp_path / "listings-zh.txt", "gb18030")

    def make():
        d = new_desk()
        if not getattr(make, "seeded", False):
            make.seeded = True  # type: ignore[attr-defined]
            assert d.imports.import_file(report).written
        return d

    a, b, rows = round_trip(make, report, tmp_path, "zh_CN")
    assert a == b
    assert rows["source"] == rows["copy"]
    # BST → Amazon UK; the lamp's product id is its EAN (type 4), the mug's its ASIN (type 1)
    assert rows["copy"]["stores"] == [("amazon", "Amazon UK", "UK", "GBP")]
    assert [(li[1], li[5], li[6], li[10]) for li in rows["copy"]["listings"]] == [
        ("LAMP-USB-WHT", Money.of("1249.00", "GBP").amount, "GBP",
         [("listing_id", "0415Z7LMP02"), ("open_date", "16/04/2020 09:01:02 BST"),
          ("product_id", "6971234567895"), ("product_id_type", "4")]),
        ("MUG-350-BLU", Money.of("12.99", "GBP").amount, "GBP",
         [("listing_id", "0415Z7MUG01"), ("open_date", "15/04/2020 15:15:46 BST"),
          ("product_id", "B0C1K2M3N4"), ("product_id_type", "1")]),
    ]
    assert a["listing"][0][11:] == ["Listing编号", "商品编码", "商品编码类型", "开售日期", "其他信息"]


def test_other_details_column_reads_back_and_rejects_bad_json(desk, tmp_path):
    desk.imports.import_file(SHOPEE, reader="shopee-order-listings")
    path = tmp_path / "x.xlsx"
    desk.products.export(path)
    rows = cells(path)["Listings"]
    details = {r[2]: r[15] for r in rows[1:]}
    assert details  # Shopee keeps the parent SKU in the listing's details
    assert all(v is None or v.startswith('{"parent_sku": ') for v in details.values())
    bad = tmp_path / "bad.csv"
    bad.write_text("Marketplace,Store,Marketplace SKU,Other details\r\n"
                   "shopee,Shopee PH,X-1,not json\r\n", "utf-8")
    result = desk.imports.import_file(bad)
    assert (result.written, result.rejected) == (False, 1)
    assert [(p["row"], p["column"], p["key"]) for p in result.to_json()["problems"]] == [
        (2, "Other details", "products.import.details_unreadable")]


def test_an_export_reads_the_catalogue_a_part_at_a_time(new_desk, tmp_path, monkeypatch):
    """The products and listings are read and written as the workbook is made: the peak
    of an export of 6,000 products is that of 1,000 (they were all held: 650 MB at 100k)."""
    import gc
    import tracemalloc

    from tests.services.test_products_import_digest import _products_csv

    monkeypatch.setattr("seller_desk.services.products.EXPORT_PART", 200, raising=False)
    monkeypatch.setattr("seller_desk.io.excel.WIDTH_ROWS", 100, raising=False)
    peaks = {}
    for n in (1000, 1000, 6000):
        desk = new_desk()
        assert desk.imports.import_file(_products_csv(tmp_path / f"p{n}.csv", n)).written
        gc.collect()
        tracemalloc.start()
        counts = desk.products.export(tmp_path / f"e{n}.xlsx")
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert counts["products"] == n
    assert peaks[6000] < peaks[1000] * 1.5, peaks
