from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from seller_desk.core.money import Money
from seller_desk.core.problems import ProblemError
from seller_desk.core.products import HsEntry, ListEntry, ProductData
from seller_desk.services.products import ProductQuery
from seller_desk.store.models import OutboxItem, Product

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
AMAZON = SHARED / "samples" / "amazon-all-listings-en.txt"
SHOPEE = SHARED / "samples" / "shopee-order-all-ph.xlsx"


def _listings(desk):
    return [(r.store, r.msku, r.sku, r.external_id, r.price, r.quantity, r.status, r.fulfilment)
            for r in desk.products.query_listings(ProductQuery(sort="msku"))]


def test_amazon_sample_import_and_reimport(desk):
    report = desk.imports.import_file(AMAZON)
    assert (report.reader, report.imported, report.updated, report.unchanged, report.rejected,
            report.written) == ("amazon-all-listings", 3, 0, 0, 0, True)
    assert report.extra["products_created"] == 3
    assert _listings(desk) == [
        ("Amazon US", "LAMP-USB-WHT", "LAMP-USB-WHT", "B0C5T6Y7U8", Money.of("29.99", "USD"), 12, "active", "merchant"),
        ("Amazon US", "MUG-350-BLU", "MUG-350-BLU", "B0C1K2M3N4", Money.of("39.99", "USD"), None, "active", "fba"),
        ("Amazon US", "TENT-4P-GRN", "TENT-4P-GRN", "B09Q8W7E6R", None, 0, "inactive", "merchant"),
    ]
    assert desk.products.product_data("MUG-350-BLU").name_en == "Stainless Steel Travel Mug, 12 oz, Blue"
    outbox = 0
    with desk.read() as s:
        outbox = s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.entity.in_(["product", "listing"])))
    assert outbox == 6
    again = desk.imports.import_file(AMAZON)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert again.extra["products_created"] == 0
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.entity.in_(["product", "listing"]))) == 6  # nothing new to sync


def test_shopee_listings_map_to_the_same_products(desk):
    desk.imports.import_file(AMAZON)
    report = desk.imports.import_file(SHOPEE, reader="shopee-order-listings")
    assert (report.imported, report.unchanged, report.extra["products_created"]) == (3, 0, 0)
    shopee = [r for r in _listings(desk) if r[0] == "Shopee PH"]
    assert [(r[1], r[2], r[4]) for r in shopee] == [
        ("LAMP-USB-WHT", "LAMP-USB-WHT", Money.of("319", "PHP")),
        ("MUG-350-BLU", "MUG-350-BLU", Money.of("699", "PHP")),
        ("TENT-4P-GRN", "TENT-4P-GRN", Money.of("4599", "PHP")),
    ]
    mug = desk.products.get("MUG-350-BLU")
    assert sorted(li.store for li in mug.listings) == ["Amazon US", "Shopee PH"]
    assert desk.products.count_products(ProductQuery(platform="shopee")) == 3
    assert desk.products.count_products(ProductQuery(status="inactive")) == 1


def _bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "products.csv"
    path.write_text(
        "SKU,Chinese name,HS code,Unit cost,Cost currency\r\n"
        "CUP-1,杯子,9617001900,12.50,CNY\r\n"
        "CUP-2,杯子二,96170019,8,CNY\r\n"
        "CUP-3,杯子三,9617001900,abc,CNY\r\n", "utf-8")
    return path


def test_bad_rows_write_nothing(desk, tmp_path):
    report = desk.imports.import_file(_bad_csv(tmp_path))
    assert (report.written, report.rejected, report.imported) == (False, 2, 0)
    assert [(p["row"], p["column"], p["value"], p["key"]) for p in report.to_json()["problems"]] == [
        (3, "HS code", "96170019", "products.hs.format"),
        (4, "Unit cost", "abc", "money.not_a_number"),
    ]
    assert desk.products.count_products() == 0


