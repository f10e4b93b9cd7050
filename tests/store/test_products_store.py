"""The products migration on a file from the first release, and its constraints."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from seller_desk.core.products import ListingData
from seller_desk.desk import Desk
from seller_desk.store.db import url_for_path
from seller_desk.store.models import Product
from seller_desk.store.models.products import Listing, Store

OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"


def test_old_file_gets_the_products_tables_and_keeps_its_product(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD_RELEASE, path)
    desk = Desk.open(url_for_path(path), data_dir=tmp_path)
    try:
        with desk.read() as s:
            tables = set(inspect(s.connection()).get_table_names())
        assert {"stores", "listings", "negative_list_entries", "product_list_hits",
                "import_presets", "product_files"} <= tables
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
