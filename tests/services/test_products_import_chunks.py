"""The products imports look their stored rows up chunk by chunk and keep an import digest per
product and listing (issue 12): small chunks write exactly what one chunk writes, an unchanged
re-import compares digests only, and anything that changes a row outside an import (an edit,
the HS table) makes the next import compare it column by column, as before the digest."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from seller_desk.core.products import HsEntry
from tests.services.test_products_import_digest import (
    EXPECTED,
    _digest,
    _listings_txt,
    _products_csv,
    _steps,
)


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_small_chunks_write_what_one_chunk_writes(desk, tmp_path, monkeypatch, streamed):
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 170)
    if streamed:
        monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    assert _steps(desk, tmp_path) == EXPECTED


def _counts(report: Any) -> tuple[int, int, int]:
    assert report.written, report.problems[:3]
    return report.imported, report.updated, report.unchanged


def _stamps(desk: Any, table: str) -> list[tuple[Any, ...]]:
    with desk.read() as s:
        return list(s.execute(text(f"SELECT id, updated_at, version FROM {table} ORDER BY id")))


def test_rows_without_a_digest_are_compared_and_get_one(desk, tmp_path):
    products = _products_csv(tmp_path / "p.csv", 200)
    listings = _listings_txt(tmp_path / "l.txt", 300)
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (200, 0, 0)
    assert _counts(desk.imports.import_file(listings)) == (300, 0, 0)
    with desk.write() as s:  # as a file written before the digest holds them
        s.execute(text("UPDATE products SET import_digest = NULL"))
        s.execute(text("UPDATE listings SET import_digest = NULL"))
    before = _digest(desk)
    stamps = _stamps(desk, "products"), _stamps(desk, "listings")
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (0, 0, 200)
    assert _counts(desk.imports.import_file(listings)) == (0, 0, 300)
    assert _digest(desk) == before  # nothing but the digests written, no outbox row
    assert (_stamps(desk, "products"), _stamps(desk, "listings")) == stamps
    with desk.read() as s:
        assert s.execute(text("SELECT count(*) FROM products WHERE import_digest IS NULL "
                              "AND sku LIKE 'SKU-%' AND name_zh != ''")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM listings WHERE import_digest IS NULL"
                              )).scalar() == 0


def test_an_edit_between_imports_is_undone_by_the_next_import(desk, tmp_path):
    products = _products_csv(tmp_path / "p.csv", 50)
    listings = _listings_txt(tmp_path / "l.txt", 60)
    desk.imports.import_file(products, reader="products-table")
    desk.imports.import_file(listings)
    product = desk.products.get("SKU-0000007")
    desk.products.save(dataclasses.replace(product.data, name_en="Edited by hand"),
                       product_id=product.id)
    listing = desk.products.query_listings()[3]
    price = listing.data().price
    assert price is not None
    desk.products.save_listing(dataclasses.replace(
        listing.data(), price=type(price).of("1.23", price.currency)), listing_id=listing.id)
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (0, 1, 49)
    assert _counts(desk.imports.import_file(listings)) == (0, 1, 59)
    assert desk.products.get("SKU-0000007").data.name_en == "Product 7"
    assert desk.products.listing(listing.id).price == price
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (0, 0, 50)
    assert _counts(desk.imports.import_file(listings)) == (0, 0, 60)


def test_a_changed_hs_table_checks_unchanged_rows_again(desk, tmp_path):
    products = _products_csv(tmp_path / "p.csv", 40)
    lines = products.read_text(encoding="utf-8").split("\n")
    unit = lines[0].split(",").index("Legal unit 1")
    for k in range(1, len(lines)):
        cells = lines[k].split(",")
        if len(cells) > unit:
            cells[unit] = "011"
            lines[k] = ",".join(cells)
    products.write_text("\n".join(lines), encoding="utf-8")
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (40, 0, 0)
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (0, 0, 40)
    desk.products.save_hs(HsEntry(code="9503008900", description="toys", legal_unit1="011"))
    assert _counts(desk.imports.import_file(products, reader="products-table")) == (0, 0, 40)
    desk.products.save_hs(HsEntry(code="3926909090", description="plastics", legal_unit1="035"))
    report = desk.imports.import_file(products, reader="products-table")  # now contradicted
    assert not report.written
    assert {p.key for p in report.problems if p.is_error} == {"products.legal_unit_mismatch"}
    assert {p.source.row for p in report.problems if p.is_error} == set(range(2, 42, 4))


def test_skus_and_mskus_beyond_ascii_are_matched_without_case(desk, tmp_path, monkeypatch):
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 3)
    rows = ["SKU,Chinese name,English name", "Äpfel-1,苹果,Apple", "ÉCLAIR-2,闪电,Eclair",
            "plain-3,普通,Plain"]
    first = tmp_path / "a.csv"
    first.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert _counts(desk.imports.import_file(first, reader="products-table")) == (3, 0, 0)
    again = tmp_path / "b.csv"
    again.write_text("\n".join([rows[0], "äpfel-1,苹果,Apples", "éclair-2,闪电,Eclair",
                                "PLAIN-3,普通,Plain"]) + "\n", encoding="utf-8")
    assert _counts(desk.imports.import_file(again, reader="products-table")) == (0, 1, 2)
    assert desk.products.get("Äpfel-1").data.name_en == "Apples"
    assert desk.products.count_products() == 3


@pytest.mark.parametrize("path_name", ["l.txt"])
def test_listings_with_mskus_beyond_ascii(desk, tmp_path: Path, path_name, monkeypatch):
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 2)
    path = _listings_txt(tmp_path / path_name, 5)
    lines = path.read_text(encoding="utf-8").split("\n")
    for k in (1, 3):
        cells = lines[k].split("\t")
        cells[3] = f"Ölkanne-{k}"
        lines[k] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert _counts(desk.imports.import_file(path)) == (5, 0, 0)
    lower = tmp_path / "lower.txt"
    lower.write_text(path.read_text(encoding="utf-8").replace("Ölkanne", "ölkanne"),
                     encoding="utf-8")
    report = desk.imports.import_file(lower)
    assert _counts(report) == (0, 2, 3)
    assert report.extra["products_created"] == 0
    assert desk.products.count_listings() == 5