def test_skip_bad_rows_writes_the_good_ones_and_an_excel_of_the_rest(desk, tmp_path):
    report = desk.imports.import_file(_bad_csv(tmp_path), skip_bad_rows=True)
    assert (report.written, report.imported, report.rejected) == (True, 1, 2)
    assert desk.products.product_data("CUP-1").unit_cost == Money.of("12.50", "CNY")
    ws = load_workbook(report.rejected_file).active
    assert [[c.value for c in row][:5] for row in ws.iter_rows(min_row=2)] == [
        ["CUP-2", "杯子二", "96170019", "8", "CNY"],
        ["CUP-3", "杯子三", "9617001900", "abc", "CNY"],
    ]
    assert ws["F1"].value == "Problems"
    assert ws["F2"].value == '[HS code] The HS code "96170019" must be exactly 10 digits.'


def test_dry_run_counts_but_writes_nothing(desk):
    report = desk.imports.import_file(AMAZON, dry_run=True)
    assert (report.imported, report.written, report.extra.get("dry_run")) == (3, False, True)
    assert desk.products.count_listings() == 0 and desk.products.count_products() == 0


def test_round_trip_of_the_demo_company_is_lossless(demo_desk, desk, tmp_path):
    first = tmp_path / "first.xlsx"
    counts = demo_desk.products.export(first)
    # other areas' demo parts may add HS codes (tax adds its own): at least ours
    # other areas' demo parts may add products (stock) and HS codes (tax): at least ours
    assert (counts["listings"], counts["negative_lists"]) == (38, 7)
    assert counts["products"] == demo_desk.products.count_products() >= 30
    assert counts["hs_codes"] >= 29
    total = sum(counts.values())
    # into an empty company: everything is imported
    report = desk.imports.import_file(first)
    assert (report.imported, report.rejected, report.written) == (total, 0, True)
    assert report.extra["products_created"] == 0
    second = tmp_path / "second.xlsx"
    desk.products.export(second)
    a, b = load_workbook(first), load_workbook(second)
    assert a.sheetnames == b.sheetnames == ["Products", "Listings", "HS codes", "Negative lists"]
    for name in a.sheetnames:
        assert [[c.value for c in r] for r in a[name].iter_rows()] == \
               [[c.value for c in r] for r in b[name].iter_rows()]
    # and back into the demo company: nothing changes
    again = demo_desk.imports.import_file(second)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, total)
    assert demo_desk.products.product_data("MUG-350-BLU") == desk.products.product_data("MUG-350-BLU")


def test_chinese_export_reimports(demo_desk, tmp_path):
    path = tmp_path / "zh.xlsx"
    demo_desk.products.export(path, lang="zh_CN")
    assert load_workbook(path).sheetnames == ["商品", "listing", "HS编码表", "负面清单"]
    report = demo_desk.imports.import_file(path)
    assert (report.imported, report.updated) == (0, 0)
    assert report.unchanged == demo_desk.products.count_products() + 38 + len(
        demo_desk.products.hs_entries()) + 7


def test_save_validates_against_the_store(desk):
    desk.products.save_hs(HsEntry("9617001900", "保温容器", "007", "035", Decimal("0.13")))
    mug = ProductData(sku="MUG-1", name_zh="保温杯", hs_code="9617.00.1900", declared_name="保温杯",
                      legal_unit1="007", origin_country="CN", unit_cost=Money.of("18.5", "CNY"),
                      net_weight_kg=Decimal("0.3"))
    detail = desk.products.save(mug)
    assert (detail.data.hs_code, detail.data.origin_country, detail.version) == ("9617001900", "CHN", 1)
    with pytest.raises(ProblemError) as err:
        desk.products.save(ProductData(sku="mug-1", name_zh="另一个"))
    assert [p.key for p in err.value.problems] == ["products.sku.taken"]
    with pytest.raises(ProblemError) as err:
        desk.products.save(ProductData(sku="MUG-2", name_zh="杯", hs_code="9617001900",
                                       legal_unit1="035"))
    assert [(p.key, p.params["tariff_unit"]) for p in err.value.problems] == [
        ("products.legal_unit_mismatch", "007")]
    warnings = desk.products.validate(ProductData(sku="X", name_zh="x", hs_code="8516799000"))
    assert [(p.key, p.severity) for p in warnings] == [
        ("products.declared_name_missing", "warning"), ("products.hs.not_in_table", "warning")]
    updated = desk.products.save(mug.__class__(**{**mug.__dict__, "brand": "Lanbei"}),
                                 product_id=detail.id, expected_version=1)
    assert updated.version == 2
    with pytest.raises(ProblemError) as err:
        desk.products.save(mug, product_id=detail.id, expected_version=1)
    assert [p.key for p in err.value.problems] == ["products.stale"]


