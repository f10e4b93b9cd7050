"""A big products table or All Listings report re-imported (issue 12): a row whose cells'
stamp is the one stored with the product or listing it names is not read again (a SameRow,
counted unchanged), and everything else goes the way it always went. Each step is run twice,
in two company files: by ``import_file`` (rows skipped by their stamps) and with the stamps'
look-up switched off (every row read and compared); the reports and every table must match."""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from seller_desk.core.money import Money
from seller_desk.io.products_table import SameRow
from seller_desk.services.imports import StaleRead
from seller_desk.services.products import ProductsService
from tests.services.test_products_import_digest import (
    _digest,
    _listings_txt,
    _products_csv,
    _report,
)

N_PRODUCTS = 400
N_LISTINGS = 600


@pytest.fixture
def twin(tmp_path: Path, template_db: Path):
    """A second company, as ``desk`` is, whose imports read every row (no stamps looked up)."""
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    folder = tmp_path / "twin"
    folder.mkdir()
    shutil.copy(template_db, folder / "company.sqlite")
    other = Desk.open(url_for_path(folder / "company.sqlite"), data_dir=folder)
    other.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                         id_code="91110000600037341L", name_en="Test Trading Co., Ltd.")
    other.products.read_context = None  # type: ignore[method-assign]
    yield other
    other.close()


@pytest.fixture
def skipped(monkeypatch) -> list[int]:
    """The rows the imports counted unchanged by their stamps (checked in the transaction)."""
    rows: list[int] = []
    check = ProductsService._same_row

    def spy(s: Any, cache: Any, record: SameRow) -> None:
        rows.append(record.row)
        check(s, cache, record)

    monkeypatch.setattr(ProductsService, "_same_row", staticmethod(spy))
    return rows


def _edit_in_app(desk: Any) -> None:
    """What a user does between two imports: a product renamed, a listing's price changed,
    a product deleted (its listings then map to none)."""
    p = desk.products
    detail = p.get("SKU-0000003")
    p.save(replace(detail.data, name_en="Renamed in the app"), product_id=detail.id)
    listing = next(li for li in p.query_listings() if li.msku == "SKU-0000005")
    p.save_listing(replace(listing.data(), price=Money(Decimal("1.23"), "USD")),
                   listing_id=listing.id)
    p.delete([p.get("SKU-0000008").id])


@pytest.mark.parametrize("chunk", [None, 7], ids=["one-check", "checked-a-few-at-a-time"])
def test_skipped_rows_import_what_reading_every_row_imports(desk, twin, tmp_path, monkeypatch,
                                                            skipped, chunk):
    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)  # read as big files
    if chunk:  # the skipped rows checked 7 at a time, between chunks of rows read whole
        monkeypatch.setattr("seller_desk.services.products.CHUNK", chunk)
    p1 = _products_csv(tmp_path / "p1.csv", N_PRODUCTS)
    l1 = _listings_txt(tmp_path / "l1.txt", N_LISTINGS)
    l2 = _listings_txt(tmp_path / "l2.txt", N_LISTINGS, changed=True)
    p2 = _products_csv(tmp_path / "p2.csv", N_PRODUCTS, changed=True)
    steps: list[tuple[str, Path | None, str | None]] = [
        ("products", p1, "products-table"), ("listings", l1, None),
        ("products-again", p1, "products-table"), ("listings-again", l1, None),
        ("edit", None, None),
        ("listings-after-edit", l1, None), ("products-after-edit", p1, "products-table"),
        ("listings-changed", l2, None), ("listings-changed-again", l2, None),
        ("products-changed", p2, "products-table"), ("products-changed-again", p2, "products-table"),
    ]
    counted: dict[str, int] = {}
    for name, path, reader in steps:
        if path is None:
            _edit_in_app(desk)
            _edit_in_app(twin)
            continue
        skipped.clear()
        report = desk.imports.import_file(path, reader=reader)
        counted[name] = len(skipped)
        assert report.written, report.problems[:3]
        plain = twin.imports.import_file(path, reader=reader)
        assert _report(report) == _report(plain), name
        assert _digest(desk) == _digest(twin), name
        if name == "listings-after-edit":
            # the re-priced listing (SKU-0000005, row 7) and the listing of the deleted
            # product (SKU-0000008, row 10: it makes its product again) are read
            assert (report.updated, report.extra["products_created"]) == (2, 1)
            assert 7 not in skipped and 10 not in skipped
    assert counted["products"] == counted["listings"] == 0  # nothing stored yet
    assert counted["products-again"] == N_PRODUCTS
    assert counted["listings-again"] == N_LISTINGS
    # after the edits: the renamed product, the re-priced listing, the listing of the deleted
    # product are not skipped (their stored digest was spent by the edit)
    assert counted["listings-after-edit"] == N_LISTINGS - 2
    # the renamed SKU-0000003, and SKU-0000008 (made again by its listing, without a digest)
    assert counted["products-after-edit"] == N_PRODUCTS - 2
    # a changed row is read and compared (updated), the unchanged ones skipped
    changed = _report_of(desk, l2)
    assert 0 < counted["listings-changed"] < N_LISTINGS
    assert counted["listings-changed-again"] == changed
    assert counted["products-changed-again"] == N_PRODUCTS + 150


