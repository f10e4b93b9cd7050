"""The products migration on a file from the first release, and its constraints."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from seller_desk.core.products import ListingData
from seller_desk.desk import Desk
from seller_desk.store.db import url_for_path
from seller_desk.store.models import Product
from seller_desk.store.models.products import Listing, Store
from tests.store.old_revision import file_at_revision

OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"


def test_old_file_gets_the_products_tables_and_keeps_its_product(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD_RELEASE, path)
    desk = Desk.open(url_for_path(path), data_dir=tmp_path)
    try:
        with desk.read() as s:
            tables = set(inspect(s.connection()).get_table_names())
        assert {"stores", "listings", "negative_list_entries", "product_list_hits",
                "import_presets", "documents", "document_links"} <= tables
        assert "product_files" not in tables  # products_0003: product files are in the vault
        assert [r.sku for r in desk.products.query_products()] == ["OLD-SKU-1"]
        listing = desk.products.save_listing(ListingData(
            platform="amazon", store="Amazon US", msku="OLD-1-US", sku="OLD-SKU-1"))
        assert (listing.sku, listing.store) == ("OLD-SKU-1", "Amazon US")
    finally:
        desk.close()


def test_one_msku_per_store_and_listing_price_exact(desk):
    with pytest.raises(IntegrityError), desk.write() as s:
        store = Store(platform="amazon", name="Amazon US")
        s.add(store)
        s.flush()
        s.add_all([Listing(store_id=store.id, msku="A", title=""),
                   Listing(store_id=store.id, msku="A", title="")])
    with desk.write() as s:
        store = Store(platform="shopee", name="Shopee PH", currency="PHP")
        s.add(store)
        s.flush()
        s.add(Listing(store_id=store.id, msku="A", title="", price_amount=Decimal("0.1"),
                      price_currency="PHP"))
        s.add(Listing(store_id=store.id, msku="B", title="", price_amount=Decimal("0.2"),
                      price_currency="PHP"))
    from sqlalchemy import func

    with desk.read() as s:
        assert s.scalar(select(func.sum(Listing.price_amount))) == Decimal("0.3000")
        assert s.scalar(select(func.count()).select_from(Product)) == 0


@pytest.mark.skipif("SELLER_DESK_TEST_PG_URL" in __import__("os").environ,
                    reason="the checked-in file is SQLite")
def test_product_files_move_into_the_document_vault(tmp_path):
    """products_0003: each product_files row becomes a vault document of its product (the
    file copied to its hash name, the original kept), equal content kept once, a file already
    gone still listed and flagged missing; the old table is dropped."""
    import hashlib
    import io

    from alembic import command
    from PIL import Image
    from reportlab.pdfgen import canvas
    from sqlalchemy import text

    from seller_desk.store.db import alembic_config, make_engine

    path = tmp_path / "old.sqlite"
    shutil.copy(OLD_RELEASE, path)
    engine = make_engine(url_for_path(path))
    with engine.begin() as con:  # the file as the products and filing areas first shipped it
        command.upgrade(alembic_config(con), "products_0001")
    with engine.begin() as con:
        command.upgrade(alembic_config(con), "filing_0001")
    buf = io.BytesIO()
    Image.new("RGB", (6, 4), (10, 120, 200)).save(buf, "PNG")
    png = buf.getvalue()
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Spec OLD-SKU-1")
    c.save()
    pdf = buf.getvalue()
    docs = tmp_path / "old-documents"
    with engine.begin() as con:
        pid, puuid = con.execute(text("select id, uuid from products where sku = 'OLD-SKU-1'")).one()
        folder = docs / "products" / puuid
        folder.mkdir(parents=True)
        (folder / "photo.png").write_bytes(png)
        (folder / "photo (2).png").write_bytes(png)
        (folder / "spec.pdf").write_bytes(pdf)
        for name in ("photo.png", "photo (2).png", "spec.pdf", "gone.jpg"):
            con.execute(text(
                "insert into product_files (product_id, kind, name, path, added_at) "
                "values (:p, :k, :n, :path, '2025-01-02 03:04:05')"),
                {"p": pid, "k": "document" if name.endswith("pdf") else "image", "n": name,
                 "path": f"products/{puuid}/{name}"})
    engine.dispose()

    desk = Desk.open(url_for_path(path))
    try:
        assert desk.documents_dir == docs
        with desk.read() as s:
            assert "product_files" not in set(inspect(s.connection()).get_table_names())
        found = desk.filing.documents("product", pid)
        assert [(d.original_name, d.type, d.size) for d in found] == [
            ("photo.png", "png", len(png)), ("spec.pdf", "pdf", len(pdf)), ("gone.jpg", "jpeg", 0)]
        png_sha, pdf_sha = hashlib.sha256(png).hexdigest(), hashlib.sha256(pdf).hexdigest()
        assert [d.sha256 for d in found[:2]] == [png_sha, pdf_sha]
        assert (docs / png_sha[:2] / f"{png_sha}.png").read_bytes() == png
        assert (docs / pdf_sha[:2] / f"{pdf_sha}.pdf").read_bytes() == pdf
        assert (folder / "photo.png").read_bytes() == png  # the originals are kept
        assert [(k, n) for k, n, _ in desk.products.files(pid)] == [
            ("image", "photo.png"), ("document", "spec.pdf"), ("image", "gone.jpg")]
        assert [(i.name, i.state) for i in desk.filing.verify_documents()] == [
            ("gone.jpg", "missing")]
    finally:
        desk.close()


def test_a_big_listings_report_imports_and_reimports_on_every_database(store_url, tmp_path,
                                                                       monkeypatch):
    """An All Listings report read as a big file (streamed, its rows stamped), imported, then
    again unchanged (every row found by its stamp, checked a few at a time by key), then
    with rows changed: on SQLite and on PostgreSQL, the same counts and stored listings."""
    from tests.services.test_products_import_digest import _listings_txt

    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    monkeypatch.setattr("seller_desk.services.products.CHUNK", 40)
    monkeypatch.setattr("seller_desk.store.bulk.LOOKUP_KEYS", 30)
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        report = desk.imports.import_file(_listings_txt(tmp_path / "l1.txt", 300))
        assert (report.imported, report.updated, report.unchanged) == (300, 0, 0)
        again = desk.imports.import_file(tmp_path / "l1.txt")
        assert (again.imported, again.updated, again.unchanged) == (0, 0, 300)
        changed = desk.imports.import_file(_listings_txt(tmp_path / "l2.txt", 300, changed=True))
        assert changed.written and changed.imported == 120 and 0 < changed.updated < 300
        listings = desk.products.query_listings(limit=1000)
        assert len(listings) == 420
        assert {li.msku for li in listings if li.price and li.price.amount == Decimal("12.34")}
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Listing).where(
                Listing.import_digest.is_(None))) == 0
    finally:
        desk.close()


def test_keys_without_case_match_as_imports_match_them(store_url, tmp_path):
    """A SKU, an MSKU, a store name and a negative-list keyword typed in another case are
    the stored one, by Python's lowering (as imports key them), on every database: SQLite's
    lower() folds ASCII letters only, so ``ÄPFEL-1`` and ``äpfel-1`` were two keys when
    saved by hand and one when imported. A key without cased letters beyond ASCII stays one
    indexed look-up (the scan of the other keys is not made)."""
    from seller_desk.core.problems import ProblemError
    from seller_desk.core.products import ListEntry, ProductData
    from seller_desk.io.products_table import ListEntryRow, ProductRow
    from seller_desk.io.readers import ReadResult
    from seller_desk.store.models.products import NegativeListEntry

    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        apfel = desk.products.save(ProductData(sku="ÄPFEL-1", name_zh="苹果"))
        honey = desk.products.save(ProductData(sku="МЁД-2", name_zh="蜂蜜"))
        desk.products.save(ProductData(sku="mug-3", name_zh="杯子"))
        for taken in ("äpfel-1", "Äpfel-1", "мёд-2", "MUG-3"):
            with pytest.raises(ProblemError) as refused:
                desk.products.save(ProductData(sku=taken, name_zh="重复"))
            assert [p.key for p in refused.value.problems] == ["products.sku.taken"]
        # the product a listing names by its SKU in another case
        listing = desk.products.save_listing(ListingData(
            platform="amazon", store="Amazon DE Ölshop", msku="ÖL-9", sku="äpfel-1"))
        assert listing.sku == "ÄPFEL-1"
        other = desk.products.save_listing(ListingData(
            platform="amazon", store="Amazon DE Ölshop", msku="T-1", sku="мЁд-2"))
        assert other.sku == "МЁД-2"
        with pytest.raises(ProblemError) as refused:  # the MSKU in another case, same store
            desk.products.save_listing(ListingData(
                platform="amazon", store="Amazon DE Ölshop", msku="öl-9", sku="mug-3"))
        assert [p.key for p in refused.value.problems] == ["products.msku_taken"]
        # the store named in another case (how the orders area finds a listing's product)
        found = desk.products.product_for_msku("AMAZON DE ÖLSHOP", "ÖL-9")
        assert found is not None and (found.id, found.sku) == (apfel.id, "ÄPFEL-1")
        assert honey.id != apfel.id
        # an imported list entry whose keyword differs only in case: the stored one
        for keyword in ("ÖLFARBE", "ölfarbe"):
            desk.products.apply_import(ReadResult(
                reader="products-table", area="products", records=[ListEntryRow(
                    2, ListEntry(kind="prohibited-mail", hs_prefix="", keyword=keyword,
                                 reason="test"))]))
        with desk.read() as s:
            assert s.scalars(select(NegativeListEntry.keyword)).all() == ["ÖLFARBE"]
        # and an imported product row names the stored products in another case
        report = desk.products.apply_import(ReadResult(
            reader="products-table", area="products", records=[
                ProductRow(2, ProductData(sku="äpfel-1", name_zh="青苹果"),
                           frozenset({"sku", "name_zh"})),
                ProductRow(3, ProductData(sku="мёд-2", name_zh="椴树蜜"),
                           frozenset({"sku", "name_zh"}))]))
        assert (report.imported, report.updated) == (0, 2)
        with desk.read() as s:
            assert sorted(s.execute(select(Product.sku, Product.name_zh))) == [
                ("mug-3", "杯子"), ("ÄPFEL-1", "青苹果"), ("МЁД-2", "椴树蜜")]
    finally:
        desk.close()


def test_a_plain_key_is_looked_up_by_the_index_alone(desk):
    """An ASCII or Chinese SKU is found (or not) by the ``lower(sku)`` index, without the scan
    of the SKUs that are not ASCII (which a cased letter beyond ASCII needs)."""
    from sqlalchemy import event

    from seller_desk.core.products import ProductData

    desk.products.save(ProductData(sku="杯子-1", name_zh="杯子"))
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = desk.store.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        for sku in ("NEW-1", "杯子-1", "杯子-2", "äpfel-9"):
            seen.clear()
            desk.products.validate(ProductData(sku=sku, name_zh="x"))
            scans = [q for q in seen if "GLOB" in q]
            assert bool(scans) is (sku == "äpfel-9"), (sku, seen)
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_sku_choices_are_a_prefix_in_any_case_on_every_database(store_url, tmp_path):
    """What a SKU field offers as the user types: the SKUs starting with the text (ASCII
    letters in any case; ``%`` and ``_`` are themselves), by lowered SKU, at most ``limit``."""
    from seller_desk.core.products import ProductData

    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        for sku, name in (("MUG-350-BLU", "保温杯"), ("mug-500", ""), ("MUGX", "x"),
                          ("LAMP-1", "台灯"), ("A%B", ""), ("A_B", ""), ("AXB", "")):
            desk.products.save(ProductData(sku=sku, name_zh=name, name_en=name or sku))
        choices = desk.products.sku_choices
        assert choices("mug-") == [("MUG-350-BLU", "保温杯"), ("mug-500", "mug-500")]
        assert [s for s, _ in choices("Mu")] == ["MUG-350-BLU", "mug-500", "MUGX"]
        assert [s for s, _ in choices("mu", 2)] == ["MUG-350-BLU", "mug-500"]
        assert [s for s, _ in choices("a%")] == ["A%B"] and [s for s, _ in choices("a_")] == ["A_B"]
        assert [s for s, _ in choices("")] == ["A%B", "A_B", "AXB", "LAMP-1", "MUG-350-BLU",
                                               "mug-500", "MUGX"]
        assert choices("nothing") == []
    finally:
        desk.close()


def test_odd_keys_are_read_through_their_partial_indexes(desk, tmp_path):
    """An import looks up the stored SKUs and MSKUs beyond printable ASCII through the partial
    indexes of products_0005, not a scan of every product and listing (SQLite: the plan of
    each such look-up an import runs names the index; it finds those keys)."""
    from sqlalchemy import event, text

    from seller_desk.core.products import ProductData
    from tests.services.test_products_import_digest import _products_csv

    desk.products.save(ProductData(sku="ÄPFEL-1", name_zh="苹果", name_en="apple"))
    for i in range(50):
        desk.products.save(ProductData(sku=f"PLAIN-{i}", name_zh="普通", name_en="plain"))
    seen: list[str] = []

    def remember(_conn, _cursor, sql, *_args):
        if "GLOB" in sql:
            seen.append(sql)

    engine = desk.store.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        path = _products_csv(tmp_path / "p.csv", 5)
        path.write_text(path.read_text("utf-8") + "äpfel-1,苹果,apple,,,,,,011,,,,,,,,,,CN,,,\n",
                        "utf-8")
        report = desk.imports.import_file(path)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert (report.imported, report.updated, report.rejected) == (5, 1, 0)  # ÄPFEL-1 found
    assert len(seen) == 2
    with desk.read() as s:
        plans = [" ".join(r[-1] for r in s.connection().exec_driver_sql(
            f"EXPLAIN QUERY PLAN {sql}")) for sql in seen]
        assert "USING INDEX ix_products_sku_odd" in plans[0], plans
        assert "USING INDEX ix_listings_msku_odd" in plans[1], plans
        names = set(s.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
                    .scalars())
    assert {"ix_products_sku_odd", "ix_listings_msku_odd"} <= names


def test_listings_in_msku_order_are_paged_through_an_index(desk, tmp_path):
    """The listings' default order (MSKU, then id, across stores) is read a page at a time
    through ix_listings_msku_id, not by sorting every listing (SQLite: no temporary B-tree
    in the plan of any page); a file at products_0005 gets the index when opened."""
    from sqlalchemy import event, text

    for store in ("Amazon US", "Amazon DE"):
        for i in (3, 1, 2):
            desk.products.save_listing(ListingData(platform="amazon", store=store,
                                                   msku=f"M-{i}", sku=""))
    seen: list[str] = []

    def remember(_conn, _cursor, sql, *_args):
        if "FROM listings" in sql and "ORDER BY" in sql:
            seen.append(sql)

    engine = desk.store.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        first = desk.products.query_listings(limit=4)
        rest = desk.products.query_listings(after=first[-1].sort_key, limit=4)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert [(r.msku, r.store) for r in first + rest] == [
        ("M-1", "Amazon US"), ("M-1", "Amazon DE"), ("M-2", "Amazon US"), ("M-2", "Amazon DE"),
        ("M-3", "Amazon US"), ("M-3", "Amazon DE")]
    assert len(seen) == 2
    with desk.read() as s:
        con = s.connection()
        plans = [" ".join(r[-1] for r in con.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}",
                                                             (None,) * sql.count("?")))
                 for sql in seen]
        for plan in plans:
            assert "ix_listings_msku_id" in plan and "TEMP B-TREE" not in plan, plan

    path = Path(desk.url.removeprefix("sqlite:///"))
    desk.close()
    old = file_at_revision(path, tmp_path / "old.sqlite", "products", "products_0005",
                           ["DROP INDEX ix_listings_msku_id"])
    upgraded = Desk.open(url_for_path(old), data_dir=tmp_path)
    try:
        with upgraded.read() as s:
            names = set(s.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' "
                                       "AND tbl_name = 'listings'")).scalars())
        assert {"ix_listings_msku_id", "ix_listings_store_id"} <= names
        assert [r.msku for r in upgraded.products.query_listings(limit=10)] == [
            "M-1", "M-1", "M-2", "M-2", "M-3", "M-3"]
    finally:
        upgraded.close()