def test_bulk_edit_is_all_or_nothing(demo_desk):
    rows = demo_desk.products.query_products(ProductQuery(text="MUG-350"))
    ids = [r.id for r in rows]
    assert [r.sku for r in rows] == ["MUG-350-BLU", "MUG-350-GRN"]
    with pytest.raises(ProblemError) as err:
        demo_desk.products.bulk_edit(ids, hs_code="7700000000")
    assert [(p.key, p.source.entity_id) for p in err.value.problems] == [
        ("products.hs.chapter_reserved", "MUG-350-BLU"), ("products.hs.chapter_reserved", "MUG-350-GRN")]
    assert demo_desk.products.product_data("MUG-350-BLU").hs_code == "9617001900"
    changes = demo_desk.products.bulk_edit(ids, hs_code="7323930000", legal_unit1="", legal_unit2="")
    assert changes.ids["product"] == frozenset(str(i) for i in ids)
    assert {demo_desk.products.product_data(i).hs_code for i in ids} == {"7323930000"}


def test_bulk_edit_listings_price_and_status(demo_desk):
    rows = demo_desk.products.query_listings(ProductQuery(store="Amazon DE", sort="msku"))
    ids = [r.id for r in rows[:2]]
    demo_desk.products.bulk_edit_listings(ids, price=Decimal("19.90"), status="inactive")
    after = {r.id: r for r in demo_desk.products.query_listings(ProductQuery(store="Amazon DE"))}
    assert [(after[i].price, after[i].status) for i in ids] == [
        (Money.of("19.90", "EUR"), "inactive")] * 2


def test_negative_lists_and_the_seam_for_other_areas(demo_desk):
    assert [r.sku for r in demo_desk.products.query_products(ProductQuery(hit="prohibited-mail"))] == [
        "FWK-SPK-10", "PB-10K"]
    demo_desk.products.save_list_entry(ListEntry("prohibited-mail", "Magnets disturb aircraft", keyword="磁铁"))
    demo_desk.products.bulk_edit([demo_desk.products.get("TOY-BLK-120").id], spec="120粒|ABS塑料|含磁铁")
    assert [r.sku for r in demo_desk.products.query_products(ProductQuery(hit="prohibited-mail"))] == [
        "FWK-SPK-10", "PB-10K", "TOY-BLK-120"]
    hits = demo_desk.products.check_lists(hs_code="8507600090", texts={"title": "Power bank"},
                                          kinds=["prohibited-mail"])
    assert [(h.entry.kind, h.matched_on, h.entry.hs_prefix) for h in hits] == [
        ("prohibited-mail", "hs", "8507")]
    hits = demo_desk.products.check_lists(hs_code="8806221000")
    assert [(h.entry.kind, h.entry.reason) for h in hits][-1] == ("licence-required", "HS table")
    detail = demo_desk.products.get("DRN-MINI-4K")
    assert {h.entry.kind for h in detail.hits} == {"licence-required"}


def test_keyset_pages_equal_one_sorted_query(demo_desk):
    q = ProductQuery(sort="unit_cost", descending=True)
    full = demo_desk.products.query_products(q, limit=1000)
    pages, after = [], None
    while True:
        page = demo_desk.products.query_products(q, after=after, limit=7)
        if not page:
            break
        pages += page
        after = page[-1].sort_key
    assert [r.id for r in pages] == [r.id for r in full]
    assert len(full) == demo_desk.products.count_products() >= 30
    costs = [r.unit_cost.amount if r.unit_cost else Decimal(-1) for r in full]
    assert costs == sorted(costs, reverse=True)
    assert full[0].sku == "DRN-MINI-4K" and full[0].unit_cost == Money.of("320.00", "CNY")