def _report_of(desk: Any, path: Path) -> int:
    """How many rows of ``path`` a read now finds unchanged by their stamps."""
    from seller_desk.io.readers import get

    with desk.products.read_context():
        result = get("amazon-all-listings").read(path)
    return sum(isinstance(r, SameRow) for r in result.records)


def test_a_changed_cell_is_read_and_updated(desk, tmp_path, monkeypatch, skipped):
    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    listings = _listings_txt(tmp_path / "l.txt", 300)
    desk.imports.import_file(listings)
    lines = listings.read_text(encoding="utf-8").split("\n")
    cells = lines[10].split("\t")
    cells[4] = "77.70"  # the price of row 11
    lines[10] = "\t".join(cells)
    cells = lines[20].split("\t")
    cells[7] = "http://example.com/i.jpg"  # a column the import does not read
    lines[20] = "\t".join(cells)
    listings.write_text("\n".join(lines), encoding="utf-8")
    skipped.clear()
    report = desk.imports.import_file(listings)
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 299)
    assert 11 not in skipped and 21 not in skipped and len(skipped) == 298
    listing = next(li for li in desk.products.query_listings() if li.msku == "SKU-0000009")
    assert listing.price == Money(Decimal("77.70"), "USD")
    products = _products_csv(tmp_path / "p.csv", 200)
    desk.imports.import_file(products, reader="products-table")
    text = products.read_text(encoding="utf-8").replace("Product 17,", "Product 17 b,")
    products.write_text(text, encoding="utf-8")
    skipped.clear()
    report = desk.imports.import_file(products, reader="products-table")
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 199)
    assert len(skipped) == 199 and 19 not in skipped
    assert desk.products.get("SKU-0000017").data.name_en == "Product 17 b"


def test_a_changed_hs_table_reads_every_product_row(desk, tmp_path, monkeypatch, skipped):
    from seller_desk.core.products import HsEntry

    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    products = _products_csv(tmp_path / "p.csv", 100)
    desk.imports.import_file(products, reader="products-table")
    desk.products.save_hs(HsEntry(code="3926909090", description="plastics",
                                  legal_unit1="035"))
    skipped.clear()
    report = desk.imports.import_file(products, reader="products-table")
    assert skipped == [] and report.unchanged == 100


def test_a_write_between_the_read_and_the_import_reads_the_file_again(desk, tmp_path,
                                                                      monkeypatch):
    from seller_desk.io.readers import get

    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    listings = _listings_txt(tmp_path / "l.txt", 200)
    desk.imports.import_file(listings)

    def retitle() -> None:
        listing = next(li for li in desk.products.query_listings() if li.msku == "SKU-0000004")
        desk.products.save_listing(replace(listing.data(), title="Edited meanwhile"),
                                   listing_id=listing.id)

    # read with the stamps, then the listing edited: the import refuses what it was told
    with desk.products.read_context():
        result = get("amazon-all-listings").read(listings)
    assert sum(isinstance(r, SameRow) for r in result.records) == 200
    retitle()
    with pytest.raises(StaleRead):
        desk.products.apply_import(result)
    # through import_file: read again whole, the edit undone by the file's row
    retitle()
    context = ProductsService.read_context

    def edit_after_reading(self: Any) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def wrapped() -> Any:
            with context(self):
                yield
            retitle()

        return wrapped()

    monkeypatch.setattr(ProductsService, "read_context", edit_after_reading)
    report = desk.imports.import_file(listings)
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 199)
    listing = next(li for li in desk.products.query_listings() if li.msku == "SKU-0000004")
    assert listing.title != "Edited meanwhile"


