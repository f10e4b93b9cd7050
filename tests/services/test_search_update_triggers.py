"""The search index's update triggers fire only for the columns an index row is made of
(search_0005, issue #12), and a bulk update that holds one replaces the rows' index rows as
the trigger would have."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select, text

from seller_desk.store import search_index
from seller_desk.store.models import Product
from tests.services.test_area_bulk_imports import LISTINGS, _indexed
from tests.services.test_products_import_digest import _products_csv


def _changes(s, sql: str, **params) -> int:
    """The rows ``sql`` changed, those its triggers changed included."""
    raw = s.connection().connection.driver_connection
    before = raw.total_changes
    s.execute(text(sql), params)
    return raw.total_changes - before


def _found(desk, term: str) -> set[int]:
    found = desk.search.find(term, limit=50)
    return {i["ref"] for g in found["groups"] for i in g["items"] if i["kind"] == "product"}


def test_a_status_or_version_update_leaves_the_index_row_a_name_change_replaces_it(desk):
    desk.search.find("anything")  # the triggers a later migration dropped put back
    desk.imports.import_file(LISTINGS)
    with desk.write() as s:
        pid = s.scalars(select(Product.id).order_by(Product.id)).first()
        # what a push's answer and a digest write do: no index work
        assert _changes(s, "UPDATE products SET remote_status = 'approved', "
                           "version = version + 1, import_digest = 'x' WHERE id = :i", i=pid) == 1
        assert _changes(s, "UPDATE products SET name_en = 'Walnut tray' WHERE id = :i",
                        i=pid) > 1
    assert _found(desk, "Walnut tray") == {pid}
    with desk.read() as s:
        have, want = _indexed(s, "products")
        assert have == want


def test_a_file_before_search_0005_gets_the_triggers_on_open(desk, tmp_path: Path):
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    desk.search.find("anything")
    path = Path(desk.url.removeprefix("sqlite:///"))
    desk.close()
    old = tmp_path / "old.sqlite"
    shutil.copy(path, old)
    with sqlite3.connect(old) as con:
        for statement in search_index.update_triggers_statements(only_indexed=False):
            con.execute(statement)
        con.execute("UPDATE alembic_version SET version_num = 'search_0004' "
                    "WHERE version_num = 'search_0005'")
        assert con.execute("SELECT changes()").fetchone() == (1,)
        assert "UPDATE OF" not in con.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'search_index_products_au'").fetchone()[0]
    upgraded = Desk.open(url_for_path(old), data_dir=tmp_path)
    try:
        with upgraded.read() as s:
            made = dict(s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = "
                                       "'trigger' AND name LIKE 'search_index_%_au'")).all())
        assert made == {search_index.update_trigger(t): search_index.update_trigger_statement(t)
                        for _c, t, *_r in search_index.SOURCES}
        assert "AFTER UPDATE OF id, sku, name_zh, name_en, declared_name, barcode ON products" \
            in made["search_index_products_au"]
    finally:
        upgraded.close()


def test_products_updated_by_an_import_are_indexed_as_their_trigger_would(desk, tmp_path):
    desk.search.find("anything")
    desk.imports.import_file(_products_csv(tmp_path / "p.csv", 60))
    changed = desk.imports.import_file(_products_csv(tmp_path / "p2.csv", 60, changed=True))
    assert changed.updated > 10 and changed.imported == 150
    with desk.read() as s:
        have, want = _indexed(s, "products")
        assert have == want and len(have) == 210
        seven = s.scalar(select(Product.id).where(Product.sku == "SKU-0000007"))
    assert seven in _found(desk, "Product 7 (new)")