def test_delete_unmaps_listings(demo_desk):
    pid = demo_desk.products.get("CHG-20W").id
    demo_desk.products.delete([pid])
    with demo_desk.read() as s:
        assert s.scalar(select(func.count()).select_from(Product).where(Product.sku == "CHG-20W")) == 0
    orphan = [r for r in demo_desk.products.query_listings(ProductQuery(text="CHG-20W"))]
    assert sorted((r.store, r.sku, r.product_id) for r in orphan) == [
        ("Amazon DE", "", None), ("Amazon US", "", None)]


def test_presets(desk):
    desk.products.save_preset("ERP 货号表", "products", {"sku": "货号", "name_zh": "品名"})
    assert desk.products.presets("products") == [("ERP 货号表", "products", {"sku": "货号", "name_zh": "品名"})]
    with pytest.raises(ProblemError) as err:
        desk.products.save_preset("bad", "products", {"name_zh": "品名"})
    assert [p.key for p in err.value.problems] == ["products.import.mapping_required"]


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _pdf(text: str) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


def test_attach_images_and_documents(demo_desk, tmp_path):
    """Product files go to the document vault: kind from the content, one copy per content,
    stored under the hash; what is not a document is refused with the reason."""
    import hashlib

    pid = demo_desk.products.get("MUG-350-BLU").id
    photo = tmp_path / "mug.jpg"  # a PNG under a .jpg name: the content decides
    photo.write_bytes(_png())
    sheet = tmp_path / "MSDS.pdf"
    sheet.write_bytes(_pdf("MSDS MUG-350-BLU"))
    demo_desk.products.attach_file(pid, photo)
    demo_desk.products.attach_file(pid, photo)  # same content again: kept once
    demo_desk.products.attach_file(pid, sheet)
    files = demo_desk.products.files(pid)
    assert [(k, n) for k, n, _ in files] == [("image", "mug.jpg"), ("document", "MSDS.pdf")]
    sha = hashlib.sha256(sheet.read_bytes()).hexdigest()
    assert files[1][2] == demo_desk.documents_dir / sha[:2] / f"{sha}.pdf"
    assert files[1][2].read_bytes() == sheet.read_bytes()
    assert [d.sha256 for d in demo_desk.filing.documents("product", pid)][1] == sha
    with pytest.raises(ProblemError) as err:
        demo_desk.products.attach_file(pid, tmp_path / "missing.png")
    assert [p.key for p in err.value.problems] == ["document.unreadable"]
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4")  # truncated: no %%EOF
    with pytest.raises(ProblemError) as err:
        demo_desk.products.attach_file(pid, fake)
    assert [p.key for p in err.value.problems] == ["document.truncated_pdf"]
    with pytest.raises(ProblemError) as err:
        demo_desk.products.attach_file(999999, sheet)
    assert [p.key for p in err.value.problems] == ["products.not_found"]


def test_recompute_hits_for_products_written_elsewhere(demo_desk):
    with demo_desk.write() as s:
        s.add(Product(sku="LGT-01", name_zh="防风打火机", name_en="Windproof lighter"))
    q = ProductQuery(hit="prohibited-mail")
    assert "LGT-01" not in [r.sku for r in demo_desk.products.query_products(q)]
    demo_desk.products.recompute_hits()
    assert "LGT-01" in [r.sku for r in demo_desk.products.query_products(q)]


def test_search_finds_a_product_by_any_of_its_fields_or_its_listings_in_any_ascii_case(demo_desk):
    """The Products search: the text anywhere in a product's SKU, names, HS code, declared
    name, brand or barcode, or in one of its listings' MSKU or platform id, ASCII case folded."""
    P = demo_desk.products
    detail = P.get("CHG-20W")
    listing = detail.listings[0]
    assert listing.external_id and listing.msku
    for text in (listing.external_id.lower(), listing.external_id[2:].upper(),
                 listing.msku.swapcase(), detail.data.hs_code[:6]):
        rows = P.query_products(ProductQuery(text=text))
        assert detail.id in {r.id for r in rows}, text
        assert P.count_products(ProductQuery(text=text)) == len(rows)
    assert P.query_products(ProductQuery(text="no such text anywhere")) == []
    hs_hits = P.query_products(ProductQuery(text=detail.data.hs_code))
    assert {r.hs_code for r in hs_hits} == {detail.data.hs_code}
    listings = P.query_listings(ProductQuery(text=listing.external_id.lower()))
    assert [r.id for r in listings] == [listing.id]