@pytest.mark.parametrize("edited", ["SKU-0000001", "SKU-0000023", "SKU-0000204"])
def test_every_skipped_row_is_checked_in_the_transaction(desk, tmp_path, monkeypatch, edited):
    """The rows found unchanged are checked a few at a time (here 10): one edited between
    the read and the import is caught wherever it is, the first, in the middle, the last
    (checked after the loop)."""
    from seller_desk.io.readers import get

    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 10)
    listings = _listings_txt(tmp_path / "l.txt", 205)
    desk.imports.import_file(listings)
    with desk.products.read_context():
        result = get("amazon-all-listings").read(listings)
    assert sum(isinstance(r, SameRow) for r in result.records) == 205
    listing = next(li for li in desk.products.query_listings(limit=300) if li.msku == edited)
    desk.products.save_listing(replace(listing.data(), title="Edited meanwhile"),
                               listing_id=listing.id)
    with pytest.raises(StaleRead):
        desk.products.apply_import(result)
    assert desk.products.listing(listing.id).title == "Edited meanwhile"


def test_a_listing_is_found_by_its_msku_as_python_lowers_it(desk, tmp_path, monkeypatch):
    """An MSKU with a character SQLite's ``lower()`` leaves as it is but Python lowers to
    ASCII (the Kelvin sign K, U+212A, lowers to "k") is the same listing as its ASCII
    spelling, as the stamps' look-up takes it: a file naming it so updates that listing
    (it used to add a second one, found only by keys not ASCII)."""
    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)

    def spelled(path: Path, msku: str, price: str) -> Path:
        lines = _listings_txt(path, 30).read_text(encoding="utf-8").split("\n")
        for k, line in enumerate(lines):
            cells = line.split("\t")
            if len(cells) > 4 and cells[3] == "SKU-0000012":
                # (no ASIN: not found by it either)
                cells[3], cells[4], cells[16], cells[22] = msku, price, "", ""
                lines[k] = "\t".join(cells)
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    desk.imports.import_file(spelled(tmp_path / "a.txt", "SKU-0000012-\u212a", "10.00"))
    second = spelled(tmp_path / "b.txt", "SKU-0000012-K", "12.00")
    report = desk.imports.import_file(second)
    assert report.written and (report.imported, report.updated) == (0, 1), report.problems[:3]
    found = [li for li in desk.products.query_listings() if li.msku.lower() == "sku-0000012-k"]
    assert len(desk.products.query_listings()) == 30
    assert [li.price.amount for li in found] == [Decimal("12.00")]


def test_a_stamp_is_the_digest_of_its_context_and_cells():
    import hashlib

    from seller_desk.io.products_table import row_stamp, stamper

    cells = ["Mug", "", "SKU-1", "12.50", "测试"]
    whole = hashlib.blake2b("ctx\x1eMug\x1f\x1fSKU-1\x1f12.50\x1f测试".encode(),
                            digest_size=16).hexdigest()
    stamp = stamper("ctx")
    assert stamp(cells) == row_stamp("ctx", cells) == whole
    assert stamp(cells) == whole  # the context's hash is not used up by a row
    assert stamp(["Mug", "", "SKU-1", "12.5", "测试"]) != whole
    assert stamp(["Mug", "", "SKU-1", "12.50", "测试", ""]) != whole  # one more cell
    assert stamper("ctx2")(cells) != whole


def test_a_stamped_digest_is_its_material_hashed() -> None:
    """The quick stamped digest (its text up to the stamp hashed once per HS table) is the
    digest of its material, so digests stored before it still match."""
    import hashlib

    from seller_desk.services import products as p

    hs_prints = [p._hs_print([]), "", "x'y\\z"]
    stamps = [hashlib.blake2b(str(k).encode(), digest_size=16).hexdigest() for k in range(50)]
    stamps += ["", "a'b", "a\\b", "é中文", "a\x00b", "tab\there", "AZaz09"]
    for hs in hs_prints:
        for stamp in stamps:
            assert p._stamped_digest(stamp, hs) == p._digest((p._DIGEST_TAG, "stamp", hs, stamp))



def test_a_row_repeating_a_skipped_rows_sku_is_named_with_it(desk, tmp_path, monkeypatch):
    """A re-import whose rows are found unchanged by their stamps still names a later row
    with one of their SKUs (in another case) as a duplicate of it, with both rows, and
    writes nothing."""
    from seller_desk.messages import describe

    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    path = _products_csv(tmp_path / "p.csv", 40)
    desk.imports.import_file(path, reader="products-table")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[4].replace("SKU-0000003", "sku-0000003").replace("Product 3", "Again"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = desk.imports.import_file(path, reader="products-table")
    assert not report.written
    dup = [p for p in report.problems if p.key == "products.import.duplicate_sku"]
    assert [p.source.row for p in dup] == [42]
    assert '"sku-0000003"' in describe(dup[0]) and "(rows 5, 42)" in describe(dup[0])
